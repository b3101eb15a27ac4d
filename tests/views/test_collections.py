"""Collections on the public site: their list, their pages, a document's collections and the
search facet; drafts (collections and documents) appear in none of them."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Collection, CollectionDocument, Document, Status
from tests.views import factories as make


def _collection(slug, title, documents, *, status=Status.PUBLISHED, **fields):
    collection = Collection.objects.create(slug=slug, title=title, status=status, **fields)
    for position, document in enumerate(documents, start=1):
        CollectionDocument.objects.create(
            collection=collection, document=document, position=position
        )
    return collection


@pytest.fixture
def collections(seed):
    later = make.document("baghdad-visit", "A visit to Baghdad.", title="Baghdad visit")
    hidden = make.document("unreleased-memo", "Secret.", status=make.DRAFT, title="Unreleased Memo")
    iraq = _collection(
        "iraq-and-the-gdr",
        "Iraq and the GDR",
        [later.document, hidden.document, seed],
        curator="Compiled by Bernd Schaefer",
        description="Stasi files on its Iraqi partners.",
    )
    _collection("hidden-collection", "Hidden Collection", [seed], status=Status.DRAFT)
    return iraq


def _json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found[1])


def test_the_list_shows_published_collections_with_their_published_documents(collections, client):
    html = client.get("/collections/").content.decode()
    assert "Iraq and the GDR" in html and "(2 documents; Compiled by Bernd Schaefer)" in html
    assert "Hidden Collection" not in html


def test_a_collection_page_lists_its_published_documents_in_order(collections, client, seed):
    html = client.get("/collections/iraq-and-the-gdr/").content.decode()
    assert "Compiled by Bernd Schaefer" in html and "Stasi files on its Iraqi partners." in html
    assert html.index("Baghdad visit") < html.index(seed.title)
    assert "Unreleased Memo" not in html and "unreleased-memo" not in html
    data = _json_ld(html)
    assert data["@type"] == ["Collection", "ArchiveComponent"]
    assert [part["name"] for part in data["hasPart"]] == ["Baghdad visit", seed.title]
    assert 'aria-label="Breadcrumb"' in html


def test_a_draft_collection_is_not_found_but_staff_see_it_marked(collections, client):
    assert client.get("/collections/hidden-collection/").status_code == 404
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    html = client.get("/collections/hidden-collection/").content.decode()
    assert "Draft, not public" in html
    assert "Unreleased Memo" in client.get("/collections/iraq-and-the-gdr/").content.decode()


def test_a_renamed_collection_keeps_its_old_address(collections, client):
    collections.slug = "iraq-gdr"
    collections.save()
    response = client.get("/collections/iraq-and-the-gdr/")
    assert response.status_code == 301 and response["Location"] == "/collections/iraq-gdr/"


def test_a_document_shows_its_published_collections(collections, client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    assert 'href="/collections/iraq-and-the-gdr/"' in html
    assert "Hidden Collection" not in html
    part_of = _json_ld(html)["isPartOf"]
    assert part_of == [
        {
            "@type": "Collection",
            "@id": "http://testserver/collections/iraq-and-the-gdr/",
            "name": "Iraq and the GDR",
        }
    ]


def test_the_document_list_filters_and_counts_by_collection(collections, client, seed):
    html = client.get("/documents/?collection=iraq-and-the-gdr").content.decode()
    assert "Baghdad visit" in html and seed.title in html and "Unreleased Memo" not in html
    everything = client.get("/documents/").content.decode()
    assert "Iraq and the GDR" in everything and "Hidden Collection" not in everything
    # A draft collection is not a value one may choose: the filter is refused, not applied.
    hidden = client.get("/documents/?collection=hidden-collection")
    assert "collection" in hidden.context["filterset"].form.errors
    assert "Hidden Collection" not in hidden.content.decode()


def _grow(count: int, collection: Collection) -> None:
    start = collection.memberships.count()
    for n in range(count):
        translation = make.document(f"grown-{n}", f"Text {n}.")
        CollectionDocument.objects.create(
            collection=collection, document=translation.document, position=start + n + 1
        )
        _collection(f"grown-collection-{n}", f"Grown {n}", [translation.document])


@pytest.mark.parametrize("url", ["/collections/", "/collections/iraq-and-the-gdr/"])
def test_collection_pages_make_the_same_few_queries_as_they_grow(
    collections, client, url, django_assert_max_num_queries
):
    # The first page after a change to the catalog also reads the restrictions of the
    # withheld view (catalog.restrictions), once per catalog version and day.
    with CaptureQueriesContext(connection) as before, django_assert_max_num_queries(5):
        client.get(url)
    _grow(6, collections)
    with CaptureQueriesContext(connection) as after:
        second = client.get(url)
    assert len(after) == len(before)
    assert "Grown 5" in second.content.decode() or "grown-5" in second.content.decode()
    assert Document.objects.filter(slug__startswith="grown-").count() == 6


def test_the_csv_of_a_collections_documents_holds_its_published_documents_only(
    collections, client, seed
):
    response = client.get("/documents.csv?collection=iraq-and-the-gdr")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    body = body or response.content.decode()
    assert "baghdad-visit" in body and seed.slug in body
    assert "unreleased-memo" not in body and "Unreleased Memo" not in body


def test_the_home_page_lists_published_collections_with_what_a_visitor_sees_in_them(
    collections, client
):
    html = client.get("/").content.decode()
    home = html.split('id="collections"', 1)[1].split("</section>", 1)[0]
    assert 'href="/collections/iraq-and-the-gdr/">Iraq and the GDR</a>' in home
    # The draft document in it is not counted; the draft collection is not listed.
    assert "2 documents" in home
    assert "Hidden Collection" not in html


def test_the_home_page_has_no_collections_section_without_collections(seed, client):
    assert 'id="collections"' not in client.get("/").content.decode()
