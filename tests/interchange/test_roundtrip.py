"""The catalog out to CSV and back: lossless, stable, safe to open in a spreadsheet."""

import io
import json

import pytest
from django.core.management import call_command

from catalog.interchange.cells import join_values, split_values
from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.interchange.schema import RECORD_TYPES
from catalog.models import (
    Agency,
    ArchivalReference,
    Document,
    Mention,
    Person,
    PersonRole,
    Translation,
)
from catalog.search import search_documents
from tests.conftest import SEED_SLUG
from tests.interchange.fixtures import (
    ARABIC_NAME,
    FORMULAS,
    TRICKY_TEXT,
    add_tricky_records,
    empty_catalog,
    read_rows,
)


@pytest.fixture
def catalog(seed):
    return add_tricky_records(seed)


def files(directory) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_export_import_into_an_empty_catalog_and_export_again_gives_identical_files(
    catalog, tmp_path
):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "first")
    empty_catalog()
    assert not Document.objects.exists()

    report = CatalogImporter(stderr=io.StringIO()).run(tmp_path / "first")
    assert report.ok, report.lines()
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "second")

    first, second = files(tmp_path / "first"), files(tmp_path / "second")
    assert set(first) == {r.file_name for r in RECORD_TYPES} | {
        "retired_slugs.csv",
        "datapackage.json",
    }
    assert first == second


def test_imported_documents_are_found_by_search_at_once(catalog, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    empty_catalog()
    assert not search_documents(Document.objects.all(), "Saadoun Shaker").exists()
    assert CatalogImporter(stderr=io.StringIO()).run(tmp_path).ok
    found = search_documents(Document.objects.all(), "Saadoun Shaker")
    assert list(found.values_list("slug", flat=True)) == [SEED_SLUG]


def test_imported_records_hold_exactly_what_was_exported(catalog, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    empty_catalog()
    assert CatalogImporter(stderr=io.StringIO()).run(tmp_path).ok

    document = Document.objects.get(slug="tricky-document")
    assert document.title == 'Vermerk über "Gespräche", Teil 1 | 2'
    assert document.summary == FORMULAS[1] + "\n" + FORMULAS[2]
    assert [document.citation, document.credits] == FORMULAS[3:]
    assert str(document.date_earliest) < "1982-01-01" < "1982-03-31" < str(document.date_latest)
    assert sorted(document.subjects.values_list("slug", flat=True))[0] == "counterintelligence"
    assert document.subjects.filter(name="Pipes | and \\ backslashes").exists()
    assert set(document.original_languages.values_list("code", flat=True)) == {"ar", "de"}
    text = Translation.objects.get(document=document)
    assert text.text == TRICKY_TEXT and text.translator.slug == "saadoun-shaker-arabic"
    person = Person.objects.get(slug="saadoun-shaker-arabic")
    assert person.description == FORMULAS[0]
    assert person.life_earliest is not None
    assert list(person.names.values_list("name", flat=True)) == [ARABIC_NAME]
    assert Mention.objects.get(person=person).quote == ARABIC_NAME
    assert Agency.objects.get(slug="aa-abteilung").parent.slug == "zz-ministerium"
    reference = ArchivalReference.objects.get(document=document)
    assert (reference.unit, reference.file_number, reference.pages) == ("HA XXII", "136", "121")


def test_cells_that_a_spreadsheet_would_run_as_formulas_begin_with_a_quote(catalog, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    row = next(r for r in read_rows(tmp_path / "documents.csv") if r["slug"] == "tricky-document")
    assert row["summary"].startswith("'-5\n@SUM")
    assert row["citation"] == "'+49 30"
    assert row["credits"] == "''quoted"
    person = next(r for r in read_rows(tmp_path / "persons.csv") if r["slug"].endswith("arabic"))
    assert person["description"] == "'" + FORMULAS[0]
    for path in tmp_path.glob("*.csv"):
        for row in read_rows(path):
            assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row.values()), path


def test_several_values_in_one_cell_are_joined_by_a_bar_that_values_may_contain(catalog, tmp_path):
    values = ["a|b", "back\\slash", "plain"]
    assert split_values(join_values(values)) == values
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    row = next(r for r in read_rows(tmp_path / "documents.csv") if r["slug"] == "tricky-document")
    assert row["original_languages"] == "ar | de"
    assert row["subjects"].startswith("counterintelligence | intelligence-cooperation | pipes-and")


def test_files_are_utf8_with_a_header_and_newlines_kept_inside_quotes(catalog, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    raw = (tmp_path / "translations.csv").read_bytes()
    assert raw.startswith(b"document,slug,kind,language,status,machine_read,title,text,translator,")
    assert ARABIC_NAME.encode("utf-8") in raw
    assert b'"Er sagte: ""Stra\xc3\x9fe, Haus | Hof""\nund dann\r\nnichts.' in raw


def test_published_only_export_leaks_no_draft(seed, catalog, tmp_path):
    draft_person = Person.objects.create(slug="secret-draft-person", preferred_name="Draft")
    Translation.objects.filter(document=catalog["document"]).update(translator=draft_person)
    text = Translation.objects.get(document=catalog["document"])
    Mention.objects.create(translation=text, start=0, end=2, person=draft_person)
    Document.objects.filter(slug="tricky-document").update(status="draft")
    draft_office = Agency.objects.create(slug="secret-draft-agency", name="Draft office")
    PersonRole.objects.create(
        person=Person.objects.get(slug="saadoun-shaker"), agency=draft_office, title="Officer"
    )
    drafts = [
        *Document.objects.filter(status="draft").values_list("slug", flat=True),
        *Person.objects.filter(status="draft").values_list("slug", flat=True),
        *Agency.objects.filter(status="draft").values_list("slug", flat=True),
    ]
    assert "tricky-document" in drafts and len(drafts) >= 3

    call_command("export_catalog", str(tmp_path), "--published-only", stdout=io.StringIO())

    everything = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.csv"))
    for slug in drafts:
        assert f"{slug}," not in everything and f",{slug}\n" not in everything, slug
    assert seed.slug in everything
    statuses = {
        r["status"]
        for n in ("documents", "persons", "agencies", "events")
        for r in read_rows(tmp_path / f"{n}.csv")
    }
    assert statuses == {"published"}


def test_datapackage_describes_every_file_its_keys_and_links(catalog, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for record in RECORD_TYPES:
        resource = resources[record.name]
        assert resource["path"] == record.file_name
        assert [f["name"] for f in resource["schema"]["fields"]] == record.headers
        assert resource["schema"]["primaryKey"] == list(record.key)
    mentions = resources["mentions"]["schema"]
    assert {
        "fields": ["document", "text"],
        "reference": {"resource": "translations", "fields": ["document", "slug"]},
    } in mentions["foreignKeys"]
    fields = {f["name"]: f for f in mentions["fields"]}
    assert fields["start"]["type"] == "integer"
    kinds = {f["name"]: f for f in resources["translations"]["schema"]["fields"]}["kind"]
    assert kinds["constraints"]["enum"] == ["translation", "transcript", "original"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_on_a_terminal_and_silent_otherwise(seed, tmp_path):
    quiet = io.StringIO()
    call_command("export_catalog", str(tmp_path / "a"), stdout=io.StringIO(), stderr=quiet)
    call_command("import_catalog", str(tmp_path / "a"), stdout=io.StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""

    terminal = Terminal()
    CatalogExporter(stderr=terminal).run(tmp_path / "b")
    CatalogImporter(stderr=terminal).run(tmp_path / "b")
    assert "mentions.csv" in terminal.getvalue() and "rows" in terminal.getvalue()
