"""Collections in the admin: their documents in order, and a document's collections and links."""

import pytest
from django.urls import reverse

from catalog.models import Collection, CollectionDocument, Document, DocumentLink


@pytest.fixture
def collection(seed):
    covering = Document.objects.create(slug="covering-note", title="Covering note")
    collection = Collection.objects.create(slug="iraq", title="Iraq and the Stasi", curator="Ada")
    CollectionDocument.objects.create(collection=collection, document=seed, position=2)
    CollectionDocument.objects.create(collection=collection, document=covering, position=1)
    DocumentLink.objects.create(from_document=covering, to_document=seed, kind="enclosure_of")
    return collection


def test_the_collection_page_lists_its_documents_in_order(archivist_client, collection, seed):
    url = reverse("admin:catalog_collection_change", args=[collection.pk])
    html = archivist_client.get(url).content.decode()
    assert html.index("Covering note") < html.index(seed.title)
    changelist = archivist_client.get(reverse("admin:catalog_collection_changelist"))
    assert changelist.context["cl"].result_list[0].document_total == 2


def test_the_document_page_shows_its_collections_and_links_from_both_sides(
    archivist_client, collection, seed
):
    html = archivist_client.get(reverse("admin:catalog_document_change", args=[seed.pk]))
    html = html.content.decode().lower()
    assert "iraq and the stasi" in html
    assert "links from other documents" in html and "covering note" in html
    covering = Document.objects.get(slug="covering-note")
    html = archivist_client.get(reverse("admin:catalog_document_change", args=[covering.pk]))
    assert "links to other documents" in html.content.decode().lower()


def test_only_an_editor_publishes_a_collection(archivist, editor, collection):
    assert not archivist.has_perm("catalog.publish_collection")
    assert archivist.has_perm("catalog.change_collectiondocument")
    assert editor.has_perm("catalog.publish_collection")
