"""The catalog version changes once per committed transaction, after the commit: never before
the data is visible, never for a rolled-back write, and without making other writers wait.

These tests commit for real (``transaction=True``), as the site does.
"""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from catalog.caching import version
from catalog.models import Agency, Person, Status, Subject

pytestmark = pytest.mark.django_db(transaction=True)


def bumps(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith("UPDATE") and version.TABLE in q["sql"])


def test_the_version_changes_once_a_transaction_commits_and_not_before():
    before = version.current()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Person.objects.create(slug="a", preferred_name="A")
        Person.objects.bulk_create([Person(slug="b", preferred_name="B")])
        Person.objects.filter(slug="a").update(status=Status.PUBLISHED)
        # The writes are not visible to others yet: neither is a new version.
        assert version.current() == before

    after = version.current()
    assert after != before
    assert bumps(queries) == 1  # one bump for the whole transaction


def test_a_rolled_back_transaction_leaves_the_version_alone():
    before = version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.create(slug="a", preferred_name="A")
        raise RuntimeError("the import failed")

    assert version.current() == before
    assert not Person.objects.exists()


def test_a_write_in_a_rolled_back_savepoint_still_bumps_for_the_later_writes():
    before = version.current()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Person.objects.create(slug="a", preferred_name="A")
            raise RuntimeError("one row refused")
        Person.objects.create(slug="b", preferred_name="B")

    assert version.current() != before


def test_after_a_rolled_back_transaction_the_next_one_bumps_again():
    before = version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.create(slug="a", preferred_name="A")
        raise RuntimeError("the import failed")
    with transaction.atomic():
        Person.objects.create(slug="b", preferred_name="B")

    assert version.current() != before


def test_each_committed_transaction_bumps_once():
    seen = [version.current()]
    for slug in ("a", "b"):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            Person.objects.create(slug=slug, preferred_name=slug.upper())
            Person.objects.filter(slug=slug).update(status=Status.PUBLISHED)
        assert bumps(queries) == 1
        seen.append(version.current())
    assert len(set(seen)) == 3


def test_a_savepoint_rolled_back_after_the_bump_was_asked_keeps_it_once():
    before = version.current()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Person.objects.create(slug="a", preferred_name="A")
        with pytest.raises(RuntimeError), transaction.atomic():
            Person.objects.create(slug="b", preferred_name="B")
            raise RuntimeError("one row refused")
        Person.objects.create(slug="c", preferred_name="C")

    assert version.current() != before
    assert bumps(queries) == 1
    assert sorted(Person.objects.values_list("slug", flat=True)) == ["a", "c"]


def test_a_cached_page_changes_after_a_commit(client):
    with transaction.atomic():
        Agency.objects.create(slug="mfs", name="Ministry for State Security", status="published")
    first = client.get("/agencies/")
    assert "Ministry of Truth" not in first.content.decode()
    assert client.get("/agencies/", headers={"If-None-Match": first["ETag"]}).status_code == 304

    with transaction.atomic():
        Agency.objects.create(slug="truth", name="Ministry of Truth", status="published")

    again = client.get("/agencies/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "Ministry of Truth" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_a_long_write_transaction_does_not_block_an_admin_save(client):
    """On PostgreSQL, a transaction holding a catalog write open (an import) while an
    archivist saves in the admin: the save and its version bump go through at once, and the
    import's own bump follows its commit. With the bump inside each transaction, the admin's
    bump waited for the import's lock on the version row (here: failed after lock_timeout).
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time whatever the version does")
    client.force_login(User.objects.create_superuser("archivist"))
    started, release, failures = threading.Event(), threading.Event(), []

    def long_import():
        try:
            with transaction.atomic():
                Person.objects.create(slug="imported", preferred_name="Imported")
                started.set()
                release.wait(60)
        except Exception as err:  # reported by the main thread
            failures.append(err)
        finally:
            connections.close_all()

    importer = threading.Thread(target=long_import)
    importer.start()
    try:
        assert started.wait(60)
        before = version.current()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # a blocked save fails instead of hanging
        response = client.post(
            "/admin/catalog/subject/add/",
            {"name": "Counter-intelligence", "slug": "counter-intelligence", "description": ""},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Subject.objects.filter(slug="counter-intelligence").exists()
        saved = version.current()
        assert saved != before
        assert not Person.objects.filter(slug="imported").exists()  # still uncommitted
    finally:
        release.set()
        importer.join(60)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")

    assert not failures
    assert Person.objects.filter(slug="imported").exists()
    assert version.current() != saved
