"""Search finds the German original: on PostgreSQL a German configuration (stemming) reads
German texts besides the simple one; on SQLite diacritics are folded and ß is read as ss,
in the index and in the query alike. English search is as before."""

import pytest
from django.db import connection

from catalog.models import Document, Translation
from catalog.search import search_documents, snippets
from tests.search import records

GERMAN = (
    "Die Zusammenarbeit mit dem irakischen Geheimdienst wurde in der Normannenstraße "
    "besprochen. Maßnahmen zur Überprüfung der Größe des Apparats folgen."
)
ENGLISH = "A counterintelligence technology check of the former U.S. embassy."


def found(query: str) -> list[str]:
    return sorted(search_documents(Document.objects.all(), query).values_list("slug", flat=True))


@pytest.fixture
def texts(db):
    records.document("english-memo", "Technology check", ENGLISH)
    original = records.document("german-memo", "Akte", GERMAN, text_language="de")
    # The German original beside an English translation of the same document.
    Translation.objects.create(
        document=original, language=records.language("en"), text="Cooperation was discussed."
    )
    return original


@pytest.mark.parametrize(
    "query",
    [
        "Zusammenarbeit",
        "zusammenarbeit",
        "Geheimdienst",
        "Maßnahmen",
        "Massnahmen",
        "Überprüfung",
        "Uberprufung",
        "Größe",
        "Grosse",
        "Normannenstrasse",
        '"Zusammenarbeit mit dem irakischen Geheimdienst"',
        "Geheimdienst cooperation",  # one word of each text of the document
    ],
)
def test_a_german_text_is_found_by_its_words_on_both_engines(texts, query):
    assert found(query) == ["german-memo"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("technology", ["english-memo"]),
        ("technolog", []),
        ("embassy", ["english-memo"]),
        ("Zusammenarbeit technology", []),
    ],
)
def test_english_search_is_unchanged(texts, query, expected):
    assert found(query) == expected


def test_the_snippet_marks_the_german_word_as_written(texts):
    snippet = snippets([texts], "Massnahmen")[texts.pk]
    assert "<mark>Maßnahmen</mark>" in snippet


def test_a_draft_german_text_is_not_searched_until_published(texts):
    draft = Translation.objects.create(
        document=Document.objects.get(slug="english-memo"),
        kind="transcript",
        language=records.language("de"),
        text="Ein Entwurf über Spionageabwehr.",
        status="draft",
        machine_read=True,
    )
    assert found("Spionageabwehr") == []
    draft.status = "published"
    draft.save()
    assert found("Spionageabwehr") == ["english-memo"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
@pytest.mark.parametrize("query", ["Geheimdienstes", "Maßnahme", "Zusammenarbeiten"])
def test_postgresql_finds_german_words_inflected(texts, query):
    assert found(query) == ["german-memo"]


def test_the_search_page_finds_the_german_original(texts, client):
    html = client.get("/documents/", {"q": "Geheimdienst"}).content.decode()
    assert "/documents/german-memo/" in html and "/documents/english-memo/" not in html
    assert "<mark>Geheimdienst</mark>" in html
