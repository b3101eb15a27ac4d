"""The WCDA format's breadth: conversations, partial dates, several markings, editorial notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.importers.wcda_format import parse_wcda, read_wcda_file
from tests.importers.test_wcda_format import export

DATA = Path(__file__).resolve().parent / "data" / "wcda"


def test_a_conversation_without_contents_keeps_its_speaker_labels_in_the_text():
    record = read_wcda_file(DATA / "conversation_speakers.txt")
    assert record.extra_sections == {}
    assert record.original_languages == ["German"]
    assert record.place_date_line == "Moscow, early March 1983"
    assert record.classification == "Top Secret"
    assert record.heading == (
        "[Record of the conversation of Comrade Minister Mielke with Comrade Chebrikov]"
    )
    speeches = [p.value for p in record.paragraphs]
    assert speeches[0::2] == ["MIELKE:", "Chebrikov:", "MIELKE:"]
    assert speeches[1].startswith("I welcome you")
    assert "MIELKE:\n\nI welcome you" in record.body_text


def test_speaker_labels_after_contents_are_text_too():
    body = "MIELKE:\n\nWelcome.\n\nSHAKER:\n\nThank you."
    record = parse_wcda(export(body=body), "doc.txt")
    assert [p.value for p in record.paragraphs] == ["MIELKE:", "Welcome.", "SHAKER:", "Thank you."]


def test_an_unknown_label_is_a_section_only_when_a_known_label_follows_it():
    sections = "Document Type:\n\nReport\n\nOriginal Language:\n\nGerman"
    body = "Mielke:\n\nWelcome.\n\nNeiber:\n\nThank you."
    record = parse_wcda(export(sections=sections, contents=None, body=body), "doc.txt")
    assert record.extra_sections == {"Document Type": "Report"}
    assert [p.value for p in record.paragraphs] == ["Mielke:", "Welcome.", "Neiber:", "Thank you."]


@pytest.mark.parametrize(
    "line",
    [
        "Berlin, early 1983",
        "Berlin, mid-1983",
        "Moscow, late February 1983",
        "Warsaw, end of February 1983",
        "Prague, [1983]",
        "Budapest, 1982/83",
        "Berlin, Anfang 1983",
        "Sofia, undated",
        "Bucharest, spring 1983",
        "Berlin, c. 1983",
        "Berlin, 3 March 1983?",
    ],
)
def test_a_partial_or_approximate_date_line_keeps_the_classification_after_it(line):
    body = f"{line}\n\nTop Secret\n\nOn the visit\n\nThe delegation arrived."
    record = parse_wcda(export(body=body), "doc.txt")
    assert (record.place_date_line, record.classification) == (line, "Top Secret")
    assert record.heading == "On the visit"
    assert [p.value for p in record.paragraphs] == ["The delegation arrived."]


def test_several_classification_markings_are_all_kept_in_order():
    record = read_wcda_file(DATA / "partial_date_classifications.txt")
    assert record.place_date_line == "Berlin, early 1983"
    assert record.classification == "Streng geheim\nOf Special Importance"
    assert record.heading == "Information"
    assert len(record.paragraphs) == 2


def test_a_body_without_a_date_line_keeps_its_marking_and_bracketed_heading():
    record = read_wcda_file(DATA / "no_date_line.txt")
    assert (record.date.value, record.place_date_line) == ("", "")
    assert record.classification == "Confidential"
    assert record.heading == '[Handwritten at the top: "Comrade Neiber for information"]'
    assert [p.value[:16] for p in record.paragraphs] == ["The delegation a", "No further reque"]


def test_a_plain_heading_after_bracketed_notes_is_the_heading_and_the_notes_stay_notes():
    body = "[Stamp: received 3.3.83]\n\nOn the visit\n\nThe delegation arrived."
    record = parse_wcda(export(body=body), "doc.txt")
    assert record.heading == "On the visit"
    assert record.editorial_notes == ["[Stamp: received 3.3.83]"]


@pytest.mark.parametrize(
    "name", ["conversation_speakers", "partial_date_classifications", "no_date_line"]
)
def test_paragraph_offsets_point_at_each_paragraph_in_body_text(name):
    record = read_wcda_file(DATA / f"{name}.txt")
    for offset, paragraph in zip(record.paragraph_offsets(), record.paragraphs, strict=True):
        assert record.body_text[offset : offset + len(paragraph.value)] == paragraph.value
