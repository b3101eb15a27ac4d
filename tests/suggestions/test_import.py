"""Importing a Wilson Center file: suggestions, the publisher's lists, terms and translators."""

import re

import pytest

from catalog.importers.wcda import WCDAImporter
from catalog.models import Mention, Person, Place, Subject, Suggestion
from catalog.suggestions import review
from tests.suggestions.conftest import SECOND

pytestmark = pytest.mark.django_db


def test_importing_names_seed_persons_and_agencies_suggests_each_occurrence(second):
    text = second.translations.get().text
    found = Suggestion.objects.filter(translation__document=second, start__isnull=False)
    for name, slug in [("Mielke", "erich-mielke"), ("Saadoun Shaker", "saadoun-shaker")]:
        expected = [(m.start(), m.end()) for m in re.finditer(name, text)]
        suggested = found.filter(name=name).order_by("start")
        assert [(s.start, s.end) for s in suggested] == expected
        assert {s.person.slug for s in suggested} == {slug}
    assert found.filter(quote="MfS", agency__slug="mfs").count() == 1
    assert found.get(source="title").name == "Kratsch"


def test_the_publishers_list_of_people_and_organisations_becomes_suggestions(second):
    listed = {
        s.quote: s
        for s in Suggestion.objects.filter(translation__document=second, source="associated")
    }
    assert listed["Mielke, Erich, 1907-2000"].person.slug == "erich-mielke"
    assert listed["Shaker, Saadoun"].person.slug == "saadoun-shaker"
    assert listed["Germany (East). Ministerium für Staatssicherheit"].agency.slug == "mfs"
    kratsch = listed["Kratsch, Günther"]
    assert (kratsch.name, kratsch.kind, kratsch.proposed_kind) == (
        "Günther Kratsch",
        "new",
        "person",
    )


def test_accepting_a_listed_person_accepts_their_spans_in_the_document(second, archivist):
    listed = Suggestion.objects.get(translation__document=second, quote="Shaker, Saadoun")
    review.accept(listed, archivist)
    shaker = Person.objects.get(slug="saadoun-shaker")
    assert Mention.objects.filter(translation__document=second, person=shaker).count() == 4


def test_places_and_subjects_match_the_catalogs_terms(seed, tmp_path):
    places_before = Place.objects.count()
    source = SECOND.read_text(encoding="utf-8").replace(
        "Intelligence cooperation", "INTELLIGENCE COOPÉRATION"
    )
    path = tmp_path / SECOND.name
    path.write_text(source, encoding="utf-8")
    report = WCDAImporter().run([path])
    assert report.ok, report.lines()
    document = report_document()
    assert sorted(p.slug for p in document.places.all()) == ["baghdad", "berlin"]
    assert Place.objects.count() == places_before
    assert [s.slug for s in document.subjects.all()] == ["intelligence-cooperation"]
    assert Subject.objects.filter(name__iexact="intelligence coopération").count() == 0


def report_document():
    from catalog.models import Document

    return Document.objects.get(publisher_record_id="900777")


def test_every_translator_of_the_credit_line_is_a_linked_person(second, client):
    text = second.translations.get()
    assert text.translator.preferred_name == "Mark H. Doctoroff"
    assert [p.preferred_name for p in text.other_translators.all()] == ["Gary Goldberg"]
    for person in Person.objects.filter(preferred_name__in=["Mark H. Doctoroff", "Gary Goldberg"]):
        person.status = "published"
        person.save()
    second.status = "published"
    second.save()
    page = client.get(second.get_absolute_url()).content.decode()
    goldberg = Person.objects.get(preferred_name="Gary Goldberg")
    assert f'<a href="{goldberg.get_absolute_url()}">Gary Goldberg</a>' in page
    assert "Also translated by" in page


def test_a_second_import_changes_nothing_and_suggests_nothing_new(second):
    count = Suggestion.objects.count()
    outcome = WCDAImporter().run([SECOND]).outcomes[0]
    assert outcome.action == "unchanged", outcome.changes
    assert Suggestion.objects.count() == count
