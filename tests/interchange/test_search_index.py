"""An import brings the search index up to date for the documents it changed, and only those."""

import io

import pytest

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Document, DocumentSearchText
from catalog.search import search_documents
from tests.conftest import SEED_SLUG
from tests.interchange.fixtures import add_tricky_records, read_rows, write_rows


@pytest.fixture
def exported(seed, tmp_path):
    add_tricky_records(seed)
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    return tmp_path


def edit(path, change):
    rows = read_rows(path)
    headers = list(rows[0])
    for row in rows:
        change(row)
    write_rows(path, rows, headers)


def run(directory):
    report = CatalogImporter(stderr=io.StringIO(), errors_path=directory / "e.csv").run(directory)
    assert report.ok, report.lines()
    return report


def found(query):
    return sorted(search_documents(Document.objects.all(), query).values_list("slug", flat=True))


def mark_untouched(slug):
    """Put a marker in a document's index row: a rebuild of the whole index would remove it."""
    DocumentSearchText.objects.filter(document__slug=slug).update(title="untouched-marker")


def test_a_changed_document_is_found_by_its_new_title_and_no_other_is_reindexed(exported):
    def retitle(row):
        if row["slug"] == "tricky-document":
            row["title"] = "Zollverein Vermerk"

    edit(exported / "documents.csv", retitle)
    mark_untouched(SEED_SLUG)

    run(exported)

    assert found("Zollverein") == ["tricky-document"]
    assert found("untouched-marker") == [SEED_SLUG]


def test_a_new_name_variant_makes_the_documents_mentioning_the_person_findable(exported):
    rows = read_rows(exported / "person_names.csv")
    headers = list(rows[0])
    mention = read_rows(exported / "mentions.csv")[0]
    person = mention["person"] or next(
        r["person"] for r in read_rows(exported / "mentions.csv") if r["person"]
    )
    rows.append({**rows[0], "person": person, "name": "Quetzalwort", "language": ""})
    write_rows(exported / "person_names.csv", rows, headers)

    run(exported)

    assert SEED_SLUG in found("Quetzalwort")


def test_an_import_that_changes_nothing_reindexes_nothing(exported):
    mark_untouched(SEED_SLUG)
    mark_untouched("tricky-document")

    run(exported)

    assert found("untouched-marker") == sorted([SEED_SLUG, "tricky-document"])
