"""Harvesting the catalog as a harvester does: with Sickle, over HTTP, page by page."""

import pytest
from sickle import Sickle
from sickle.oaiexceptions import IdDoesNotExist

from catalog.curation.merging import Merger
from catalog.models import Agency, Document, Person, Status
from tests.opendata.conftest import DRAFT_TITLE


def harvest(live_server, verb="ListRecords", **arguments):
    sickle = Sickle(f"{live_server.url}/oai/", max_retries=0)
    return list(getattr(sickle, verb)(ignore_deleted=False, **arguments))


@pytest.fixture
def small_pages(settings):
    settings.OAI_PAGE_SIZE = 2
    return 2


def test_a_harvest_with_resumption_counts_every_published_record(catalog, live_server, small_pages):
    documents = harvest(live_server, metadataPrefix="oai_dc")
    published = Document.objects.filter(status=Status.PUBLISHED)
    assert len(documents) == published.count() == 5  # three pages of two
    assert {r.header.identifier for r in documents} == {
        f"oai:liaison.catalog:document/{pk}" for pk in published.values_list("pk", flat=True)
    }
    assert not any(r.header.deleted for r in documents)
    memo = next(r for r in documents if r.header.identifier.endswith(f"/{catalog.pk}"))
    assert memo.metadata["title"] == [catalog.title]
    assert memo.metadata["source"] == ["Stasi Records Archive: BStU, ZA, HA X 104, pp. 49-51"]

    authorities = harvest(live_server, metadataPrefix="eac-cpf")
    expected = (
        Person.objects.filter(status=Status.PUBLISHED).count()
        + Agency.objects.filter(status=Status.PUBLISHED).count()
    )
    assert len(authorities) == expected
    assert len({r.header.identifier for r in authorities}) == expected
    assert len(harvest(live_server, metadataPrefix="ead")) == 5


def test_a_record_unpublished_between_two_harvests_is_reported_deleted(
    catalog, live_server, small_pages
):
    first = harvest(live_server, "ListIdentifiers", metadataPrefix="oai_dc")
    catalog.status = Status.DRAFT
    catalog.save()
    second = harvest(live_server, "ListIdentifiers", metadataPrefix="oai_dc")
    assert len(second) == len(first) == 5
    deleted = [h for h in second if h.deleted]
    assert [h.identifier for h in deleted] == [f"oai:liaison.catalog:document/{catalog.pk}"]
    # Incremental: only the change, from the second of the first harvest's last datestamp.
    latest = max(h.datestamp for h in first)
    since = harvest(live_server, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": latest})
    assert [h.identifier for h in since if h.deleted] == [deleted[0].identifier]
    # A deleted record carries no metadata, in ListRecords as in GetRecord.
    record = Sickle(f"{live_server.url}/oai/").GetRecord(
        identifier=deleted[0].identifier, metadataPrefix="ead"
    )
    assert record.header.deleted
    assert "metadata" not in record.raw


def test_a_person_merged_away_is_reported_deleted(catalog, live_server, small_pages):
    survivor = Person.objects.get(slug="saadoun-shaker")
    loser = Person.objects.create(
        preferred_name="Sa'dun Shakir Mahmud", slug="sadun-shakir", status=Status.PUBLISHED
    )
    identifier = f"oai:liaison.catalog:person/{loser.pk}"
    before = harvest(live_server, "ListIdentifiers", metadataPrefix="eac-cpf")
    assert identifier in {h.identifier for h in before}
    Merger.for_records(survivor, loser).merge()
    after = harvest(live_server, "ListIdentifiers", metadataPrefix="eac-cpf")
    gone = [h for h in after if h.identifier == identifier]
    assert len(gone) == 1 and gone[0].deleted
    assert len(after) == len(before)


def test_a_draft_never_appears_in_any_verb_or_set(catalog, live_server):
    draft = Document.objects.get(title=DRAFT_TITLE)
    sickle = Sickle(f"{live_server.url}/oai/", max_retries=0)
    every = []
    for prefix in ("oai_dc", "ead", "eac-cpf"):
        every += harvest(live_server, metadataPrefix=prefix)
        every += harvest(live_server, "ListIdentifiers", metadataPrefix=prefix)
    for spec in ("subject", "subject:counterintelligence", "place"):
        every += harvest(live_server, metadataPrefix="oai_dc", set=spec)
    identifiers = {getattr(item, "header", item).identifier for item in every}
    assert f"oai:liaison.catalog:document/{draft.pk}" not in identifiers
    sets = {s.setSpec for s in sickle.ListSets()}
    assert "subject:counterintelligence" in sets and "subject:secret" not in sets
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(
            identifier=f"oai:liaison.catalog:document/{draft.pk}", metadataPrefix="ead"
        )
    for response in (sickle.ListRecords(metadataPrefix="ead"), sickle.ListSets()):
        assert DRAFT_TITLE not in response.oai_response.raw
