"""The seed memo, a few more published documents, a draft, and a way to ask /oai/."""

import pytest
from lxml import etree

from catalog.models import Document, Status, Subject

OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {
    "oai": OAI,
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "ead": "http://ead3.archivists.org/schema/",
    "eac": "https://archivists.org/ns/eac/v2",
}
DRAFT_TITLE = "Unpublished note on the Baghdad station"


@pytest.fixture
def catalog(seed):
    """The seed, four more published documents and one draft that was never published."""
    counterintelligence = Subject.objects.get(slug="counterintelligence")
    for number in range(4):
        document = Document.objects.create(
            title=f"Memo number {number}",
            slug=f"memo-{number}",
            date=f"197{number}",
            status=Status.PUBLISHED,
        )
        if number % 2:
            document.subjects.add(counterintelligence)
    draft = Document.objects.create(title=DRAFT_TITLE, slug="draft-note", date="1980")
    draft.subjects.add(counterintelligence, Subject.objects.create(name="Secret", slug="secret"))
    return seed


@pytest.fixture
def oai(client):
    """``oai(verb="ListRecords", ...)``: the parsed response to a GET."""

    def ask(**params):
        response = client.get("/oai/", params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/xml")
        return etree.fromstring(response.content)

    return ask


def error_code(root) -> str | None:
    error = root.find(f"{{{OAI}}}error")
    return None if error is None else error.get("code")


def identifiers(root) -> list[str]:
    return root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
