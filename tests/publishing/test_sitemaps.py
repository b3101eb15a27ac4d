"""The sitemap: an index of sections, published records only, at most 10,000 a section."""

from xml.etree import ElementTree

import pytest

from catalog.models import Agency, Collection, Document, Person, Status
from catalog.publishing import sitemaps
from tests.views import factories as make

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    tree = ElementTree.fromstring(response.content)
    return [loc.text.removeprefix("http://testserver") for loc in tree.iter(f"{SM}loc")]


def test_the_index_names_a_section_per_kind_of_page(seed, client):
    sections = locations(client, "/sitemap.xml")
    assert sections == [
        f"/sitemap-{name}.xml"
        for name in (
            *("pages", "documents", "persons", "agencies", "events", "collections"),
            *("subjects", "places"),
        )
    ]
    index = client.get("/sitemap.xml").content.decode()
    assert "<lastmod>" in index  # the latest change of the records of a section


def test_the_pages_section_lists_the_home_page_and_every_list(seed, client):
    assert locations(client, "/sitemap-pages.xml") == [
        "/", "/documents/", "/collections/", "/events/", "/persons/", "/agencies/", "/subjects/",
        "/places/",
        "/network/",
    ]  # fmt: skip


def test_sections_list_published_records_only(seed, client):
    make.document("unreleased-memo", "Nothing to see.", status=make.DRAFT)
    Person.objects.create(slug="hidden-harald", preferred_name="Hidden Harald")
    Agency.objects.create(slug="secret-bureau", name="Secret Bureau")
    documents = locations(client, "/sitemap-documents.xml")
    assert documents == ["/documents/mfs-relations-with-iraqi-intelligence-1986/"]
    persons = locations(client, "/sitemap-persons.xml")
    assert "/persons/saadoun-shaker/" in persons and "/persons/hidden-harald/" not in persons
    assert "/agencies/secret-bureau/" not in locations(client, "/sitemap-agencies.xml")
    assert "/places/baghdad/" in locations(client, "/sitemap-places.xml")
    assert "/subjects/counterintelligence/" in locations(client, "/sitemap-subjects.xml")
    events = locations(client, "/sitemap-events.xml")
    assert "/events/1975-08-29-scholz-meets-saadoun-shaker/" in events
    Collection.objects.create(slug="iraq", title="Iraq", status=Status.PUBLISHED)
    Collection.objects.create(slug="hidden-collection", title="Hidden")
    assert locations(client, "/sitemap-collections.xml") == ["/collections/iraq/"]


def test_a_section_longer_than_its_limit_is_split_into_pages(seed, client, monkeypatch):
    monkeypatch.setattr(sitemaps.PersonSitemap, "limit", 4)
    published = Person.objects.published().count()
    pages = -(-published // 4)
    index = locations(client, "/sitemap.xml")
    assert "/sitemap-persons.xml" in index
    assert [f"/sitemap-persons.xml?p={n}" for n in range(2, pages + 1)] == [
        loc for loc in index if loc.startswith("/sitemap-persons.xml?p=")
    ]
    listed = [
        loc for n in range(1, pages + 1) for loc in locations(client, f"/sitemap-persons.xml?p={n}")
    ]
    assert len(listed) == len(set(listed)) == published


def test_the_limit_is_ten_thousand():
    for site in sitemaps.SITEMAPS.values():
        assert site().limit <= 10_000


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-persons.xml", "/sitemap-places.xml"])
def test_sitemaps_make_the_same_few_queries_as_the_catalog_grows(
    seed, client, django_assert_max_num_queries, url
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 15)
    assert Document.objects.count() > 10
    # A section's latest change: one query; the sizes of all: one, read from those stored
    # (two more to count and store them, once per catalog version and day).
    with django_assert_max_num_queries(10):
        assert queries() == before


def test_the_index_lists_more_pages_not_more_queries_as_a_section_grows(seed, client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(sitemaps.DocumentSitemap, "limit", 2)

    def index() -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as captured:
            listed = locations(client, "/sitemap.xml")
        return [loc for loc in listed if loc.startswith("/sitemap-documents.xml")], len(captured)

    pages, queries = index()
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 9)
    published = Document.objects.published().count()
    grown, queries_grown = index()
    assert len(grown) == -(-published // 2) > len(pages)
    assert queries_grown == queries


def test_a_sections_latest_change_is_that_of_its_published_records(seed, client):
    make.document("later-draft", "Nothing to see.", status=make.DRAFT)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    dates = {
        entry.findtext(f"{SM}loc").rsplit("/", 1)[-1]: entry.findtext(f"{SM}lastmod")
        for entry in index.iter(f"{SM}sitemap")
    }
    latest = Document.objects.published().latest("modified").modified
    assert dates["sitemap-documents.xml"].startswith(latest.date().isoformat())
    assert latest < Document.objects.get(slug="later-draft").modified


def test_the_stored_sizes_count_the_public_records_and_follow_every_change(
    seed, client, monkeypatch
):
    """A page a document: the index's pages of documents are those the public may see, and
    publishing, unpublishing or withholding one changes them at once."""
    from catalog.models import Restriction
    from tests.restrictions.helpers import withhold

    monkeypatch.setattr(sitemaps.DocumentSitemap, "limit", 1)

    def pages() -> int:
        listed = locations(client, "/sitemap.xml")
        return len([loc for loc in listed if loc.startswith("/sitemap-documents.xml")])

    for n in range(3):
        make.document(f"sized-{n}", "A memo.")
    draft = make.document("sized-draft", "A memo.", status=make.DRAFT).document
    published = Document.objects.published().count()
    assert pages() == published
    draft.status = Status.PUBLISHED
    draft.save()
    assert pages() == published + 1
    withhold(scope=Restriction.Scope.DOCUMENT, document=draft)
    assert pages() == published
    Document.objects.filter(slug="sized-0").update(status=Status.DRAFT)
    assert pages() == published - 1
    # The last page of the section is there, and no page past it.
    assert client.get(f"/sitemap-documents.xml?p={published - 1}").status_code == 200
    assert client.get(f"/sitemap-documents.xml?p={published}").status_code == 404
