"""Each published collection is an OAI-PMH set of its published documents; a draft collection
is no set, and a draft document is in none."""

from catalog.models import Collection, CollectionDocument, Document, Status
from tests.opendata.conftest import NS, error_code, identifiers


def document_id(document) -> str:
    return f"oai:liaison.catalog:document/{document.pk}"


def _collections(seed):
    war = Collection.objects.create(slug="war", title="War", status=Status.PUBLISHED)
    hidden = Collection.objects.create(slug="hidden", title="Hidden Collection")
    members = [seed, Document.objects.get(slug="memo-1"), Document.objects.get(slug="draft-note")]
    for position, document in enumerate(members, start=1):
        CollectionDocument.objects.create(collection=war, document=document, position=position)
    CollectionDocument.objects.create(collection=hidden, document=seed, position=1)
    return war


def test_a_published_collection_is_a_set_of_its_published_documents(catalog, oai):
    _collections(catalog)
    sets = oai(verb="ListSets").xpath("//oai:setSpec/text()", namespaces=NS)
    assert "collection" in sets and "collection:war" in sets
    assert "collection:hidden" not in sets
    found = identifiers(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:war"))
    assert sorted(found) == sorted(
        document_id(d) for d in Document.objects.filter(slug__in=[catalog.slug, "memo-1"])
    )
    header = oai(verb="GetRecord", identifier=document_id(catalog), metadataPrefix="oai_dc")
    specs = header.xpath("//oai:header/oai:setSpec/text()", namespaces=NS)
    assert "collection:war" in specs and "collection:hidden" not in specs


def test_a_draft_collection_selects_nothing(catalog, oai):
    _collections(catalog)
    answer = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:hidden")
    assert error_code(answer) == "noRecordsMatch"


def test_a_deleted_document_is_reported_deleted_in_its_collections_set(catalog, oai):
    _collections(catalog)
    memo = Document.objects.get(slug="memo-1")
    gone = document_id(memo)
    memo.delete()
    answer = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:war")
    deleted = answer.xpath("//oai:header[@status='deleted']/oai:identifier/text()", namespaces=NS)
    assert deleted == [gone]
