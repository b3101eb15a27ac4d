"""Suggestions written for a text: each occurrence, once, with its candidates."""

import re

import pytest
from django.core.management import CommandError, call_command

from catalog.models import Person, Suggestion
from catalog.suggestions.run import SuggestionRun
from tests.conftest import SEED_SLUG


def occurrences(text, name):
    return [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]


def spans(document, name):
    return sorted(
        Suggestion.objects.filter(
            translation__document=document, name=name, start__isnull=False
        ).values_list("start", "end")
    )


@pytest.mark.django_db
def test_every_occurrence_of_a_seed_person_in_a_new_document_is_suggested(second):
    SuggestionRun().run()
    text = second.translations.get().text
    mielke = Person.objects.get(slug="erich-mielke")
    shaker = Person.objects.get(slug="saadoun-shaker")
    assert spans(second, "Mielke") == occurrences(text, "Mielke")
    assert spans(second, "Saadoun Shaker") == occurrences(text, "Saadoun Shaker")
    assert len(occurrences(text, "Saadoun Shaker")) == 4
    for suggestion in Suggestion.objects.filter(name="Mielke", source="text"):
        assert suggestion.person == mielke
        assert list(suggestion.candidate_persons.all()) == [mielke]
        assert text[suggestion.start : suggestion.end] == suggestion.quote == "Mielke"
    assert {s.person for s in Suggestion.objects.filter(name__contains="Shaker")} == {shaker}
    mfs = Suggestion.objects.get(translation__document=second, quote="MfS", start__isnull=False)
    assert mfs.agency.slug == "mfs" and mfs.kind == "agency"


@pytest.mark.django_db
def test_the_curated_seed_gets_no_suggestion_where_a_mention_stands(seed):
    SuggestionRun().run()
    suggested = Suggestion.objects.filter(translation__document=seed)
    assert not suggested.filter(kind__in=["person", "agency"]).exists()
    assert suggested.count() == 0  # its places are catalogued on the document already


@pytest.mark.django_db
def test_an_ambiguous_name_is_suggested_with_both_persons_and_chooses_none(second):
    other = Person.objects.create(
        slug="klaus-scholz", preferred_name="Klaus Scholz", sort_name="Scholz, Klaus"
    )
    SuggestionRun().run()
    (scholz,) = Suggestion.objects.filter(translation__document=second, name="Scholz")
    assert set(scholz.candidate_persons.values_list("slug", flat=True)) == {
        "alfred-scholz",
        other.slug,
    }
    assert scholz.person is None and scholz.status == "open"


@pytest.mark.django_db
def test_a_rejected_suggestion_is_never_proposed_again_and_a_second_run_adds_nothing(second):
    assert SuggestionRun().run().created == 0  # the import made them already
    assert Suggestion.objects.filter(name="Mielke").exists()
    rejected = Suggestion.objects.filter(name="Mielke").first()
    rejected.status = Suggestion.Status.REJECTED
    rejected.save()
    again = SuggestionRun().run()
    assert again.created == 0
    assert Suggestion.objects.get(pk=rejected.pk).status == "rejected"
    assert (
        Suggestion.objects.filter(start=rejected.start, translation=rejected.translation).count()
        == 1
    )


@pytest.mark.django_db
def test_a_name_after_a_rank_that_no_record_has_is_a_candidate_person(second):
    SuggestionRun().run()
    (kratsch,) = Suggestion.objects.filter(translation__document=second, source="title")
    assert (kratsch.name, kratsch.kind, kratsch.proposed_kind) == ("Kratsch", "new", "person")
    assert kratsch.candidate_persons.count() == 0


@pytest.mark.django_db
def test_the_command_scans_and_answers_bad_input_clearly(second, capsys):
    call_command("suggest_mentions", "--document", SEED_SLUG, "--document", second.slug)
    assert "2 text(s) scanned" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no document with the slug 'no-such-memo'"):
        call_command("suggest_mentions", "--document", "no-such-memo")
    with pytest.raises(CommandError, match="empty slug"):
        call_command("suggest_mentions", "--document", " ")
