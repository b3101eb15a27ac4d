"""The OAI-PMH protocol at /oai/: arguments, errors, selective harvesting and paging."""

import re
from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from catalog.models import Document, Person, Status
from tests.opendata.conftest import DRAFT_TITLE, NS, OAI, error_code, identifiers


def document_id(document) -> str:
    return f"oai:liaison.catalog:document/{document.pk}"


ERRORS = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "ead"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["ead", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "ead", "from": "1986"}, "badArgument"),
    (
        {"verb": "ListRecords", "metadataPrefix": "ead", "from": "2026-12-03T09:00Z"},
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "ead", "from": "2026-02-30"}, "badArgument"),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "ead",
            "from": "2020-01-02",
            "until": "2020-01-01",
        },
        "badArgument",
    ),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "ead",
            "from": "2020-01-01",
            "until": "2021-01-01T00:00:00Z",
        },
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "ead", "set": "series:x"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "ead"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "garbled"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    (
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "x"},
        "cannotDisseminateFormat",
    ),
    (
        {
            "verb": "GetRecord",
            "metadataPrefix": "ead",
            "identifier": "oai:liaison.catalog:document/999999",
        },
        "idDoesNotExist",
    ),
    (
        {
            "verb": "GetRecord",
            "metadataPrefix": "ead",
            "identifier": "oai:elsewhere:document/1",
        },
        "idDoesNotExist",
    ),
    (
        {"verb": "ListMetadataFormats", "identifier": "oai:liaison.catalog:person/x"},
        "idDoesNotExist",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "ead", "from": "2999-01-01"}, "noRecordsMatch"),
    (
        {"verb": "ListIdentifiers", "metadataPrefix": "ead", "set": "subject:secret"},
        "noRecordsMatch",
    ),
    (
        {"verb": "ListRecords", "metadataPrefix": "eac-cpf", "set": "place:iraq"},
        "noRecordsMatch",
    ),
]


def test_every_error_code_where_the_protocol_requires_it(catalog, client):
    for params, code in ERRORS:
        response = client.get("/oai/", params)
        root = etree.fromstring(response.content)
        assert response.status_code == 200
        assert error_code(root) == code, params
        request = root.find(f"{{{OAI}}}request")
        assert request.text == "http://testserver/oai/"
        if code in ("badVerb", "badArgument"):
            assert dict(request.attrib) == {}, params  # as the protocol asks
        assert root.find(f"{{{OAI}}}ListRecords") is None


def test_a_person_cannot_be_disseminated_as_ead_nor_a_draft_found(catalog, oai):
    shaker = Person.objects.get(slug="saadoun-shaker")
    person = f"oai:liaison.catalog:person/{shaker.pk}"
    assert error_code(oai(verb="GetRecord", identifier=person, metadataPrefix="ead")) == (
        "cannotDisseminateFormat"
    )
    formats = oai(verb="ListMetadataFormats", identifier=person)
    assert formats.xpath("//oai:metadataPrefix/text()", namespaces=NS) == ["eac-cpf"]
    draft = Document.objects.get(title=DRAFT_TITLE)
    for verb in ("GetRecord", "ListMetadataFormats"):
        root = oai(verb=verb, identifier=document_id(draft), metadataPrefix="oai_dc")
        if verb == "ListMetadataFormats":
            root = oai(verb=verb, identifier=document_id(draft))
        assert error_code(root) == "idDoesNotExist"


def test_an_expired_or_altered_token_is_a_bad_resumption_token(catalog, oai, settings):
    settings.OAI_PAGE_SIZE = 2
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS).text
    assert identifiers(oai(verb="ListIdentifiers", resumptionToken=token))
    altered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    assert error_code(oai(verb="ListIdentifiers", resumptionToken=altered)) == "badResumptionToken"
    assert error_code(oai(verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    settings.OAI_TOKEN_SECONDS = -1
    assert error_code(oai(verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"


def test_identify_declares_granularity_transient_deletions_and_a_true_earliest_datestamp(
    catalog, oai
):
    root = oai(verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "transient"
    earliest = identify.findtext("oai:earliestDatestamp", namespaces=NS)
    stamps = oai(verb="ListIdentifiers", metadataPrefix="eac-cpf").xpath(
        "//oai:datestamp/text()", namespaces=NS
    )
    assert earliest <= min(stamps)


def test_post_is_answered_as_get(catalog, client):
    get = client.get("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    post = client.post("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert post.status_code == 200
    body = etree.fromstring(post.content)
    assert identifiers(body) == identifiers(etree.fromstring(get.content))
    assert len(identifiers(body)) == 5


def test_from_and_until_select_by_the_last_change_in_utc_seconds(catalog, oai):
    for number, document in enumerate(Document.objects.filter(status=Status.PUBLISHED)):
        when = datetime(2025, 1, 1 + number, 12, 0, 0, 500000, tzinfo=UTC)
        Document.objects.filter(pk=document.pk).update(modified=when)
    second = Document.objects.get(modified__day=2)
    inside = oai(
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2025-01-02T12:00:00Z", "until": "2025-01-02T12:00:00Z"},
    )
    assert identifiers(inside) == [document_id(second)]
    assert inside.findtext(".//oai:datestamp", namespaces=NS) == "2025-01-02T12:00:00Z"
    days = oai(
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2025-01-02", "until": "2025-01-03"},
    )
    assert len(identifiers(days)) == 2
    assert (
        len(identifiers(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2025-01-01")))
        == 1
    )


def test_sets_select_documents_by_subject_and_place(catalog, oai):
    counter = identifiers(
        oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="subject:counterintelligence")
    )
    expected = Document.objects.filter(
        status=Status.PUBLISHED, subjects__slug="counterintelligence"
    )
    assert sorted(counter) == sorted(document_id(d) for d in expected) and len(counter) == 3
    baghdad = identifiers(oai(verb="ListIdentifiers", metadataPrefix="ead", set="place:baghdad"))
    assert baghdad == [document_id(catalog)]
    assert len(identifiers(oai(verb="ListIdentifiers", metadataPrefix="ead", set="subject"))) == 3
    header = oai(verb="GetRecord", identifier=document_id(catalog), metadataPrefix="oai_dc")
    specs = header.xpath("//oai:setSpec/text()", namespaces=NS)
    assert "subject:counterintelligence" in specs and "place:baghdad" in specs


def test_resumption_survives_a_catalog_that_changes_during_the_harvest(catalog, oai, settings):
    settings.OAI_PAGE_SIZE = 2
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS)
    assert token.get("cursor") == "0" and token.get("completeListSize") == "5"
    seen = identifiers(first)
    # Records change mid-harvest: one already harvested, and a new one is published.
    harvested = Document.objects.get(pk=int(seen[0].rsplit("/", 1)[1]))
    harvested.summary = "Corrected."
    harvested.save()
    Document.objects.create(title="Late memo", slug="late-memo", status=Status.PUBLISHED)
    cursors = []
    while token is not None and token.text:
        page = oai(verb="ListIdentifiers", resumptionToken=token.text)
        seen += identifiers(page)
        token = page.find(".//oai:resumptionToken", NS)
        cursors.append(token.get("cursor"))
    published = Document.objects.filter(status=Status.PUBLISHED)
    assert set(seen) == {document_id(d) for d in published}  # nothing skipped
    assert seen.count(document_id(harvested)) == 2  # changed: harvested again at the end
    assert cursors == ["2", "4", "6"]


def test_queries_per_page_do_not_grow_with_the_page(catalog, client, settings):
    def queries(prefix: str, size: int) -> int:
        settings.OAI_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": prefix})
        assert b"resumptionToken" in response.content
        return len(captured)

    # The first request after a change to the catalog reads the restrictions of the
    # withheld view (catalog.restrictions), once per catalog version: read them first.
    queries("ead", 1)
    assert queries("ead", 1) == queries("ead", 4)
    assert queries("oai_dc", 1) == queries("oai_dc", 4)
    # Pages holding both agencies and persons (the seed has fifteen agencies, listed first).
    assert queries("eac-cpf", 17) == queries("eac-cpf", 24)


def test_responses_are_never_answered_not_modified(catalog, client):
    response = client.get("/oai/", {"verb": "Identify"})
    assert "ETag" not in response
    again = client.get("/oai/", {"verb": "Identify"}, HTTP_IF_NONE_MATCH='"anything"')
    assert again.status_code == 200
    date = etree.fromstring(again.content).findtext("oai:responseDate", namespaces=NS)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", date)
