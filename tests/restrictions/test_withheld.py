"""The withheld view: placeholders of fixed form, offsets of what stays visible, persons who
appear only in withheld passages, and lifting at request time."""

import datetime

import pytest

from catalog.models import Mention, Person, Restriction
from catalog.restrictions import withheld

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason


def restrict(seed, quote, *, lift=datetime.date(2031, 1, 1), **kwargs):
    fields = {
        "scope": Scope.PASSAGE,
        "translation": seed.translations.get(),
        "quote": quote,
        "reason": Reason.THIRD_PARTY,
        "rule": Rule.FIXED,
        "lift_date": lift,
    }
    fields.update(kwargs)
    restriction = Restriction(**fields)
    restriction.full_clean()
    restriction.save()
    return restriction


def test_no_restriction_withholds_nothing(seed):
    view = withheld.build()
    assert view.empty
    translation = seed.translations.get()
    assert view.redact(translation).text == translation.text


def test_a_passage_reads_as_a_placeholder_of_fixed_form(seed):
    restrict(seed, "Taher Ahmed Amin")
    translation = seed.translations.get()
    redacted = withheld.build().redact(translation)
    assert "Taher Ahmed Amin" not in redacted.text
    assert "[personal data withheld until 2031]" in redacted.text
    # The same placeholder for a long passage: its length gives nothing away.
    long = restrict(seed, translation.text[2400:2600])
    longer = withheld.build().redact(translation).text
    assert longer.count("[personal data withheld until 2031]") == 2
    assert long.quote not in longer


def test_offsets_after_a_withheld_passage_move_with_it(seed):
    restrict(seed, "Taher Ahmed Amin")
    translation = seed.translations.get()
    redacted = withheld.build().redact(translation)
    for mention in Mention.objects.filter(translation=translation):
        if redacted.hides(mention.start, mention.end):
            continue
        start, end = redacted.moved(mention.start), redacted.moved(mention.end)
        assert redacted.text[start:end] == mention.quote


def test_a_person_named_only_in_withheld_passages_is_withheld_whole(seed):
    restrict(seed, "Taher Ahmed Amin")
    view = withheld.build()
    amin = Person.objects.get(slug="taher-ahmed-amin")
    shaker = Person.objects.get(slug="saadoun-shaker")
    assert view.hides_person(amin.pk)
    assert view.person_placeholder(amin.pk) == "[personal data withheld until 2031]"
    # Named once in a withheld passage, twice elsewhere: still public.
    restrict(seed, "Saadoun Shaker", start=1964, end=1978)
    assert not withheld.build().hides_person(shaker.pk)


def test_a_withheld_person_is_withheld_wherever_named(seed):
    shaker = Person.objects.get(slug="saadoun-shaker")
    restrict(seed, "", scope=Scope.PERSON, person=shaker, translation=None)
    view = withheld.build()
    redacted = view.redact(seed.translations.get())
    assert "Saadoun Shaker" not in redacted.text
    assert redacted.text.count("[personal data withheld until 2031]") == 3


def test_a_withheld_text_and_document(seed):
    translation = seed.translations.get()
    restrict(seed, "", scope=Scope.TEXT, rule=Rule.UNTIL_REMOVED, lift=None)
    view = withheld.build()
    assert view.redact(translation).text == "[personal data withheld]"
    assert view.hides_passage(translation.pk, 0, 5)
    Restriction.objects.all().delete()
    restrict(seed, "", scope=Scope.DOCUMENT, document=seed, translation=None)
    view = withheld.build()
    assert view.hides_document(seed.pk)
    assert view.hides_text(translation.pk, seed.pk)
    # Every person the memo names is named only there (its translator is not named in it).
    named = set(Mention.objects.filter(person__isnull=False).values_list("person", flat=True))
    assert len(named) == 9
    assert set(view.persons) == named


def test_a_restriction_lifts_by_itself_on_its_day(seed):
    restrict(seed, "Taher Ahmed Amin", lift=datetime.date(2030, 6, 1))
    assert not withheld.build(datetime.date(2030, 5, 31)).empty
    assert withheld.build(datetime.date(2030, 6, 1)).empty


@pytest.mark.parametrize("lift", [datetime.date(2029, 1, 1), None])
def test_overlapping_passages_merge_and_lift_on_the_later_day(seed, lift):
    restrict(seed, "Taher Ahmed Amin", lift=datetime.date(2028, 1, 1))
    if lift is None:
        restrict(seed, "Ahmed Amin", rule=Rule.UNTIL_REMOVED, lift=None)
    else:
        restrict(seed, "Ahmed Amin", lift=lift)
    text = withheld.build(datetime.date(2027, 1, 1)).redact(seed.translations.get()).text
    assert text.count("[personal data withheld") == 1
    assert withheld.placeholder(lift) in text
