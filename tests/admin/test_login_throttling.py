"""Guessing passwords: after a few wrong ones, even the right one is refused for a while."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.admin.accounts import create_catalog_user

LOGIN = reverse("admin:login")


@pytest.fixture
def login(db):
    return create_catalog_user("eva", "editor")


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_thirty_wrong_passwords_then_the_right_one_is_refused(login):
    user, password = login
    client = Client()
    for _ in range(30):
        assert attempt(client, "eva", "wrong").status_code in (200, 429)
    response = attempt(client, "eva", password)
    assert response.status_code == 429
    page = " ".join(response.content.decode().split())
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert (
        f"Too many wrong passwords: after {settings.AXES_FAILURE_LIMIT} failed attempts, "
        f"logging in as “eva” from this computer is refused for {minutes} minutes, "
        "even with the right password." in page
    )
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_lockout_period(login):
    from axes.models import AccessAttempt

    user, password = login
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "eva", "wrong")
    assert attempt(client, "eva", password).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=past)
    response = attempt(client, "eva", password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_few_mistakes_do_not_lock_anyone_out(login):
    user, password = login
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "eva", "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert attempt(client, "eva", password).status_code == 302


def test_another_login_is_not_locked_by_guesses_at_one(login, db):
    other, other_password = create_catalog_user("ada", "archivist")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "eva", "wrong")
    assert attempt(client, "ada", other_password).status_code == 302
