"""Full-text search: what a query finds, alike on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.core.management import call_command

from catalog.models import Document, DocumentSearchText, PersonName, Status
from catalog.search import SearchQuery, rebuild, relevance_order, search_documents, snippets
from tests.search import records


def found(query: str) -> list[str]:
    return sorted(search_documents(Document.objects.all(), query).values_list("slug", flat=True))


@pytest.mark.parametrize(
    "query",
    ["Saadoun Shaker", "Stasi", "al-Duri", "counterintelligence technology", "DOURI", "MfS"],
)
def test_the_seed_memo_is_found_by_its_words_and_the_names_in_it(seed, query):
    assert found(query) == [seed.slug]


def test_a_word_absent_from_the_memo_finds_nothing(seed):
    assert found("Saadoun Pyongyang") == []


@pytest.fixture
def corpus(db):
    """The same small corpus on both engines; the expected slugs are in the tests."""
    records.document(
        "embassy-check",
        "Technology check of the embassy",
        "A counterintelligence technology check of the former U.S. embassy.",
    )
    records.document(
        "reversed-words", "Check report", "The check found old technology in the building."
    )
    records.document(
        "accented",
        "Visit of Izzat Ibrahim al-Dourí",
        "Al-Dourí visited Berlin in August 1975.",
        original="ar",
    )
    records.document(
        "straße",
        "Meeting in the Normannenstraße",
        "The meeting took place in the Normannenstraße, house 18.",
    )
    records.document("summary-only", "Untitled note", summary="Training of Iraqi specialists.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("technology check", ["embassy-check", "reversed-words"]),
        ('"technology check"', ["embassy-check"]),
        ("douri", ["accented"]),
        ("Dourí", ["accented"]),
        ("al-Douri", ["accented"]),
        ("normannenstraße", ["straße"]),
        ("u.s. embassy", ["embassy-check"]),
        ("specialists", ["summary-only"]),
        ("TECHNOLOGY", ["embassy-check", "reversed-words"]),
        ("technolog", []),
        ("technology Berlin", []),
    ],
)
def test_both_engines_find_the_same_documents(corpus, query, expected):
    assert found(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"technology',
        'technology"',
        "technology*",
        "(technology",
        "technology)",
        "NEAR(technology check)",
        "-technology",
        "technology OR check",
        "technology AND",
        "check: technology",
        "^technology",
        "{technology}",
        "technology + check",
        "'technology'",
    ],
)
def test_operators_and_stray_quotes_are_read_as_plain_words(corpus, query):
    # Every one of these is still a search for the word 'technology', never an error.
    assert "embassy-check" in found(query)


def test_operator_words_in_lower_case_or_quotes_are_searched_for(corpus):
    assert found("technology or check") == []
    assert found('technology "OR" check') == []


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "* - ( ) :", "NEAR", "AND OR"])
def test_a_query_without_words_finds_nothing_and_raises_nothing(corpus, query):
    assert found(query) == []


def test_the_query_is_parsed_into_words_and_phrases():
    query = SearchQuery.parse('Saadoun  "al-Duri visited" NEAR(*) near "unclosed phrase')
    assert query.phrases == (
        ("saadoun",),
        ("al", "duri", "visited"),
        ("near",),
        ("unclosed", "phrase"),
    )
    assert query.as_fts5() == '"saadoun" "al duri visited" "near" "unclosed phrase"'


def test_results_are_ranked_title_matches_first(corpus):
    records.document("text-only", "Report", "An embassy was mentioned once: the embassy.")
    ranked = relevance_order(Document.objects.all(), "embassy")
    assert [Document.objects.get(pk=pk).slug for pk in ranked] == ["embassy-check", "text-only"]


def test_snippets_mark_the_matches_and_escape_the_text(db):
    record = records.document(
        "script", "A report", 'Before <script>alert("x")</script> the Kurdistan question & more.'
    )
    snippet = snippets([record], "kurdistan")[record.pk]
    assert "<mark>Kurdistan</mark>" in snippet
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in snippet
    assert "<script>" not in snippet
    assert "&amp; more" in snippet


def test_a_document_is_reindexed_when_its_text_changes(corpus):
    translation = Document.objects.get(slug="accented").translations.get()
    translation.text = "Al-Dourí visited Leipzig."
    translation.save()
    assert found("Leipzig") == ["accented"]
    assert found("Berlin") == []


def test_a_document_is_reindexed_when_a_name_of_someone_it_mentions_is_added(corpus):
    record = Document.objects.get(slug="accented")
    person = records.person("izzat-ibrahim-al-douri", "Izzat Ibrahim al-Douri")
    records.mention(record, "Al-Dourí", person)
    assert found("Izzat Ibrahim al-Douri") == ["accented"]
    PersonName.objects.create(person=person, name="Abu Ahmad")
    assert found("Abu Ahmad") == ["accented"]
    person.names.get(name="Abu Ahmad").delete()
    assert found("Abu Ahmad") == []


def test_a_document_is_reindexed_when_a_mention_is_deleted(corpus):
    record = Document.objects.get(slug="accented")
    mention = records.mention(
        record, "Berlin", records.agency("mfs", "Ministry for State Security")
    )
    assert found("Ministry State Security") == ["accented"]
    mention.delete()
    assert found("Ministry State Security") == []


def test_a_deleted_document_leaves_the_index(corpus):
    Document.objects.get(slug="accented").delete()
    assert found("douri") == []
    assert not DocumentSearchText.objects.filter(title__contains="Dour").exists()


def test_rebuild_restores_an_index_emptied_behind_its_back(corpus):
    DocumentSearchText.objects.all().delete()
    assert found("douri") == []
    assert rebuild() == 5
    assert found("douri") == ["accented"]


def test_the_rebuild_command_reports_how_many_documents_it_indexed(corpus, capsys):
    DocumentSearchText.objects.all().delete()
    call_command("rebuild_search_index")
    assert capsys.readouterr().out.strip() == "Search index rebuilt: 5 documents."
    assert found('"technology check"') == ["embassy-check"]


def test_a_draft_persons_names_do_not_make_a_document_findable_until_published(corpus):
    record = Document.objects.get(slug="accented")
    person = records.person("abu-ahmad", "Izzat Ibrahim al-Douri", status=Status.DRAFT)
    PersonName.objects.create(person=person, name="Abu Ahmad")
    records.mention(record, "Al-Dourí", person)
    assert found("Abu Ahmad") == []
    person.status = Status.PUBLISHED
    person.save()
    assert found("Abu Ahmad") == ["accented"]
