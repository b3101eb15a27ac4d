"""A restriction's lift day follows the dates it counts from: a person's life dates and a
document's date, changed by a save (admin, import) or by the CSV interchange's bulk updates."""

import datetime
import io

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Person, Restriction
from tests.interchange.fixtures import read_rows, write_rows

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason


def restrict_amin(seed, rule=Rule.STATUTORY):
    amin = Person.objects.get(slug="taher-ahmed-amin")
    amin.life_dates = "1930/1990"
    amin.save()
    restriction = Restriction(
        translation=seed.translations.get(),
        quote="Taher Ahmed Amin",
        person=amin,
        reason=Reason.THIRD_PARTY,
        rule=rule,
    )
    restriction.full_clean()
    restriction.save()
    assert restriction.lifts_on == datetime.date(2001, 1, 1)
    return restriction


def test_changing_a_persons_life_dates_moves_the_lift_day(seed):
    restriction = restrict_amin(seed)
    amin = Person.objects.get(slug="taher-ahmed-amin")
    amin.life_dates = "1930/2019~"  # about 2019: counted from the latest day it may mean
    amin.save()
    restriction.refresh_from_db()
    assert restriction.lifts_on > datetime.date(2030, 1, 1)
    amin.life_dates = "1930/.."  # death unknown: 100 years after birth
    amin.save()
    restriction.refresh_from_db()
    assert restriction.lifts_on == datetime.date(2031, 1, 1)


def test_changing_a_documents_date_moves_the_lift_day(seed):
    restriction = Restriction.objects.create(
        scope=Scope.DOCUMENT, document=seed, reason=Reason.LEGAL_HOLD, rule=Rule.AFTER_DOCUMENT
    )
    before = restriction.lifts_on
    assert before is not None
    seed.date = "1999-05-04"
    seed.save()
    restriction.refresh_from_db()
    assert restriction.lifts_on == datetime.date(2059, 5, 5)


def test_the_csv_import_moves_the_lift_day_too(seed, tmp_path):
    restriction = restrict_amin(seed)
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    rows = read_rows(tmp_path / "persons.csv")
    headers = list(rows[0])
    next(r for r in rows if r["slug"] == "taher-ahmed-amin")["life_dates"] = "1930/2020"
    write_rows(tmp_path / "persons.csv", rows, headers)
    report = CatalogImporter(stderr=io.StringIO(), errors_path=tmp_path / "errors.csv").run(
        tmp_path
    )
    assert report.ok, report.lines()
    restriction.refresh_from_db()
    assert restriction.lifts_on == datetime.date(2031, 1, 1)
