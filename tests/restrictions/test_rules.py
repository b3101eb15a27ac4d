"""When a restriction lifts: BArchG § 11 (2) from life dates and document dates, the
latest bound of an uncertain date, and what makes a restriction invalid."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Person, Restriction
from catalog.restrictions import rules

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason


@pytest.mark.parametrize(
    ("life_dates", "birth", "death"),
    [
        ("1907/2000", datetime.date(1907, 12, 31), datetime.date(2000, 12, 31)),
        ("1930/..", datetime.date(1930, 12, 31), None),
        ("../1999-05-03", None, datetime.date(1999, 5, 3)),
        ("1930", datetime.date(1930, 12, 31), None),
        ("", None, None),
    ],
)
def test_life_dates_give_the_latest_day_of_birth_and_death(life_dates, birth, death):
    assert rules.life_latest(life_dates) == (birth, death)


def test_an_uncertain_death_counts_from_its_latest_possible_day():
    _, certain = rules.life_latest("1920/1990")
    _, uncertain = rules.life_latest("1920/1990?")
    assert uncertain > certain


def _restriction(seed, **kwargs):
    translation = seed.translations.get()
    fields = {"scope": Scope.PASSAGE, "translation": translation, "reason": Reason.THIRD_PARTY}
    fields.update(kwargs)
    return Restriction(**fields)


def test_statutory_rule_counts_ten_years_from_death(seed):
    person = Person.objects.get(slug="taher-ahmed-amin")
    person.life_dates = "1940-03-02/2019-06-30"
    person.save()
    restriction = _restriction(seed, quote="Taher Ahmed Amin", person=person)
    restriction.save()
    assert restriction.lifts_on == datetime.date(2029, 7, 1)
    assert (restriction.start, restriction.end) == (1737, 1753)
    assert restriction.document == seed


def test_statutory_rule_without_death_counts_a_hundred_years_from_birth(seed):
    person = Person.objects.get(slug="taher-ahmed-amin")
    person.life_dates = "1940~/.."
    person.save()
    restriction = _restriction(seed, quote="Taher Ahmed Amin", person=person)
    restriction.save()
    # "1940~" may mean as late as the fuzzy margin after 1940: the latest counts.
    assert restriction.lifts_on > datetime.date(2041, 1, 1)


def test_statutory_rule_without_life_dates_counts_sixty_years_from_the_document(seed):
    restriction = _restriction(seed, quote="Taher Ahmed Amin")
    restriction.save()
    assert seed.date == "1986-02-28"
    assert restriction.lifts_on == datetime.date(2046, 3, 1)


def test_fixed_date_and_until_removed(seed):
    fixed = _restriction(seed, quote="Taher Ahmed Amin", rule=Rule.FIXED)
    fixed.lift_date = datetime.date(2031, 5, 1)
    fixed.save()
    assert fixed.lifts_on == datetime.date(2031, 5, 1)
    held = _restriction(seed, quote="Saadoun Shaker", start=1964, end=1978)
    held.rule = Rule.UNTIL_REMOVED
    held.save()
    assert held.lifts_on is None


def test_a_quote_not_in_the_text_is_refused_naming_the_field(seed):
    restriction = _restriction(seed, quote="Markus Wolf")
    with pytest.raises(ValidationError) as error:
        restriction.full_clean()
    assert "“Markus Wolf” is not in the text." in error.value.message_dict["quote"]


def test_a_quote_found_twice_needs_its_span(seed):
    restriction = _restriction(seed, quote="Saadoun Shaker")
    with pytest.raises(ValidationError) as error:
        restriction.full_clean()
    assert "more than once" in error.value.message_dict["quote"][0]


def test_rules_from_life_dates_need_a_person(seed):
    restriction = _restriction(seed, quote="Taher Ahmed Amin", rule=Rule.AFTER_DEATH)
    with pytest.raises(ValidationError) as error:
        restriction.full_clean()
    assert "person" in error.value.message_dict


def test_other_reason_needs_a_note(seed):
    restriction = _restriction(seed, quote="Taher Ahmed Amin", reason=Reason.OTHER)
    with pytest.raises(ValidationError) as error:
        restriction.full_clean()
    assert "note" in error.value.message_dict


def test_recompute_follows_a_changed_death_date(seed):
    person = Person.objects.get(slug="taher-ahmed-amin")
    restriction = _restriction(seed, quote="Taher Ahmed Amin", person=person)
    restriction.save()
    assert restriction.lifts_on == datetime.date(2046, 3, 1)  # from the document
    Person.objects.filter(pk=person.pk).update(life_dates="1930/2001")  # no signal
    assert rules.recompute(Restriction.objects.all()) == 1
    restriction.refresh_from_db()
    assert restriction.lifts_on == datetime.date(2012, 1, 1)
