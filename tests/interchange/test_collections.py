"""Collections, their documents and links between documents, out to CSV and back."""

import io

import pytest

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Collection, CollectionDocument, Document, DocumentLink, Status
from tests.interchange.fixtures import FORMULAS, empty_catalog, read_rows, write_rows
from tests.views import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(seed):
    reply = make.document("reply", "Yes.", title="Reply").document
    draft = make.document("draft-memo", "No.", status=make.DRAFT).document
    war = Collection.objects.create(
        slug="war", title="War", status=Status.PUBLISHED, curator="Ada", description=FORMULAS[0]
    )
    hidden = Collection.objects.create(slug="hidden", title="Hidden")
    for position, document in enumerate([reply, seed, draft], start=1):
        CollectionDocument.objects.create(collection=war, document=document, position=position)
    CollectionDocument.objects.create(collection=hidden, document=seed, position=1)
    DocumentLink.objects.create(from_document=reply, to_document=seed, kind="reply_to", note="!")
    DocumentLink.objects.create(from_document=draft, to_document=seed, kind="other")
    return war


def _run(directory, **kwargs):
    return CatalogImporter(stderr=io.StringIO(), **kwargs).run(directory)


def _files(directory) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_collections_memberships_and_links_round_trip(collected, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "first")
    empty_catalog()
    assert not Collection.objects.exists() and not DocumentLink.objects.exists()

    report = _run(tmp_path / "first")
    assert report.ok, report.lines()
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "second")

    assert _files(tmp_path / "first") == _files(tmp_path / "second")
    war = Collection.objects.get(slug="war")
    assert war.description == FORMULAS[0] and war.curator == "Ada"
    assert [m.document.slug for m in war.memberships.all()] == ["reply", seed_slug(), "draft-memo"]
    link = DocumentLink.objects.get(from_document__slug="reply")
    assert link.kind == "reply_to" and link.to_document.slug == seed_slug()


def seed_slug() -> str:
    from tests.conftest import SEED_SLUG

    return SEED_SLUG


def test_the_public_export_leaves_out_draft_collections_documents_and_links(collected, tmp_path):
    CatalogExporter(published_only=True, stderr=io.StringIO()).run(tmp_path)
    assert [r["slug"] for r in read_rows(tmp_path / "collections.csv")] == ["war"]
    members = read_rows(tmp_path / "collection_documents.csv")
    assert sorted(r["document"] for r in members) == sorted(["reply", seed_slug()])
    links = read_rows(tmp_path / "document_links.csv")
    assert [(r["from_document"], r["kind"]) for r in links] == [("reply", "reply_to")]


def test_a_formula_in_a_description_is_neutralised_in_the_file(collected, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    (row,) = [r for r in read_rows(tmp_path / "collections.csv") if r["slug"] == "war"]
    assert row["description"] != FORMULAS[0] and not row["description"].startswith("=")


def test_bad_rows_are_named_by_file_row_and_column_and_nothing_is_written(collected, tmp_path):
    write_rows(
        tmp_path / "collection_documents.csv",
        [
            {"collection": "war", "document": "no-such-document", "position": "4"},
            {"collection": "no-such-collection", "document": "reply", "position": "1"},
            {"collection": "war", "document": "reply", "position": "first"},
        ],
    )
    write_rows(
        tmp_path / "document_links.csv",
        [{"from_document": "reply", "to_document": "reply", "kind": "other", "note": ""}],
    )
    report = _run(tmp_path)
    problems = [str(p) for p in report.first_problems]
    assert not report.ok and report.rolled_back
    assert any(p.startswith("collection_documents.csv, row 2, column document") for p in problems)
    assert any(p.startswith("collection_documents.csv, row 3, column collection") for p in problems)
    assert any(p.startswith("collection_documents.csv, row 4, column position") for p in problems)
    assert any(p.startswith("document_links.csv, row 2") and "itself" in p for p in problems), (
        problems
    )
    assert Collection.objects.get(slug="war").memberships.count() == 3


def test_a_link_given_the_other_way_round_is_refused_clearly(collected, tmp_path):
    write_rows(
        tmp_path / "document_links.csv",
        [{"from_document": seed_slug(), "to_document": "reply", "kind": "other", "note": ""}],
    )
    report = _run(tmp_path)
    problems = [str(p) for p in report.first_problems]
    assert not report.ok
    assert any("document_links.csv, row 2" in p and "already linked" in p for p in problems), (
        problems,
        report.lines(),
    )
    assert DocumentLink.objects.filter(from_document__slug="reply").count() == 1
    assert not Document.objects.filter(links_from__to_document__slug="reply").exists()


def test_the_admins_spreadsheet_import_adds_documents_to_a_collection_and_refuses_a_reversed_link(
    collected,
):
    import tablib

    from catalog.interchange.resources import RESOURCES

    members = tablib.Dataset().load("collection,document,position\nhidden,reply,2\n", format="csv")
    result = RESOURCES[CollectionDocument]().import_data(members)
    assert not result.has_errors() and not result.has_validation_errors()
    hidden = Collection.objects.get(slug="hidden")
    assert [m.document.slug for m in hidden.memberships.all()] == [seed_slug(), "reply"]

    reversed_link = tablib.Dataset().load(
        f"from_document,to_document,kind,note\n{seed_slug()},reply,other,\n", format="csv"
    )
    result = RESOURCES[DocumentLink]().import_data(reversed_link)
    assert result.has_validation_errors()
    assert "already linked" in str(result.invalid_rows[0].error_dict)
    assert DocumentLink.objects.count() == 2
