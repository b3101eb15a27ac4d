"""Importing edited CSV files: matched on natural keys, all or nothing, problems located."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Document, Mention, Person, RetiredSlug
from tests.interchange.fixtures import read_rows, write_rows


@pytest.fixture
def exported(seed, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    return tmp_path


def edit(path, change):
    rows = read_rows(path)
    headers = list(rows[0])
    change(rows)
    write_rows(path, rows, headers)


def run(directory, **options):
    return CatalogImporter(
        stderr=io.StringIO(), errors_path=directory / "errors.csv", **options
    ).run(directory)


def new_person(rows, slug="new-person", name="Neue Person"):
    rows.append(
        {**rows[0], "slug": slug, "preferred_name": name, "sort_name": "", "life_dates": ""}
    )


def test_rows_update_records_with_the_same_natural_key_and_create_the_others(exported):
    mielke = Person.objects.get(slug="erich-mielke")

    def change(rows):
        next(r for r in rows if r["slug"] == "erich-mielke")["description"] = "Minister, 1957–1989."
        new_person(rows)

    edit(exported / "persons.csv", change)
    report = run(exported)

    assert report.ok, report.lines()
    assert report.files["persons.csv"].actions == {
        "created": 1,
        "updated": 1,
        "unchanged": 9,
        "invalid": 0,
    }
    assert report.count("created") == 1 and report.count("updated") == 1
    mielke.refresh_from_db()
    assert mielke.description == "Minister, 1957–1989."
    assert Person.objects.get(slug="new-person").sort_name == "Neue Person"
    latest = mielke.history.first()
    assert latest.history_user.username == "import_catalog" and latest.history_type == "~"
    created = Person.objects.get(slug="new-person")
    [entry] = created.history.all()
    assert (entry.history_type, entry.history_user.username) == ("+", "import_catalog")
    assert entry.history_change_reason == "import_catalog persons.csv"
    assert entry.instance.preferred_name == "Neue Person" and entry.id == created.pk


def test_a_dry_run_reports_every_row_and_writes_nothing(exported):
    edit(exported / "persons.csv", lambda rows: rows[0].update(preferred_name="Changed"))
    edit(exported / "persons.csv", new_person)
    before = list(Person.objects.order_by("slug").values_list("slug", "preferred_name"))
    out = io.StringIO()

    report = run(exported, dry_run=True, rows_out=out)

    assert report.rolled_back and report.ok
    assert list(Person.objects.order_by("slug").values_list("slug", "preferred_name")) == before
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    persons = [r for r in rows if r["file"] == "persons.csv"]
    assert [(r["row"], r["action"]) for r in persons[:2]] == [("2", "updated"), ("3", "unchanged")]
    assert persons[-1]["record"] == "new-person" and persons[-1]["action"] == "created"
    assert len(persons) == 11
    assert {r["action"] for r in rows if r["file"] == "mentions.csv"} == {"unchanged"}


def test_a_link_to_a_record_that_does_not_exist_names_file_row_column_and_value(exported):
    edit(exported / "mentions.csv", lambda rows: rows[1].update(agency="", person="nobody"))
    Mention.objects.all().delete()

    report = run(exported)

    assert not report.ok and report.rolled_back
    problem = str(report.first_problems[0])
    assert problem.startswith("mentions.csv, row 3, column person 'nobody': No person with this")
    assert not Mention.objects.exists()
    errors = read_rows(exported / "errors.csv")
    assert errors == [
        {
            "file": "mentions.csv",
            "row": "3",
            "column": "person",
            "value": "nobody",
            "reason": "No person with this person in the catalog or in persons.csv.",
        }
    ]


def test_one_invalid_row_leaves_the_whole_catalog_unchanged(exported):
    edit(exported / "persons.csv", new_person)
    edit(exported / "documents.csv", lambda rows: rows[0].update(date="27 Feb 1986", title="New"))

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_catalog", str(exported), stdout=io.StringIO(), stderr=io.StringIO())

    assert not Person.objects.filter(slug="new-person").exists()
    assert Document.objects.get().title != "New"
    errors = read_rows(exported / "import-errors.csv")
    assert [(e["file"], e["row"], e["column"], e["value"]) for e in errors] == [
        ("documents.csv", "2", "date", "27 Feb 1986")
    ]
    assert "is not a date in EDTF" in errors[0]["reason"]


def test_keep_going_writes_the_valid_rows_and_skips_the_invalid(exported):
    edit(exported / "persons.csv", new_person)
    edit(exported / "documents.csv", lambda rows: rows[0].update(status="maybe"))

    report = run(exported, keep_going=True)

    assert report.problems == 1 and not report.rolled_back
    assert Person.objects.filter(slug="new-person").exists()
    assert report.files["documents.csv"].actions["invalid"] == 1


def test_a_quote_that_does_not_match_the_text_is_refused(exported):
    edit(exported / "mentions.csv", lambda rows: rows[0].update(quote="KGB"))
    report = run(exported)
    assert str(report.first_problems[0]).startswith("mentions.csv, row 2, column quote 'KGB'")
    assert "reads “MfS”" in report.first_problems[0].reason


def test_unknown_and_missing_columns_are_reported_on_the_header_row(exported):
    rows = read_rows(exported / "persons.csv")
    write_rows(exported / "persons.csv", [{**r, "nickname": "x"} for r in rows])
    with (exported / "roles.csv").open("w", encoding="utf-8") as f:
        f.write("agency,title\nmfs,Minister\n")

    report = run(exported)

    problems = [str(p) for p in report.first_problems]
    assert problems[0].startswith("persons.csv, row 1, column nickname: Unknown column")
    assert "roles.csv, row 1, column person: This column is missing" in problems[1]


def test_a_document_found_by_its_publisher_record_id_keeps_its_old_slug_working(exported, seed):
    edit(exported / "documents.csv", lambda rows: rows[0].update(slug="renamed-memo"))
    for name in (
        "translations",
        "archival_references",
        "role_evidence",
        "event_evidence",
        "mentions",
    ):
        edit(
            exported / f"{name}.csv", lambda rows: [r.update(document="renamed-memo") for r in rows]
        )

    report = run(exported)

    assert report.ok, report.lines()
    assert report.files["documents.csv"].actions["updated"] == 1
    assert Document.objects.get().pk == seed.pk and Document.objects.get().slug == "renamed-memo"
    assert RetiredSlug.lookup(Document, seed.slug) == seed
    assert report.count("created") == 0


def test_a_row_repeated_in_a_file_is_refused(exported):
    edit(exported / "persons.csv", lambda rows: rows.append(dict(rows[0])))
    report = run(exported)
    assert "The same record as row 2." in str(report.first_problems[0])
