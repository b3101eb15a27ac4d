"""Each page makes a fixed number of queries, however many records there are."""

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Agency, Document, Person, Place, Subject
from tests.views import factories as make

# (url, most queries allowed for an anonymous visitor)
PAGES = [
    ("/", 7),
    ("/documents/mfs-relations-with-iraqi-intelligence-1986/", 9),
    ("/documents/mfs-relations-with-iraqi-intelligence-1986/cite.bib", 6),
    ("/persons/", 2),
    ("/persons/saadoun-shaker/", 7),
    ("/agencies/", 2),
    ("/agencies/mfs/", 11),
    ("/network/", 3),
    ("/events/", 7),
    ("/events/?country=Iraq&date_from=1970", 7),
    ("/events/1975-08-29-scholz-meets-saadoun-shaker/", 4),
    ("/subjects/", 1),
    ("/subjects/counterintelligence/", 3),
    ("/places/", 1),
    ("/places/iraq/", 5),
    ("/sitemap.xml", 12),
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
        with django_assert_max_num_queries(most):
            client.get(url)
        before[url] = count_queries(client, url)
    grow_seed(12)
    for url, most in PAGES:
        with django_assert_max_num_queries(most):
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


def test_staff_pages_add_only_the_session_queries(seed, client):
    url = "/persons/saadoun-shaker/"
    anonymous = count_queries(client, url)
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    assert count_queries(client, url) <= anonymous + 2
