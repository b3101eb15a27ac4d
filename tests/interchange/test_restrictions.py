"""Restrictions in the CSV interchange: round trip, clear problems, staff only."""

import datetime
import io
import json

import pytest

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Document, Person, Restriction
from tests.interchange.fixtures import FORMULAS, empty_catalog, read_rows, write_rows

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason


@pytest.fixture
def restricted(seed):
    translation = seed.translations.get()
    amin = Person.objects.get(slug="taher-ahmed-amin")
    amin.life_dates = "1930?/1990"
    amin.save()
    made = [
        Restriction(
            translation=translation,
            quote="Taher Ahmed Amin",
            person=amin,
            reason=Reason.THIRD_PARTY,
            rule=Rule.STATUTORY,
            note=FORMULAS[0],
        ),
        Restriction(
            translation=translation,
            quote="Saadoun Shaker",
            start=translation.text.rfind("Saadoun Shaker"),
            end=translation.text.rfind("Saadoun Shaker") + len("Saadoun Shaker"),
            reason=Reason.INFORMANT,
            legal_basis="StUG § 32 (1) Nr. 3",
            rule=Rule.FIXED,
            lift_date=datetime.date(2040, 2, 29),
        ),
        Restriction(
            scope=Scope.DOCUMENT, document=seed, reason=Reason.LEGAL_HOLD, rule=Rule.UNTIL_REMOVED
        ),
        Restriction(
            scope=Scope.PERSON,
            person=Person.objects.get(slug="erich-mielke"),
            reason=Reason.OTHER,
            note="Pending a family's request.",
            rule=Rule.AFTER_DOCUMENT,
        ),
    ]
    for restriction in made:
        restriction.full_clean()
        restriction.save()
    return made


def snapshot():
    return sorted(
        Restriction.objects.values_list(
            "scope",
            "document__slug",
            "translation__kind",
            "start",
            "end",
            "quote",
            "person__slug",
            "reason",
            "note",
            "legal_basis",
            "rule",
            "lift_date",
            "lifts_on",
        ),
        key=repr,
    )


def run(directory):
    return CatalogImporter(stderr=io.StringIO(), errors_path=directory / "errors.csv").run(
        directory
    )


def test_restrictions_go_out_and_come_back_whole(restricted, tmp_path):
    before = snapshot()
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "first")
    rows = read_rows(tmp_path / "first" / "restrictions.csv")
    assert len(rows) == 4
    # Formula-like cells are neutralised, as in every other file.
    assert not any(cell.startswith("=") for row in rows for cell in row.values())
    empty_catalog()
    assert not Restriction.objects.exists()
    report = run(tmp_path / "first")
    assert report.ok, [str(p) for p in report.first_problems]
    assert snapshot() == before
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "second")
    first = (tmp_path / "first" / "restrictions.csv").read_bytes()
    assert first == (tmp_path / "second" / "restrictions.csv").read_bytes()
    # Again: nothing changes.
    again = run(tmp_path / "second")
    assert again.files["restrictions.csv"].actions["unchanged"] == 4, again.lines()


def test_a_restriction_row_given_by_its_quote_alone_finds_its_span(seed, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    assert read_rows(tmp_path / "restrictions.csv") == []  # none yet: the header row only
    path = tmp_path / "restrictions.csv"
    header = path.read_text().strip().split(",")
    row = dict.fromkeys(header, "")
    row.update(
        scope="passage",
        text_document=seed.slug,
        text="translation-en",
        quote="Taher Ahmed Amin",
        reason="victim",
        legal_basis="StUG § 32",
        rule="fixed",
        lift_date="2033-03-01",
    )
    write_rows(path, [row], header)
    report = run(tmp_path)
    assert report.ok, [str(p) for p in report.first_problems]
    restriction = Restriction.objects.get()
    assert seed.translations.get().text[restriction.start : restriction.end] == "Taher Ahmed Amin"
    assert (restriction.document, restriction.lifts_on) == (seed, datetime.date(2033, 3, 1))


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"quote": "Taher Ahmad Amin", "start": "", "end": ""}, "quote", "is not in the text"),
        ({"reason": "gossip"}, "reason", "not a valid choice"),
        ({"person": "nobody-at-all"}, "person", "No person"),
        ({"lift_date": "2031-02-30"}, "lift_date", ""),
        ({"rule": "fixed", "lift_date": ""}, "lift_date", "Give the day"),
        ({"text": "original-de"}, "text_document, text", "No translation"),
    ],
)
def test_a_bad_row_is_named_by_file_row_and_column_and_nothing_is_written(
    restricted, tmp_path, change, column, reason
):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    path = tmp_path / "restrictions.csv"
    rows = read_rows(path)
    number = next(i for i, r in enumerate(rows) if r["quote"] == "Taher Ahmed Amin")
    rows[number].update(change)
    write_rows(path, rows, list(rows[0]))
    before = snapshot()
    Restriction.objects.all().delete()
    report = run(tmp_path)
    assert not report.ok
    found = [str(p) for p in report.first_problems]
    assert any(
        p.startswith(f"restrictions.csv, row {number + 2}, column {column}") and reason in p
        for p in found
    ), found
    assert not Restriction.objects.exists()
    assert before


def test_a_published_only_export_holds_no_restrictions(restricted, tmp_path):
    Document.objects.update(status="published")
    CatalogExporter(published_only=True, stderr=io.StringIO()).run(tmp_path)
    assert not (tmp_path / "restrictions.csv").exists()
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert "restrictions" not in [r["name"] for r in package["resources"]]
    # The restricted document is in none of its files.
    assert read_rows(tmp_path / "documents.csv") == []
    assert read_rows(tmp_path / "translations.csv") == []
    assert read_rows(tmp_path / "mentions.csv") == []


def test_a_published_only_export_reads_as_the_public_does(restricted, tmp_path):
    Restriction.objects.filter(scope=Scope.DOCUMENT).delete()
    Document.objects.update(status="published")
    Person.objects.update(status="published")
    full = tmp_path / "full"
    CatalogExporter(stderr=io.StringIO()).run(full)
    full_text = read_rows(full / "translations.csv")[0]["text"]
    assert "Mielke" in full_text
    public = tmp_path / "public"
    CatalogExporter(published_only=True, stderr=io.StringIO()).run(public)
    text = read_rows(public / "translations.csv")[0]["text"]
    # Mielke is withheld wherever named; the last "Saadoun Shaker" until 2040; Amin's
    # passage lifted in 2001 (ten years after his death) and reads again.
    assert "Mielke" not in text
    assert text.count("Saadoun Shaker") == full_text.count("Saadoun Shaker") - 1
    assert "[personal data withheld until 2040]" in text
    assert "Taher Ahmed Amin" in text
    slugs = {row["slug"] for row in read_rows(public / "persons.csv")}
    assert "erich-mielke" not in slugs and "saadoun-shaker" in slugs
    mentions = read_rows(public / "mentions.csv")
    assert mentions and all(row["person"] != "erich-mielke" for row in mentions)
    for row in mentions:  # each visible mention stands where the public text has its quote
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    assert len(mentions) < len(read_rows(full / "mentions.csv"))
