"""The public lists at scale: the same queries at any size, bounded filter choices, and
counts (stored per catalog version and day, catalog.caching.counts) that show the public
only what it may see."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, ContactEvent, Document, Person, Place, Restriction, Subject
from catalog.views import filters
from tests.restrictions.helpers import withhold
from tests.views import factories as make

LISTS = ["/persons/", "/agencies/", "/events/", "/places/", "/subjects/"]


@pytest.fixture
def uncached(settings):
    """No cache at all, as the bench measures: every request runs its view."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(count: int, prefix: str) -> None:
    shaker, mfs = Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs")
    make.grow(shaker, mfs, count, prefix=prefix)
    for document in Document.objects.filter(slug__startswith=f"{prefix}-"):
        document.subjects.add(Subject.objects.get(slug="counterintelligence"))
        document.places.add(Place.objects.get(slug="iraq"))


def test_each_list_makes_the_same_few_queries_however_many_records(
    seed, client, uncached, monkeypatch
):
    # Fewer choices than records, so that the selects are full at both sizes.
    monkeypatch.setattr(filters, "CHOICES", 3)
    grow(4, "small")
    # The first request after a change counts what it stores; the next ones read it.
    first = {url: queries(client, url) for url in LISTS}
    then = {url: queries(client, url) for url in LISTS}
    grow(20, "large")
    assert {url: queries(client, url) for url in LISTS} == first
    assert {url: queries(client, url) for url in LISTS} == then
    assert max(first.values()) <= 12
    # Only the first reads the withheld view, counts and stores; then the subjects' counts
    # are read for the page's rows, in one query.
    assert first["/subjects/"] - then["/subjects/"] == 3


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def options(html: str, name: str) -> list[tuple[str, bool]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, bool(selected))
        for value, selected in re.findall(r'<option value="([^"]*)"( selected)?>', select)
    ]


def test_the_selects_offer_the_agencies_and_persons_in_most_contacts_and_the_one_chosen(
    seed, client, monkeypatch
):
    monkeypatch.setattr(filters, "CHOICES", 3)
    grow(6, "extra")
    agencies = [value for value, _ in options(main_html(client.get("/events/")), "agency")]
    # The MfS took part in every grown contact, the most of all.
    assert len(agencies) == 4 and agencies[0] == "" and "mfs" in agencies[1:]
    persons = [value for value, _ in options(main_html(client.get("/events/")), "person")]
    assert len(persons) == 4 and "saadoun-shaker" in persons
    # An agency outside the offered ones still filters, and is offered while chosen.
    assert "extra-agency-5" not in agencies
    html = main_html(client.get("/events/?agency=extra-agency-5"))
    assert ("extra-agency-5", True) in options(html, "agency")
    assert "Meeting extra 5" in html and "Meeting extra 4" not in html
    # The same bounded select on the persons' and the agencies' lists.
    for url, name in (("/persons/", "agency"), ("/agencies/", "part_of")):
        assert len(options(main_html(client.get(url)), name)) == 4


def withhold_document(document: Document) -> None:
    withhold(scope=Restriction.Scope.DOCUMENT, document=document)


def counts_of(client, url: str, name: str) -> str:
    html = main_html(client.get(url))
    row = re.search(rf">{name}</a>[^<]*<span class=\"meta\">\(([^)]*)\)", html)
    return row.group(1)


def test_place_and_subject_counts_leave_out_drafts_and_withheld_documents_and_follow_changes(
    seed, client
):
    place = Place.objects.create(slug="atlantis", name="Atlantis", kind="city")
    subject = Subject.objects.create(slug="sunken-cities", name="Sunken cities")
    documents = {}
    for slug, status in (("shown", "published"), ("draft", "draft"), ("withheld", "published")):
        documents[slug] = make.document(f"atlantis-{slug}", "Text.", status=status).document
        documents[slug].places.add(place)
        documents[slug].subjects.add(subject)
    withhold_document(documents["withheld"])
    for title, status in (("Seen", "published"), ("Unseen", "draft")):
        ContactEvent.objects.create(
            slug=f"atlantis-{title}", title=title, kind="meeting", status=status, place=place
        )
    assert counts_of(client, "/places/", "Atlantis") == "city; 1 document, 1 contact event"
    assert counts_of(client, "/subjects/", "Sunken cities") == "1 document"

    # Publishing a document changes the catalog version: the counts are counted again.
    Document.objects.filter(pk=documents["draft"].pk).update(status="published")
    assert counts_of(client, "/places/", "Atlantis") == "city; 2 documents, 1 contact event"
    assert counts_of(client, "/subjects/", "Sunken cities") == "2 documents"
    # So does lifting a restriction, and unpublishing.
    Restriction.objects.filter(document=documents["withheld"]).delete()
    Document.objects.filter(pk=documents["shown"].pk).update(status="draft")
    assert counts_of(client, "/subjects/", "Sunken cities") == "2 documents"
    ContactEvent.objects.filter(slug="atlantis-Unseen").update(status="published")
    assert counts_of(client, "/places/", "Atlantis") == "city; 2 documents, 2 contact events"


def test_staff_see_drafts_counted_and_the_public_never_does(seed, client):
    subject = Subject.objects.create(slug="sunken-cities", name="Sunken cities")
    for slug, status in (("shown", "published"), ("draft", "draft")):
        make.document(f"atlantis-{slug}", "Text.", status=status).document.subjects.add(subject)
    staff = User.objects.create_user("eva", password="pw-long-enough", is_staff=True)
    client.force_login(staff)
    assert counts_of(client, "/subjects/", "Sunken cities") == "2 documents"
    client.logout()
    assert counts_of(client, "/subjects/", "Sunken cities") == "1 document"
    client.force_login(staff)
    assert counts_of(client, "/subjects/", "Sunken cities") == "2 documents"
