"""What the unfiltered document list and the home page show of the whole catalog (totals,
facets, date spans, counts), stored once per catalog stamp for the public
(catalog.caching.summaries): read in one query however large the catalog, replaced after
every publication, unpublication or restriction, and never counting what the public may
not see."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import ContactEvent, Document, ListSummary, Restriction, Status
from tests.restrictions.helpers import withhold
from tests.search import records


@pytest.fixture
def uncached(settings):
    """No cache at all, as the bench measures: every request runs its view."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def add(start: int, count: int, status: str = Status.PUBLISHED) -> None:
    for n in range(start, start + count):
        records.document(
            f"report-{n:03}",
            f"Report {n:03} on Iraqi contacts",
            f"Iraqi contacts, number {n}.",
            date=f"{1960 + n % 20}",
            subjects=(f"Subject {n % 3}",),
            status=status,
        )
        ContactEvent.objects.create(
            slug=f"meeting-{n:03}",
            title=f"Meeting {n:03}",
            kind="meeting",
            date=f"{1960 + n % 20}",
            status=status,
        )


def read(client, url: str) -> tuple[list[str], object]:
    """The SQL of a request (the second one: the first after a change stores), and its
    response."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured], response


PAGES = ["/", "/documents/", "/events/"]


def test_the_pages_read_the_stored_counts_in_the_same_queries_as_the_catalog_grows(
    db, client, uncached
):
    add(0, 30)
    few = {url: read(client, url)[0] for url in PAGES}
    first = client.get("/documents/").context["page"].object_list
    second = f"/documents/?sort=date&after={first[-1].pk}"
    few[second] = read(client, second)[0]
    add(30, 90)
    many = {url: read(client, url)[0] for url in PAGES}
    first = client.get("/documents/").context["page"].object_list
    second = f"/documents/?sort=date&after={first[-1].pk}"
    many["page 2"] = read(client, second)[0]
    few["page 2"] = few.pop(next(url for url in few if "after=" in url))
    assert {url: len(sql) for url, sql in many.items()} == {
        url: len(sql) for url, sql in few.items()
    }
    assert all(len(sql) <= 12 for sql in many.values())
    # Nothing counts over the whole catalog: the totals, facets and counts are read whole
    # (the events' total with the counts their filters rank by, catalog.caching.counts).
    for url in ("/", "/documents/", "page 2", "/events/"):
        assert not [sql for sql in many[url] if "COUNT(" in sql.upper()], url


def test_the_stored_counts_follow_publishing_unpublishing_and_restrictions(db, client, uncached):
    add(0, 5)
    add(5, 2, status=Status.DRAFT)

    def shown() -> tuple[int, str, int]:
        listing = client.get("/documents/")
        home = client.get("/").content.decode()
        # The events follow their documents here: the same number published.
        events = client.get("/events/").context["page"].paginator.count
        assert f"<strong>{events}</strong> contact event" in home
        subjects = {v.label: v.count for f in listing.context["facets"] for v in f.values}
        return listing.context["total"], home, subjects.get("Subject 0", 0)

    total, home, subject = shown()
    assert (total, subject) == (5, 2)  # reports 0 and 3; the draft 6 is not counted
    assert "<strong>5</strong> documents" in home
    assert ListSummary.objects.filter(kind__in=["documents", "home"]).count() == 2

    draft = Document.objects.get(slug="report-006")
    draft.status = Status.PUBLISHED
    draft.save()
    ContactEvent.objects.filter(slug="meeting-006").update(status=Status.PUBLISHED)
    total, home, subject = shown()
    assert (total, subject) == (6, 3)
    assert "<strong>6</strong> documents" in home

    published = Document.objects.get(slug="report-000")
    published.status = Status.DRAFT
    published.save()
    ContactEvent.objects.filter(slug="meeting-000").update(status=Status.DRAFT)
    total, home, subject = shown()
    assert (total, subject) == (5, 2)
    assert "<strong>5</strong> documents" in home

    withhold(scope=Restriction.Scope.DOCUMENT, document=Document.objects.get(slug="report-003"))
    total, home, subject = shown()
    assert (total, subject) == (4, 1)
    assert "<strong>4</strong> documents" in home


def test_staff_see_drafts_counted_afresh_and_never_stored_for_the_public(db, client, uncached):
    add(0, 4)
    add(4, 3, status=Status.DRAFT)
    staff = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/documents/").context["total"] == 7
    assert "<strong>7</strong> documents" in client.get("/").content.decode()
    assert not ListSummary.objects.exists()
    client.logout()
    assert client.get("/documents/").context["total"] == 4
    html = client.get("/").content.decode()
    assert "<strong>4</strong> documents" in html
    assert "<strong>4</strong> contact events" in html
    # Stored, and read again, for the public only.
    stored = ListSummary.objects.get(kind="documents").data
    assert stored["total"] == 4
    assert client.get("/documents/").context["total"] == 4
