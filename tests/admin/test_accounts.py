"""Logins for archivists and editors, and the groups the migration creates."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from catalog.admin.accounts import AccountError, create_catalog_user


def test_the_migration_creates_the_two_roles_with_their_rights(db):
    archivist = Group.objects.get(name="Archivist")
    editor = Group.objects.get(name="Editor")
    archivist_perms = set(archivist.permissions.values_list("codename", flat=True))
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_document", "change_person", "delete_mention", "view_agency"} <= archivist_perms
    assert not any(name.startswith("publish_") for name in archivist_perms)
    assert editor_perms - archivist_perms == {
        "publish_document",
        "publish_person",
        "publish_agency",
        "publish_contactevent",
        "publish_collection",
    }


def test_the_group_migration_can_run_again_without_change(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("catalog.migrations.0003_admin_permissions_data")
    before = Group.objects.get(name="Editor").permissions.count()
    migration.create_groups(apps, None)
    assert Group.objects.filter(name="Editor").count() == 1
    assert Group.objects.get(name="Editor").permissions.count() == before


def test_a_catalog_user_is_staff_in_one_group_with_a_generated_password(db):
    user, password = create_catalog_user("ada", "archivist", email="ada@example.org")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Archivist"]
    assert user.check_password(password)
    _, other = create_catalog_user("eva", "editor")
    assert other != password and len(other) >= 16


def test_a_catalog_user_cannot_be_created_twice_or_in_an_unknown_role(db):
    create_catalog_user("ada", "archivist")
    with pytest.raises(AccountError, match="exists already"):
        create_catalog_user("ada", "editor")
    with pytest.raises(AccountError, match="Unknown role “admin”"):
        create_catalog_user("bob", "admin")


def test_the_command_prints_the_password_once(db):
    out = StringIO()
    call_command("create_catalog_user", "ada", "--group", "editor", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="ada")
    assert user.check_password(password)
    assert user.has_perm("catalog.publish_document")
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_catalog_user", "ada", "--group", "editor", stdout=StringIO())


def test_make_runs_first_login_is_an_editor_not_a_superuser(db):
    out = StringIO()
    call_command("create_archivist", stdout=out)
    user = get_user_model().objects.get(username="archivist")
    assert not user.is_superuser and user.is_staff
    assert user.has_perm("catalog.publish_person")
    assert "(Editor)" in out.getvalue()
    out = StringIO()
    call_command("create_archivist", stdout=out)
    assert "exists already" in out.getvalue()
