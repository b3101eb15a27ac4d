"""Each page makes a fixed number of queries, however many records there are."""

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, Document, Person, Place, Subject
from tests.views import factories as make

# (url, most queries allowed for an anonymous visitor, with nothing cached yet; one of them
# reads the catalog version, catalog.caching)
PAGES = [
    # The first page after a change to the catalog also reads the restrictions of the
    # withheld view (catalog.restrictions), once per catalog version and day, and counts
    # what the home page shows of the whole catalog, and stores it (catalog.caching.summaries).
    ("/", 12),
    # One of them reads the scanned pages the viewer shows (catalog.scans.iiif).
    ("/documents/mfs-relations-with-iraqi-intelligence-1986/", 12),
    ("/documents/mfs-relations-with-iraqi-intelligence-1986/cite.bib", 7),
    # The first list page after a change counts for the public, and stores, the contact
    # events of agencies and persons (the choices of its filters) or the documents of places
    # and subjects (catalog.caching.counts): two queries, once per catalog version and day.
    ("/persons/", 9),
    (
        "/persons/?name=shaker&country=Iraq&agency=iraq-rcc-security-office&office=head&date_from=1970",
        8,
    ),
    ("/persons/saadoun-shaker/", 8),
    # The agencies' tree is drawn once per version and day and stored; a page reads its
    # rows, their trees' tops and the agencies on it.
    ("/agencies/", 9),
    (
        "/agencies/?name=main&country=German+Democratic+Republic&part_of=mfs&date_to=1990",
        9,
    ),
    # Each long list (documents, contact events) reads a page and its total in one query.
    ("/agencies/mfs/", 11),
    # The whole network is summarised for the public once per version and day and stored
    # (four queries: the events with agencies counted, the participants of those with
    # agencies on both sides, and the stored rows replaced); a page then reads it back, and
    # the agencies drawn with their names.
    ("/network/", 8),
    ("/events/", 10),
    ("/events/?country=Iraq&date_from=1970", 9),
    ("/events/?person=saadoun-shaker&agency=mfs", 11),
    ("/events/1975-08-29-scholz-meets-saadoun-shaker/", 5),
    ("/subjects/", 6),
    ("/subjects/counterintelligence/", 4),
    ("/places/", 5),
    # A place's two lists each read their stored total (documents, then events) and a page.
    ("/places/iraq/", 7),
    # A query a section of published records (its latest change); the sizes of all sections
    # read in one query (counted for the public and stored in two, once per version and day).
    ("/sitemap.xml", 10),
    ("/sitemap-documents.xml", 3),
]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_seed(count: int) -> None:
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), count)
    # The seed's subject and place gain documents too.
    for document in Document.objects.filter(slug__startswith="extra-"):
        document.subjects.add(Subject.objects.get(slug="counterintelligence"))
        document.places.add(Place.objects.get(slug="iraq"))


def test_every_page_makes_the_same_few_queries_as_the_catalog_grows(
    seed, client, django_assert_max_num_queries
):
    before = {}
    for url, most in PAGES:
        with django_assert_max_num_queries(most, info=url):
            client.get(url)
        before[url] = count_queries(client, url)
    grow_seed(12)
    for url, most in PAGES:
        with django_assert_max_num_queries(most, info=url):
            client.get(url)
        after = count_queries(client, url)
        assert after == before[url], f"{url}: {before[url]} queries, {after} with more records"


def test_the_grown_records_show_on_the_pages(seed, client):
    """The growth above reaches the lists it is meant to lengthen."""
    grow_seed(3)
    shaker = client.get("/persons/saadoun-shaker/").content.decode()
    assert "Meeting extra 2" in shaker and "Officer 2" in shaker
    mfs = client.get("/agencies/mfs/").content.decode()
    assert "Agency extra 1" in mfs and "Person extra 0" in mfs
    # The filtered lists above find something, so that their pages are drawn in full.
    for url, slug in [(PAGES[4][0], "saadoun-shaker"), (PAGES[7][0], "mfs-ha-iii")]:
        assert f"/{slug}/" in client.get(url).content.decode(), url


def test_staff_pages_add_only_the_session_queries(seed, client):
    url = "/persons/saadoun-shaker/"
    anonymous = count_queries(client, url)
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    assert count_queries(client, url) <= anonymous + 2
