"""Retired slugs move with the catalog, so that old addresses keep working after a move."""

import io

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Person, RetiredSlug
from tests.interchange.fixtures import add_tricky_records, empty_catalog, read_rows, write_rows


def run(directory):
    return CatalogImporter(stderr=io.StringIO(), errors_path=directory / "e.csv").run(directory)


def test_an_old_address_answers_after_export_and_import_into_an_empty_catalog(
    seed, client, tmp_path
):
    add_tricky_records(seed)
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    empty_catalog()
    assert client.get("/persons/saadoun-shaker-old/").status_code == 404

    report = run(tmp_path)

    assert report.ok, report.lines()
    assert report.files["retired_slugs.csv"].actions["created"] == 1
    person = Person.objects.get(slug="saadoun-shaker-arabic")
    assert RetiredSlug.lookup(Person, "saadoun-shaker-old") == person
    response = client.get("/persons/saadoun-shaker-old/")
    assert response.status_code == 301
    assert response["Location"] == "/persons/saadoun-shaker-arabic/"
    assert read_rows(tmp_path / "retired_slugs.csv") == [
        {
            "record_type": "persons",
            "slug": "saadoun-shaker-old",
            "current_slug": "saadoun-shaker-arabic",
        }
    ]


def test_a_second_import_changes_nothing_and_a_moved_slug_follows_the_file(seed, tmp_path):
    records = add_tricky_records(seed)
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    assert run(tmp_path).files["retired_slugs.csv"].actions["unchanged"] == 1

    other = Person.objects.exclude(pk=records["person"].pk).first()
    write_rows(
        tmp_path / "retired_slugs.csv",
        [{"record_type": "persons", "slug": "saadoun-shaker-old", "current_slug": other.slug}],
    )
    assert run(tmp_path).files["retired_slugs.csv"].actions["updated"] == 1
    assert RetiredSlug.lookup(Person, "saadoun-shaker-old") == other


def test_a_retired_slug_naming_no_record_is_refused_with_file_row_and_column(seed, tmp_path):
    write_rows(
        tmp_path / "retired_slugs.csv",
        [{"record_type": "persons", "slug": "old-name", "current_slug": "nobody"}],
    )

    report = run(tmp_path)

    assert [str(p) for p in report.first_problems] == [
        "retired_slugs.csv, row 2, column current_slug 'nobody': "
        "No person with this slug in the catalog or in persons.csv."
    ]
    assert not RetiredSlug.objects.filter(slug="old-name").exists()


def test_a_published_only_export_leaves_out_the_retired_slugs_of_drafts(seed, tmp_path):
    records = add_tricky_records(seed)
    Person.objects.filter(pk=records["person"].pk).update(status="draft")

    CatalogExporter(published_only=True, stderr=io.StringIO()).run(tmp_path)

    assert read_rows(tmp_path / "retired_slugs.csv") == []
