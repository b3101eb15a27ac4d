"""Tests of catalog.importers.wcda_format, the reader of Wilson Center Digital Archive exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.importers.wcda_format import (
    WCDAFormatError,
    decode_wcda_bytes,
    parse_wcda,
    read_wcda_file,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_5f9541ecb8b953ae.txt"
DATA = Path(__file__).resolve().parent / "data" / "wcda"

SEED_TITLE = (
    "Relations between the Ministry for State Security of the GDR with Intelligence Organs of "
    "the Republic of Iraq"
)
SEED_HEADING = (
    "Relations between the MfS of the GDR with Intelligence Organs of the Republic of Iraq"
)
SEED_CITATION = (
    f'"{SEED_TITLE}", February 28, 1986, Wilson Center Digital Archive, BStU, ZA, HA X 104, '
    "pp. 49-51. Translated for CWIHP by Bernd Schaefer."
)
SEED_URL = "https://wilson-center-digital-archive.dvincitest.com/document/122923"


@pytest.fixture(scope="module")
def seed():
    return read_wcda_file(SEED)


def export(
    *,
    date: str | None = "February 28, 1986",
    title: str = "**Relations between the MfS and Iraq**",
    sections: str | None = None,
    citation: str = f'"Relations between the MfS and Iraq", February 28, 1986, Wilson Center '
    f"Digital Archive, BStU, ZA, HA X 104, pp. 49-51. Translated for CWIHP by Bernd Schaefer.\n"
    f"<{SEED_URL}>",
    contents: str = "Translation - English",
    body: str = "Berlin, 27 February 1986\n\nStrictly Confidential\n\nSince 1969 organs of Iraq "
    "have asked for cooperation.\n\nThe MfS neither rejected nor launched it.",
) -> str:
    """A small export in the seed's layout; each part can be replaced or left out (None)."""
    parts = ["", ""]
    if date is not None:
        parts += [date, ""]
    parts += [title, ""]
    if sections is None:
        sections = (
            f"Citation:\n\n{citation}\n\nSummary:\n\nSummary of Iraqi requests.\n\n"
            "Original Language:\n\nGerman"
        )
    if sections:
        parts += [sections, ""]
    if contents is not None:
        parts += ["Contents:", "", contents, ""]
    parts.append(body)
    return "\n".join(parts)


def parse_error(text: str) -> WCDAFormatError:
    with pytest.raises(WCDAFormatError) as caught:
        parse_wcda(text, "doc.txt")
    return caught.value


# --- the seed, field by field ----------------------------------------------------------------


def test_seed_date_and_title_are_read_with_their_lines(seed):
    assert seed.source == "000_5f9541ecb8b953ae.txt"
    assert (seed.date.value, seed.date.line) == ("February 28, 1986", 3)
    assert (seed.title.value, seed.title.line) == (SEED_TITLE, 5)


def test_seed_citation_is_split_into_its_parts(seed):
    citation = seed.citation
    assert seed.citation_line == 11
    assert citation.text == SEED_CITATION
    assert citation.quoted_title == SEED_TITLE
    assert citation.date_text == "February 28, 1986"
    assert citation.publisher == "Wilson Center Digital Archive"
    assert citation.reference == "BStU, ZA, HA X 104, pp. 49-51"
    assert citation.credits == "Translated for CWIHP by Bernd Schaefer."
    assert citation.translator == "Bernd Schaefer"
    assert citation.translators == ["Bernd Schaefer"]
    assert citation.commissioned_by == "CWIHP"
    assert citation.source_language == ""


def test_seed_url_and_record_id_come_from_the_citation(seed):
    assert seed.url == SEED_URL
    assert seed.record_id == "122923"


def test_seed_summary_languages_and_contents(seed):
    assert seed.summary == (
        "Summary of attempts by the Iraq Ministry of the Interior to establish formal relations "
        "with the Ministry for State Security."
    )
    assert seed.original_languages == ["German"]
    assert seed.contents == ["Translation - English"]
    assert (seed.text_kind, seed.text_language) == ("translation", "English")
    assert (seed.subjects, seed.places, seed.associated, seed.rights) == ([], [], [], "")
    assert seed.extra_sections == {}


def test_seed_body_starts_with_place_date_classification_and_heading(seed):
    assert seed.place_date_line == "Berlin, 27 February 1986"
    assert seed.classification == "Strictly Confidential"
    assert seed.heading == SEED_HEADING


def test_seed_has_eight_paragraphs_after_the_heading(seed):
    # Counted in the file: 8 paragraphs follow the heading (9 blocks with the heading).
    assert len(seed.paragraphs) == 8
    assert [p.line for p in seed.paragraphs] == [32, 34, 36, 38, 40, 42, 44, 46]
    assert seed.paragraphs[0].value.startswith("Since 1969 counterintelligence organs")
    assert seed.paragraphs[-1].value.endswith("triggering these intermittent activities.")


def test_seed_body_text_is_the_body_blocks_joined_by_a_blank_line(seed):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[25] == "Berlin, 27 February 1986"  # line 26 of the file
    assert seed.body_text == "\n".join(lines[25:])
    assert seed.body_text == "\n\n".join(
        [seed.place_date_line, seed.classification, seed.heading]
        + [p.value for p in seed.paragraphs]
    )


def test_seed_saadoun_shaker_is_at_the_offset_the_paragraphs_imply(seed):
    fourth = seed.paragraphs[3]
    offset = len(seed.place_date_line) + 2 + len(seed.classification) + 2 + len(seed.heading) + 2
    offset += sum(len(p.value) + 2 for p in seed.paragraphs[:3])
    assert seed.paragraph_offsets()[3] == offset
    offset += fourth.value.index("Saadoun Shaker")
    assert seed.body_text[offset : offset + len("Saadoun Shaker")] == "Saadoun Shaker"
    assert seed.body_text.index("Saadoun Shaker") == offset


def test_seed_is_read_without_warnings(seed):
    assert seed.warnings == []


# --- variants of the format ------------------------------------------------------------------


def test_crlf_line_endings_and_a_bom_give_the_same_record():
    data = SEED.read_bytes()
    variant = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    record = parse_wcda(decode_wcda_bytes(variant, "seed-crlf.txt"), "seed-crlf.txt")
    original = parse_wcda(data.decode("utf-8"), "seed-crlf.txt")
    assert record == original
    assert "\r" not in record.body_text


def test_a_bom_left_in_decoded_text_is_ignored():
    record = parse_wcda("\ufeff" + export(), "doc.txt")
    assert record.date.value == "February 28, 1986"


def test_title_wrapped_over_several_lines_is_joined_with_single_spaces():
    record = parse_wcda(export(title="**Relations between\nthe MfS   and\n  Iraq  **"), "doc.txt")
    assert (record.title.value, record.title.line) == ("Relations between the MfS and Iraq", 5)


@pytest.mark.parametrize("date", ["February 1986", "1986", "c. 1986", "Spring 1986"])
def test_dates_only_to_month_or_year_are_kept_as_printed(date):
    record = parse_wcda(export(date=date), "doc.txt")
    assert record.date.value == date
    assert not any(", date:" in w for w in record.warnings)


def test_a_missing_date_line_is_allowed_but_warned():
    record = parse_wcda(export(date=None), "doc.txt")
    assert record.date.value == ""
    assert record.title.value == "Relations between the MfS and Iraq"
    assert "doc.txt, line 3, date: no date line before the title" in record.warnings


def test_a_date_line_without_a_year_is_warned():
    record = parse_wcda(export(date="Undated"), "doc.txt")
    assert record.date.value == "Undated"
    assert any("line 3, date:" in w and "no year" in w for w in record.warnings)


def test_older_export_with_curly_quotes_and_the_hppp_publisher():
    record = read_wcda_file(DATA / "hppp_older_export.txt")
    citation = record.citation
    assert record.date.value == "February 1986"
    assert record.title.value == (
        "Information on the Visit of a Delegation of the Iraqi Ministry of the Interior to the GDR"
    )
    assert citation.quoted_title == record.title.value  # comma inside the quotes dropped
    assert citation.date_text == "February 1986"
    assert citation.publisher == "History and Public Policy Program Digital Archive"
    assert citation.reference == "BStU, ZA, HA X 104, pp. 52-53"
    assert citation.credits == "Translated from German for CWIHP by Bernd Schaefer."
    assert citation.source_language == "German"
    assert (citation.translators, citation.commissioned_by) == (["Bernd Schaefer"], "CWIHP")
    # URL without angle brackets
    assert record.url == "https://digitalarchive.wilsoncenter.org/document/122924"
    assert record.record_id == "122924"
    assert record.warnings == []


def test_older_export_reads_subjects_places_people_and_rights():
    record = read_wcda_file(DATA / "hppp_older_export.txt")
    assert record.summary.startswith("Information on the requests of an Iraqi delegation")
    assert "\nanswer the MfS" in record.summary  # wraps kept as printed
    assert record.subjects == ["Intelligence", "Iraq--Foreign relations--Germany (East)"]
    assert record.places == ["Iraq", "Germany (East)", "Baghdad (Iraq)"]
    # Names printed "Surname, Forename, dates" are not cut at their commas.
    assert record.associated == [
        "Mielke, Erich, 1907-2000",
        "Germany (East). Ministerium für Staatssicherheit",
    ]
    assert record.rights.startswith("The History and Public Policy Program welcomes reuse")
    assert record.contents == ["Original Scan", "Translation - English"]
    assert (record.text_kind, record.text_language) == ("translation", "English")


def test_classification_may_come_before_the_place_date_line_and_span_two_lines():
    record = read_wcda_file(DATA / "hppp_older_export.txt")
    assert record.classification == "Secret\nCopy No. 2"  # trailing spaces stripped
    assert record.place_date_line == "Berlin, 12 February 1986"
    # The first paragraph ends with a full stop: no heading.
    assert record.heading == ""
    assert [p.line for p in record.paragraphs] == [52, 55]
    assert record.body_text.startswith("Secret\nCopy No. 2\n\nBerlin, 12 February 1986\n\n")


def test_line_wraps_inside_a_paragraph_are_kept_and_trailing_spaces_stripped():
    record = read_wcda_file(DATA / "hppp_older_export.txt")
    assert record.paragraphs[0].value == (
        "The delegation raised quite detailed requests for training in areas like "
        "counterintelligence,\nsecurity for personalities and investigative work."
    )
    offsets = record.paragraph_offsets()
    for paragraph, offset in zip(record.paragraphs, offsets, strict=True):
        assert record.body_text[offset : offset + len(paragraph.value)] == paragraph.value


@pytest.mark.parametrize(
    ("credits", "translators", "translator", "commissioned_by", "source_language"),
    [
        ("Translated by Gary Goldberg.", ["Gary Goldberg"], "Gary Goldberg", "", ""),
        (
            "Obtained and translated for CWIHP by Mark H. Doctoroff.",
            ["Mark H. Doctoroff"],
            "Mark H. Doctoroff",
            "CWIHP",
            "",
        ),
        (
            "Translated from Russian by Sergey Radchenko and Gary Goldberg.",
            ["Sergey Radchenko", "Gary Goldberg"],
            "Sergey Radchenko and Gary Goldberg",
            "",
            "Russian",
        ),
        (
            "Translated by Jiyoung Kim, Allison Marcus, and Bernd Schaefer for NKIDP.",
            ["Jiyoung Kim", "Allison Marcus", "Bernd Schaefer"],
            "Jiyoung Kim, Allison Marcus, and Bernd Schaefer",
            "NKIDP",
            "",
        ),
        (
            "Obtained for CWIHP by Christian F. Ostermann and translated by Bernd Schaefer. "
            "Contributed by Christian F. Ostermann.",
            ["Bernd Schaefer"],
            "Bernd Schaefer",
            "CWIHP",
            "",
        ),
        (
            "Obtained and translated by Sergey Radchenko.",
            ["Sergey Radchenko"],
            "Sergey Radchenko",
            "",
            "",
        ),
        ("Contributed by Christian F. Ostermann.", [], "", "", ""),
    ],
)
def test_credits_give_translators_commission_and_source_language(
    credits, translators, translator, commissioned_by, source_language
):
    citation_text = (
        '"Relations between the MfS and Iraq", February 28, 1986, Wilson Center Digital '
        f"Archive, BStU, ZA, HA X 104, pp. 49-51. {credits}\n<{SEED_URL}>"
    )
    citation = parse_wcda(export(citation=citation_text), "doc.txt").citation
    assert citation.reference == "BStU, ZA, HA X 104, pp. 49-51"
    assert citation.credits == credits
    assert citation.translators == translators
    assert citation.translator == translator
    assert citation.commissioned_by == commissioned_by
    assert citation.source_language == source_language


def test_a_citation_without_credits_or_date():
    text = (
        '"Relations between the MfS and Iraq", Wilson Center Digital Archive, BStU, ZA, HA X 104.'
    )
    record = parse_wcda(export(citation=f"{text}\n{SEED_URL}"), "doc.txt")
    citation = record.citation
    assert (citation.date_text, citation.reference, citation.credits) == (
        "",
        "BStU, ZA, HA X 104",
        "",
    )
    assert citation.translators == []
    assert any("citation's date ''" in w for w in record.warnings)


def test_a_url_at_the_end_of_the_citation_paragraph_is_taken_out_of_the_text():
    text = (
        '"Relations between the MfS and Iraq", February 28, 1986, Wilson Center Digital Archive, '
        "BStU, ZA, HA X 104, pp. 49-51. Translated by Bernd Schaefer. "
        "https://digitalarchive.wilsoncenter.org/document/122923"
    )
    record = parse_wcda(export(citation=text), "doc.txt")
    assert record.url == "https://digitalarchive.wilsoncenter.org/document/122923"
    assert record.citation.text.endswith("Translated by Bernd Schaefer.")
    assert record.citation.translators == ["Bernd Schaefer"]
    assert record.record_id == "122923"


def test_a_citation_that_cannot_be_split_is_kept_whole_with_a_warning():
    text = "Relations between the MfS and Iraq. BStU, ZA, HA X 104, pp. 49-51."
    record = parse_wcda(export(citation=f"{text}\n<{SEED_URL}>"), "doc.txt")
    assert record.citation.text == text
    assert (record.citation.quoted_title, record.citation.publisher) == ("", "")
    assert (record.citation.reference, record.citation.credits) == ("", "")
    assert record.url == SEED_URL
    assert any(w.startswith("doc.txt, line 9, citation: cannot find") for w in record.warnings)


def test_a_citation_that_disagrees_with_the_title_is_warned():
    text = f'"Another title", February 28, 1986, Wilson Center Digital Archive, X.\n{SEED_URL}'
    record = parse_wcda(export(citation=text), "doc.txt")
    assert "doc.txt, line 9, citation: the quoted title differs from the title" in record.warnings


def test_record_id_section_is_used_when_the_url_has_none():
    sections = (
        '"Relations between the MfS and Iraq", February 28, 1986, Wilson Center Digital Archive, '
        "BStU, ZA, HA X 104.\n<https://digitalarchive.wilsoncenter.org/collection/iraq>"
    )
    record = parse_wcda(
        export(sections=f"Citation:\n\n{sections}\n\nRecord ID:\n\n122923"), "doc.txt"
    )
    assert record.record_id == "122923"
    assert not any("record_id" in w for w in record.warnings)


def test_a_record_id_section_that_disagrees_with_the_url_is_kept_and_warned():
    sections = 'Citation:\n\n"Relations between the MfS and Iraq", 1986, Wilson Center Digital '
    sections += f"Archive, X.\n{SEED_URL}\n\nRecord ID: 999"
    record = parse_wcda(export(date="1986", sections=sections), "doc.txt")
    assert record.record_id == "999"
    assert any(", record_id: Record ID '999' differs" in w for w in record.warnings)


def test_no_citation_is_warned_and_leaves_url_and_record_id_empty():
    record = parse_wcda(export(sections="Original Language:\n\nGerman"), "doc.txt")
    assert (record.citation, record.citation_line, record.url, record.record_id) == (
        None,
        None,
        "",
        "",
    )
    assert "doc.txt, citation: no 'Citation:' section" in record.warnings


def test_other_labelled_sections_are_kept_in_extra_sections():
    sections = (
        "Original Language:\n\nGerman, Russian\n\nCredits:\n\nBernd Schaefer\n\n"
        "Original Archive:\n\nBStU\n\nLanguage:\n\nEnglish\n\nDocument Type:\n\nReport"
    )
    record = parse_wcda(export(sections=sections), "doc.txt")
    assert record.original_languages == ["German", "Russian"]
    assert record.extra_sections == {
        "Credits": "Bernd Schaefer",
        "Original Archive": "BStU",
        "Language": "English",
        "Document Type": "Report",
    }
    assert "doc.txt, line 23, Document Type: unknown section kept as it is" in record.warnings


def test_a_colon_ending_summary_line_is_not_taken_for_a_label():
    sections = "Summary:\n\nThe following were present:\nMielke and Neiber."
    record = parse_wcda(export(sections=sections), "doc.txt")
    assert record.summary == "The following were present:\nMielke and Neiber."
    assert record.extra_sections == {}


def test_a_transcript_takes_its_language_from_the_contents():
    body = (
        "Berlin, den 27. Februar 1986\n\nStreng geheim\n\nSeit 1969 haben die Abwehrorgane der "
        "Republik Irak wiederholt den Wunsch nach Zusammenarbeit geäußert."
    )
    text = export(contents="Original Scan\nTranscript - German", body=body)
    record = parse_wcda(text, "doc.txt")
    assert (record.text_kind, record.text_language) == ("transcript", "German")
    assert record.place_date_line == "Berlin, den 27. Februar 1986"
    assert record.classification == "Streng geheim"
    assert len(record.paragraphs) == 1


@pytest.mark.parametrize(
    "marking",
    [
        "Top Secret",
        "SECRET",
        "Confidential",
        "Geheime Verschlußsache",
        "Geheim!",
        "Vertrauliche Verschlußsache",
        "For Official Use Only",
        "Top Secret - Of Special Importance",
    ],
)
def test_classification_markings_are_recognised(marking):
    body = f"{marking}\n\nOn the visit\n\nThe delegation arrived."
    record = parse_wcda(export(body=body), "doc.txt")
    assert (record.place_date_line, record.classification) == ("", marking)
    assert record.heading == "On the visit"


def test_a_heading_beginning_with_secret_is_not_a_classification():
    body = "Secret talks with Iraq\n\nThe delegation arrived."
    record = parse_wcda(export(body=body), "doc.txt")
    assert (record.classification, record.heading) == ("", "Secret talks with Iraq")


def test_a_single_paragraph_is_not_taken_for_a_heading():
    record = parse_wcda(export(body="Short note without a full stop"), "doc.txt")
    assert record.heading == ""
    assert [p.value for p in record.paragraphs] == ["Short note without a full stop"]


def test_a_document_with_only_title_contents_and_body_is_read_with_warnings():
    record = parse_wcda(export(sections=""), "doc.txt")
    assert record.citation is None
    assert len(record.paragraphs) == 2
    assert "doc.txt, citation: no 'Citation:' section" in record.warnings


def test_without_contents_the_body_starts_after_the_last_sections_first_block():
    record = parse_wcda(export(contents=None), "doc.txt")
    assert record.original_languages == ["German"]
    assert record.place_date_line == "Berlin, 27 February 1986"
    assert len(record.paragraphs) == 2
    assert any("contents: no 'Contents:' section" in w for w in record.warnings)


def test_text_right_after_the_title_is_the_body_when_there_are_no_sections():
    record = parse_wcda(export(sections="", contents=None), "doc.txt")
    assert record.place_date_line == "Berlin, 27 February 1986"
    assert len(record.paragraphs) == 2
    assert any(", contents: no sections" in w for w in record.warnings)


def test_an_empty_section_before_another_is_warned():
    sections = "Citation:\n\nSummary:\n\nSummary of Iraqi requests."
    record = parse_wcda(export(sections=sections), "doc.txt")
    assert record.citation is None
    assert "doc.txt, line 7, citation: section is empty" in record.warnings


def test_warnings_name_the_source_line_and_field():
    record = parse_wcda(export(date=None), "doc.txt")
    assert all(w.startswith("doc.txt, ") for w in record.warnings)
    assert record.warnings[0] == "doc.txt, line 3, date: no date line before the title"


# --- input that cannot be read ---------------------------------------------------------------


def test_error_message_names_source_line_and_field():
    err = WCDAFormatError("doc.txt", 7, "title", "something is wrong")
    assert str(err) == "doc.txt, line 7, title: something is wrong"
    assert (err.source, err.line, err.field, err.message) == (
        "doc.txt",
        7,
        "title",
        "something is wrong",
    )
    assert isinstance(err, ValueError)
    assert str(WCDAFormatError("doc.txt", None, "file", "x")) == "doc.txt, file: x"


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t\n", b"\xef\xbb\xbf\n"])
def test_an_empty_file_is_refused(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(WCDAFormatError) as caught:
        read_wcda_file(path)
    assert str(caught.value) == "empty.txt, file: file is empty"


def test_empty_text_is_refused_by_parse_wcda_too():
    assert str(parse_error("\n \n")) == "doc.txt, file: file is empty"


def test_a_binary_file_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<<>>")
    with pytest.raises(WCDAFormatError) as caught:
        read_wcda_file(path)
    assert (caught.value.field, caught.value.line) == ("file", 3)
    assert "not a text file" in str(caught.value)


def test_a_binary_file_without_nul_bytes_is_refused():
    data = bytes(range(1, 32)) * 20 + b"some text"
    with pytest.raises(WCDAFormatError) as caught:
        decode_wcda_bytes(data, "blob.bin")
    assert caught.value.message.startswith("not a text file")


def test_a_latin1_file_is_refused_at_the_line_of_the_first_bad_byte():
    with pytest.raises(WCDAFormatError) as caught:
        read_wcda_file(DATA / "latin1_transcript.txt")
    err = caught.value
    assert (err.source, err.line, err.field) == ("latin1_transcript.txt", 20, "encoding")
    assert "byte 0xDF at column 17 is not UTF-8" in err.message
    assert "UTF-8 and UTF-8 with BOM" in err.message


def test_a_utf16_file_is_refused_as_an_encoding_error():
    data = export().encode("utf-16")
    with pytest.raises(WCDAFormatError) as caught:
        decode_wcda_bytes(data, "doc.txt")
    assert caught.value.field == "encoding"
    assert "UTF-16" in caught.value.message


def test_a_missing_file_is_reported_as_a_format_error(tmp_path):
    with pytest.raises(WCDAFormatError) as caught:
        read_wcda_file(tmp_path / "missing.txt")
    assert str(caught.value).startswith("missing.txt, file: cannot be read")


def test_a_file_without_a_title_is_refused():
    err = parse_error(export(title="Relations between the MfS and Iraq"))
    assert (err.line, err.field) == (5, "title")
    assert "no title" in err.message


def test_a_title_without_its_closing_stars_is_refused():
    err = parse_error(export(title="**Relations between the MfS\nand Iraq"))
    assert str(err) == (
        "doc.txt, line 5, title: the closing ** of the title is missing; the file seems truncated"
    )


def test_a_file_cut_in_the_middle_of_the_title_is_refused():
    err = parse_error("February 28, 1986\n\n**Relations between the MfS")
    assert (err.line, err.field) == (3, "title")


def test_an_empty_title_is_refused():
    assert parse_error(export(title="****")).message == "the title between ** and ** is empty"


def test_a_file_ending_right_after_the_citation_label_is_refused():
    err = parse_error("February 28, 1986\n\n**Relations between the MfS and Iraq**\n\nCitation:\n")
    assert (err.line, err.field) == (5, "body")
    assert "ends right after 'Citation:'" in err.message


def test_a_file_ending_after_the_contents_is_refused():
    err = parse_error(export(body=""))
    assert (err.field, err.line) == ("body", 20)  # the label
    assert "no document text after 'Contents:'" in err.message


def test_a_body_with_only_a_place_date_line_and_classification_is_refused():
    err = parse_error(export(body="Berlin, 27 February 1986\n\nTop Secret\n"))
    assert (err.field, err.line) == ("body", 24)  # where the body starts
    assert "no paragraphs" in err.message
