"""The Atom feed of recently catalogued documents."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from catalog.models import Document, Status

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client) -> list[dict]:
    response = client.get(reverse("catalog:documents_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_the_feed_lists_the_published_seed_memo_with_its_date(client, seed):
    [entry] = entries(client)
    assert entry["title"].startswith("Relations between the Ministry for State Security")
    assert entry["link"].endswith(seed.get_absolute_url())
    assert entry["summary"].startswith("28 February 1986. Summary of attempts")


def test_the_feed_leaves_out_drafts_even_for_staff(client, seed, django_user_model):
    Document.objects.create(slug="draft", title="Secret draft <b>", status=Status.DRAFT)
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    assert [e["title"] for e in entries(client)] == [seed.title]


def test_titles_with_markup_arrive_as_text(client, db):
    Document.objects.create(slug="m", title="Memo <script>x</script> & notes", status="published")
    assert entries(client)[0]["title"] == "Memo <script>x</script> & notes"


def test_every_page_announces_the_feed(client, seed):
    html = client.get("/").content.decode()
    assert f'href="{reverse("catalog:documents_feed")}"' in html


def test_the_feed_reads_the_newest_in_the_same_few_queries_as_the_catalog_grows(client, seed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalog.models import Agency, Person
    from tests.views import factories as make

    def read() -> tuple[list[dict], int]:
        with CaptureQueriesContext(connection) as captured:
            found = entries(client)
        return found, len(captured)

    _, before = read()
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 12)
    make.document("newest-draft", "Not yet.", status=Status.DRAFT)
    found, after = read()
    assert after == before
    assert found[0]["title"] == "Extra Document 11"  # the newest published first
    assert "Newest Draft" not in [entry["title"] for entry in found]
