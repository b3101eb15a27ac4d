"""Authority identifiers go out to CSV and come back unchanged, through the commands and
through the admin's resources; a malformed one is refused by row and column."""

import io

import tablib

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.interchange.resources import RESOURCES
from catalog.models import Agency, Person, Place
from catalog.models.authorities import field_names
from tests.interchange.fixtures import empty_catalog, read_rows, write_rows

# Test values of the right form; the seed itself carries none.
PERSON = {"gnd_id": "118540238", "viaf_id": "24602065", "wikidata_id": "Q5879"}
AGENCY = {"gnd_id": "2005090-2", "viaf_id": "123456789", "wikidata_id": "Q152715"}
PLACE = {"gnd_id": "4011882-4", "wikidata_id": "Q1530", "geonames_id": "98182"}


def _identify(seed):
    Person.objects.filter(slug="saadoun-shaker").update(**PERSON)
    Agency.objects.filter(slug="mfs").update(**AGENCY)
    Place.objects.filter(slug="baghdad").update(**PLACE)


def _fields(record, names) -> dict:
    return {name: getattr(record, name) for name in names}


def test_the_seed_carries_no_invented_identifier(seed):
    for model in (Person, Agency, Place):
        for name in field_names(model._meta.model_name):
            assert not model.objects.exclude(**{name: ""}).exists(), (model, name)


def test_identifiers_survive_export_and_import(seed, tmp_path):
    _identify(seed)
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    persons = {row["slug"]: row for row in read_rows(tmp_path / "persons.csv")}
    assert persons["saadoun-shaker"]["gnd_id"] == "118540238"
    assert persons["saadoun-shaker"]["wikidata_id"] == "Q5879"

    empty_catalog()
    report = CatalogImporter(stderr=io.StringIO()).run(tmp_path)
    assert report.ok, report.lines()
    assert _fields(Person.objects.get(slug="saadoun-shaker"), PERSON) == PERSON
    assert _fields(Agency.objects.get(slug="mfs"), AGENCY) == AGENCY
    assert _fields(Place.objects.get(slug="baghdad"), PLACE) == PLACE


def test_a_wrong_check_character_in_a_file_is_reported_and_nothing_is_written(seed, tmp_path):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    rows = read_rows(tmp_path / "persons.csv")
    for row in rows:
        if row["slug"] == "saadoun-shaker":
            row["gnd_id"] = "118540239"
    write_rows(tmp_path / "persons.csv", rows)

    report = CatalogImporter(stderr=io.StringIO()).run(tmp_path)
    assert not report.ok
    problems = [str(p) for p in report.first_problems]
    assert any("persons.csv" in p and "gnd_id" in p and "check character" in p for p in problems)
    assert Person.objects.get(slug="saadoun-shaker").gnd_id == ""


def test_the_admin_resources_export_and_import_identifiers(seed):
    _identify(seed)
    exported = RESOURCES[Place]().export()
    baghdad = next(row for row in exported.dict if row["slug"] == "baghdad")
    assert baghdad["geonames_id"] == "98182"

    Place.objects.filter(slug="baghdad").update(geonames_id="", wikidata_id="")
    result = RESOURCES[Place]().import_data(tablib.Dataset().load(exported.csv, format="csv"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert _fields(Place.objects.get(slug="baghdad"), PLACE) == PLACE


def test_the_admin_resource_refuses_a_malformed_identifier(seed):
    text = "slug,preferred_name,wikidata_id\nsaadoun-shaker,Saadoun Shaker,P31\n"
    result = RESOURCES[Person]().import_data(tablib.Dataset().load(text, format="csv"))
    assert result.has_validation_errors()
    assert Person.objects.get(slug="saadoun-shaker").wikidata_id == ""
