"""Logins for the admin tests: an archivist and an editor, made as the command makes them."""

import pytest
from django.test import Client

from catalog.admin.accounts import create_catalog_user


@pytest.fixture
def archivist(db):
    user, _ = create_catalog_user("ada", "archivist")
    return user


@pytest.fixture
def editor(db):
    user, _ = create_catalog_user("eva", "editor")
    return user


@pytest.fixture
def archivist_client(archivist):
    client = Client()
    client.force_login(archivist)
    return client


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def officer(db):
    user, _ = create_catalog_user("olga", "officer")
    return user


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client
