"""The ``restrictions:`` section of an annotation file, imported with its document."""

import datetime

import pytest

from catalog.importers.wcda import WCDAImporter
from catalog.models import Document, Person, Restriction, Translation
from tests.conftest import SEED_TEXT, SEEDS

pytestmark = pytest.mark.django_db

ANNOTATIONS = SEEDS / (SEED_TEXT.stem + ".annotations.yaml")
SECTION = """
restrictions:
  - quote: Taher Ahmed Amin
    person: taher-ahmed-amin
    reason: third_party
    rule: fixed
    lift_date: 2031-01-01
    note: Named as a contact of the residency.
  - quote: Saadoun Shaker
    occurrence: 2
    reason: informant
    legal_basis: StUG § 32 (1) Nr. 3
    rule: until_removed
  - scope: person
    person: erich-mielke
    reason: legal_hold
    rule: after_document
"""


def folder(tmp_path, section=SECTION, text=None):
    (tmp_path / SEED_TEXT.name).write_text(text or SEED_TEXT.read_text())
    annotations = ANNOTATIONS.read_text() + section
    (tmp_path / ANNOTATIONS.name).write_text(annotations)
    return tmp_path, annotations


def test_an_annotation_file_declares_restrictions_located_by_their_quotes(tmp_path):
    path, _ = folder(tmp_path)
    report = WCDAImporter().run([path])
    assert report.ok, report.lines()
    text = Translation.objects.get().text
    amin, shaker, mielke = Restriction.objects.order_by("pk")
    assert text[amin.start : amin.end] == "Taher Ahmed Amin"
    assert amin.person == Person.objects.get(slug="taher-ahmed-amin")
    assert amin.lifts_on == datetime.date(2031, 1, 1)
    assert amin.note == "Named as a contact of the residency."
    second = text.find("Saadoun Shaker", text.find("Saadoun Shaker") + 1)
    assert (shaker.start, shaker.reason, shaker.lifts_on) == (second, "informant", None)
    assert shaker.legal_basis == "StUG § 32 (1) Nr. 3"
    assert mielke.scope == "person" and mielke.person.slug == "erich-mielke"
    # A second import changes nothing.
    again = WCDAImporter().run([path])
    assert [o.action for o in again.outcomes] == ["unchanged"], again.lines()
    assert Restriction.objects.count() == 3


@pytest.mark.parametrize(
    ("item", "field", "message"),
    [
        ("  - quote: Taher Ahmad Amin\n    reason: victim\n", "quote", "quote not found"),
        ("  - quote: Saadoun Shaker\n    reason: victim\n", "quote", "give occurrence"),
        ("  - quote: Taher Ahmed Amin\n    reason: gossip\n", "reason", "is not one of"),
        (
            "  - quote: Taher Ahmed Amin\n    reason: victim\n    rule: fixed\n",
            "restriction",
            "lift_date",
        ),
        ("  - quote: Taher Ahmed Amin\n    reason: victim\n    lift_date: soon\n", "lift_date", ""),
    ],
)
def test_a_bad_restriction_names_the_file_line_and_field_and_nothing_is_written(
    tmp_path, item, field, message
):
    path, annotations = folder(tmp_path, "\nrestrictions:\n" + item)
    line = annotations.splitlines().index(item.splitlines()[0]) + 1
    report = WCDAImporter().run([path])
    problem = report.rejected[0].messages[0]
    assert f"{ANNOTATIONS.name}, line {line}, {field}:" in problem
    assert message in problem
    assert Restriction.objects.count() == 0
    assert Document.objects.count() == 0


def test_a_corrected_text_moves_a_restricted_passage_with_it(tmp_path):
    path, _ = folder(tmp_path)
    assert WCDAImporter().run([path]).ok
    corrected = SEED_TEXT.read_text().replace("Strictly Confidential", "Strictly Confidential!")
    (path / SEED_TEXT.name).write_text(corrected)
    report = WCDAImporter().run([path])
    assert report.ok, report.lines()
    text = Translation.objects.get().text
    for restriction in Restriction.objects.filter(scope="passage"):
        assert text[restriction.start : restriction.end] == restriction.quote
