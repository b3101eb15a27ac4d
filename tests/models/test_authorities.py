"""Authority identifiers: each authority's form is checked, GND numbers by their check
character; the addresses come from one table."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Agency, Person, Place
from catalog.models.authorities import (
    AUTHORITIES,
    GEONAMES,
    GND,
    VIAF,
    WIKIDATA,
    authorities_for,
    identifiers,
    same_as,
)

# Real GND numbers: Goethe (former person file), the Ministry for State Security (corporate
# bodies), Germany (subjects); and a made-up number of the form given since 2012, whose
# check value 11 - (122 mod 11) = 10 is written X.
GOOD = {
    GND: ["118540238", "118580604", "2005090-2", "4011882-4", "101234567X"],
    VIAF: ["96994048", "12"],
    WIKIDATA: ["Q1278", "Q42"],
    GEONAMES: ["98182", "2950159"],
}
BAD = {
    # 118540239 and 2005090-3: one check character off; 4001234-5 has the check character 7.
    GND: ["118540239", "2005090-3", "4001234-5", "11854023", "gnd118540238", "0118540238"],
    VIAF: ["0123", "viaf/96994048", "9699 4048", "1"],
    WIKIDATA: ["Q0", "P31", "42", "Q42a", "https://www.wikidata.org/wiki/Q42"],
    GEONAMES: ["0", "98182a", "12345678901"],
}


@pytest.mark.parametrize(
    ("authority", "value"), [(a, v) for a, values in GOOD.items() for v in values]
)
def test_a_well_formed_identifier_is_accepted(authority, value):
    authority.validate(value)


@pytest.mark.parametrize(
    ("authority", "value"), [(a, v) for a, values in BAD.items() for v in values]
)
def test_a_malformed_identifier_is_refused_with_an_example(authority, value):
    with pytest.raises(ValidationError) as error:
        authority.validate(value)
    assert error.value.messages[0].startswith(("A ", "The last character"))


def test_a_wrong_gnd_check_character_is_named_as_such():
    with pytest.raises(ValidationError) as error:
        GND.validate("118540239")
    assert error.value.code == "check_character"
    assert "check character" in error.value.messages[0]


def test_each_record_type_carries_the_identifiers_of_its_authorities():
    for model in (Person, Agency, Place):
        names = {field.name for field in model._meta.get_fields()}
        for authority in AUTHORITIES:
            applies = authority in authorities_for(model._meta.model_name)
            assert (authority.field_name in names) == applies, (model, authority.key)
    assert "geonames_id" not in {f.name for f in Person._meta.get_fields()}


@pytest.mark.django_db
def test_full_clean_tidies_a_pasted_identifier_and_refuses_a_wrong_one():
    person = Person(slug="erich-mielke", preferred_name="Erich Mielke", wikidata_id=" q1234 ")
    person.full_clean()
    assert person.wikidata_id == "Q1234"
    person.gnd_id = "118540239"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert list(error.value.message_dict) == ["gnd_id"]


def test_identifiers_give_the_uri_and_the_page_of_each_authority():
    place = Place(name="Baghdad", slug="baghdad", geonames_id="98182", wikidata_id="Q1530")
    found = {i.authority.key: (i.uri, i.page) for i in identifiers(place)}
    assert found == {
        "wikidata": ("http://www.wikidata.org/entity/Q1530", "https://www.wikidata.org/wiki/Q1530"),
        "geonames": ("https://sws.geonames.org/98182/", "https://www.geonames.org/98182/"),
    }
    assert same_as(Place(name="Nowhere", slug="nowhere")) == []
