"""Caching where it is safe: a change to the catalog invalidates whatever was cached,
staff bypass the cache, anonymous visitors never see drafts, and a visitor whose copy is
current gets 304 Not Modified."""

import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.db import connection

from catalog.caching import cached, version
from catalog.models import Agency, Person, Place, Status


def test_writes_to_catalog_tables_are_recognised():
    assert version.changes_catalog('INSERT INTO "catalog_person" ("slug") VALUES (%s)')
    assert version.changes_catalog('UPDATE "catalog_agency" SET "status" = %s')
    assert version.changes_catalog('DELETE FROM "catalog_document_subjects" WHERE 1')
    assert version.changes_catalog("INSERT OR REPLACE INTO catalog_document_fts VALUES (1)")
    assert not version.changes_catalog('SELECT * FROM "catalog_person"')
    assert not version.changes_catalog('INSERT INTO "catalog_historicalperson" VALUES (1)')
    assert not version.changes_catalog('UPDATE "catalog_catalogversion" SET "token" = %s')
    assert not version.changes_catalog('INSERT INTO "django_session" VALUES (1)')


@pytest.mark.django_db
def test_every_kind_of_write_changes_the_version():
    seen = [version.current()]

    def changed() -> bool:
        seen.append(version.current())
        return seen[-1] != seen[-2]

    person = Person.objects.create(slug="a", preferred_name="A")
    assert changed()
    Person.objects.filter(pk=person.pk).update(status=Status.PUBLISHED)
    assert changed()
    Person.objects.bulk_create([Person(slug="b", preferred_name="B")])
    assert changed()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_person WHERE slug = %s", ["b"])
    assert changed()
    Person.objects.filter(slug="a").exists()
    User.objects.create_user("reader")
    assert not changed()


@pytest.mark.django_db
def test_cached_values_last_until_the_catalog_changes(rf):
    calls = []

    def compute():
        calls.append(1)
        return Place.objects.count()

    def ask(user=None):
        request = rf.get("/places/")
        request.user = user or _anonymous()
        return cached(request, ("places",), compute)

    assert ask() == 0 and ask() == 0 and len(calls) == 1
    Place.objects.create(slug="baghdad", name="Baghdad")
    assert ask() == 1 and len(calls) == 2
    staff = User.objects.create_user("archivist", is_staff=True)
    assert ask(staff) == 1 and ask(staff) == 1 and len(calls) == 4  # never from the cache


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_a_published_change_reaches_a_cached_list_at_once(seed, client):
    assert "Ministry of Truth" not in client.get("/agencies/").content.decode()
    truth = Agency.objects.create(slug="truth", name="Ministry of Truth", status=Status.PUBLISHED)
    assert "Ministry of Truth" in client.get("/agencies/").content.decode()
    # Unpublished in bulk, as an admin action does: gone from the cached list too.
    Agency.objects.filter(pk=truth.pk).update(status=Status.DRAFT)
    assert "Ministry of Truth" not in client.get("/agencies/").content.decode()
    assert "Ministry of Truth" not in client.get("/agencies/?country=").content.decode()


def test_staff_and_anonymous_never_share_what_is_cached(seed, client):
    Agency.objects.create(slug="secret-bureau", name="Secret Bureau")
    Place.objects.create(slug="nowhere", name="Nowhere")
    staff = User.objects.create_user("archivist", is_staff=True)
    client.force_login(staff)
    assert "Secret Bureau" in client.get("/agencies/").content.decode()
    client.logout()
    assert "Secret Bureau" not in client.get("/agencies/").content.decode()
    client.force_login(staff)
    assert "Secret Bureau" in client.get("/agencies/").content.decode()


def test_a_current_copy_is_answered_with_not_modified(seed, client):
    first = client.get("/persons/")
    etag = first["ETag"]
    assert first.status_code == 200 and etag and "no-cache" in first["Cache-Control"]
    again = client.get("/persons/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    # Another page, or the same page after a change, is a new copy.
    assert client.get("/persons/?page=2", headers={"If-None-Match": etag}).status_code == 200
    Person.objects.create(slug="new", preferred_name="New Person", status=Status.PUBLISHED)
    changed = client.get("/persons/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "New Person" in changed.content.decode()
    assert changed["ETag"] != etag


def test_the_not_modified_answer_runs_no_view(seed, client, django_assert_num_queries):
    etag = client.get("/agencies/mfs/")["ETag"]
    with django_assert_num_queries(1):  # the catalog version
        assert client.get("/agencies/mfs/", headers={"If-None-Match": etag}).status_code == 304


def test_signed_in_users_get_no_etag_and_never_a_not_modified(seed, client):
    etag = client.get("/persons/")["ETag"]
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    response = client.get("/persons/", headers={"If-None-Match": etag})
    assert response.status_code == 200 and not response.has_header("ETag")


def test_the_admin_gets_no_etag(client, db):
    assert not client.get("/admin/login/").has_header("ETag")


@pytest.mark.parametrize(
    "environment, backend",
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/2"}, "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_redis_is_used_when_redis_url_is_set(environment, backend):
    code = "import config.settings as s; print(s.CACHES['default']['BACKEND'])"
    env = {"PATH": "/usr/bin:/bin", "REDIS_URL": "", **environment}
    result = subprocess.run(  # noqa: S603 - our own settings, in a fresh interpreter
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == backend
