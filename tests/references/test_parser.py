"""Tests for catalog.references, the parser of BStU / Bundesarchiv references to Stasi records."""

import dataclasses

import pytest

from catalog.references import ARCHIVES, ParsedReference, find_reference, parse_reference

# The citation of our seed record (seeds/000_5f9541ecb8b953ae.txt), as the Wilson Center gives it.
SEED_CITATION = (
    '"Relations between the Ministry for State Security of the GDR with Intelligence Organs of '
    'the Republic of Iraq", February 28, 1986, Wilson Center Digital Archive, BStU, ZA, HA X 104, '
    "pp. 49-51. Translated for CWIHP by Bernd Schaefer."
)
SEED_REFERENCE = "BStU, ZA, HA X 104, pp. 49-51"


def read(text: str, **fields: str) -> ParsedReference:
    """The reference that `text` must be read into: these fields, no problems."""
    return ParsedReference(as_written=text, parsed=True, **fields)


# Every example of the brief and our seed; fields not named must stay empty.
READABLE_REFERENCES = [
    read(
        SEED_REFERENCE,
        archive="BStU",
        collection="ZA",
        unit="HA X",
        file_number="104",
        page_label="pp.",
        pages="49–51",
        page_start="49",
        page_end="51",
    ),
    read(
        "BStU, MfS, HA XXII, Nr. 136, Bl. 121",
        archive="BStU",
        collection="MfS",
        unit="HA XXII",
        file_number="136",
        page_label="Bl.",
        pages="121",
        page_start="121",
        page_end="121",
    ),
    read(
        "BArch, MfS, ZAIG, Nr. 8677, Bl. 1-177",
        archive="BArch",
        collection="MfS",
        unit="ZAIG",
        file_number="8677",
        page_label="Bl.",
        pages="1–177",
        page_start="1",
        page_end="177",
    ),
    read(
        "BStU, MfS, BV Suhl, BdL, Nr. 1246, Bl. 1-5",
        archive="BStU",
        collection="MfS",
        unit="BV Suhl, BdL",
        file_number="1246",
        page_label="Bl.",
        pages="1–5",
        page_start="1",
        page_end="5",
    ),
    read(
        "BStU, MfS, BdL/Dok., Nr. 7745, Bl. 1-10",
        archive="BStU",
        collection="MfS",
        unit="BdL/Dok.",
        file_number="7745",
        page_label="Bl.",
        pages="1–10",
        page_start="1",
        page_end="10",
    ),
    read(
        "BArch, MfS, ZAIG, Nr. 8677, Bl. 1–177",
        archive="BArch",
        collection="MfS",
        unit="ZAIG",
        file_number="8677",
        page_label="Bl.",
        pages="1–177",
        page_start="1",
        page_end="177",
    ),
    read(
        "BStU, MfS, HA XX, Nr. 12, Bl. 1—3",
        archive="BStU",
        collection="MfS",
        unit="HA XX",
        file_number="12",
        page_label="Bl.",
        pages="1–3",
        page_start="1",
        page_end="3",
    ),
    read(
        "BStU, MfS, HA XX, Nr. 12, p. 5",
        archive="BStU",
        collection="MfS",
        unit="HA XX",
        file_number="12",
        page_label="p.",
        pages="5",
        page_start="5",
        page_end="5",
    ),
    read(
        "BStU, MfS, HA XX, Nr. 12, pp. 12–14",
        archive="BStU",
        collection="MfS",
        unit="HA XX",
        file_number="12",
        page_label="pp.",
        pages="12–14",
        page_start="12",
        page_end="14",
    ),
    read(
        "BStU, MfS, HA XX, Nr. 12, S. 3-5",
        archive="BStU",
        collection="MfS",
        unit="HA XX",
        file_number="12",
        page_label="S.",
        pages="3–5",
        page_start="3",
        page_end="5",
    ),
    read(
        "BStU, MfS, HA XXII, Nr. 136, Bl. 121a",
        archive="BStU",
        collection="MfS",
        unit="HA XXII",
        file_number="136",
        page_label="Bl.",
        pages="121a",
        page_start="121a",
        page_end="121a",
    ),
    read(
        "BStU, MfS, HA XXII, Nr. 136, Bl. 12, 15-17",
        archive="BStU",
        collection="MfS",
        unit="HA XXII",
        file_number="136",
        page_label="Bl.",
        pages="12, 15–17",
        page_start="12",
        page_end="17",
    ),
    read(
        "BStU, MfS, HV A, Nr. 123", archive="BStU", collection="MfS", unit="HV A", file_number="123"
    ),
    read(
        "BStU, MfS, Abt. X, Nr. 2012",
        archive="BStU",
        collection="MfS",
        unit="Abt. X",
        file_number="2012",
    ),
    read(
        "BStU, MfS, Abt. 26, Nr. 5",
        archive="BStU",
        collection="MfS",
        unit="Abt. 26",
        file_number="5",
    ),
    read(
        "BStU, MfS, HA II/6, Nr. 1234",
        archive="BStU",
        collection="MfS",
        unit="HA II/6",
        file_number="1234",
    ),
    read(
        "BStU, MfS, Sekr. Neiber, Nr. 123",
        archive="BStU",
        collection="MfS",
        unit="Sekr. Neiber",
        file_number="123",
    ),
    read(
        "BStU, ZA, ZAIG 5678, Bl. 3",
        archive="BStU",
        collection="ZA",
        unit="ZAIG",
        file_number="5678",
        page_label="Bl.",
        pages="3",
        page_start="3",
        page_end="3",
    ),
    read(
        "BStU, MfS, SdM, Nr. 1234", archive="BStU", collection="MfS", unit="SdM", file_number="1234"
    ),
    read(
        "BStU, MfS, BV Berlin, Abt. XV, Nr. 123",
        archive="BStU",
        collection="MfS",
        unit="BV Berlin, Abt. XV",
        file_number="123",
    ),
    read(
        "BStU, MfS, AIM 1234/85, Teil II, Bd. 1, Bl. 5",
        archive="BStU",
        collection="MfS",
        unit="AIM",
        file_number="1234/85",
        volume="Teil II, Bd. 1",
        page_label="Bl.",
        pages="5",
        page_start="5",
        page_end="5",
    ),
    read("BStU, MfS, AP 123/56", archive="BStU", collection="MfS", unit="AP", file_number="123/56"),
    read(
        "BStU, MfS, HA XX/4, Nr. 12, Bl. 1–3",
        archive="BStU",
        collection="MfS",
        unit="HA XX/4",
        file_number="12",
        page_label="Bl.",
        pages="1–3",
        page_start="1",
        page_end="3",
    ),
    read(
        "BStU, Ast. Leipzig, BV Leipzig, AIM 1234/85, Bl. 3",
        archive="BStU",
        collection="Ast. Leipzig",
        unit="BV Leipzig, AIM",
        file_number="1234/85",
        page_label="Bl.",
        pages="3",
        page_start="3",
        page_end="3",
    ),
    read(
        "BStU, MfS, BV Frankfurt (Oder), KD Eisenhüttenstadt, Nr. 12",
        archive="BStU",
        collection="MfS",
        unit="BV Frankfurt (Oder), KD Eisenhüttenstadt",
        file_number="12",
    ),
]


@pytest.mark.parametrize(
    "expected", READABLE_REFERENCES, ids=[reference.as_written for reference in READABLE_REFERENCES]
)
def test_it_reads_each_part_of_a_reference(expected: ParsedReference) -> None:
    assert parse_reference(expected.as_written) == expected


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        # A Zentralarchiv file number written straight after the unit gains its "Nr.".
        (SEED_REFERENCE, "BStU, ZA, HA X, Nr. 104, pp. 49–51"),
        ("BStU, ZA, ZAIG 5678, Bl. 3", "BStU, ZA, ZAIG, Nr. 5678, Bl. 3"),
        (
            "BStU, MfS, HA XXII, Nr. 136, Bl. 12,15 - 17",
            "BStU, MfS, HA XXII, Nr. 136, Bl. 12, 15–17",
        ),
        ("BStU, MfS, BV Suhl, BdL, Nr. 1246", "BStU, MfS, BV Suhl, BdL, Nr. 1246"),
        # Archived case files keep their register number after the file category, without "Nr.".
        (
            "BStU, MfS, AIM 1234/85, Teil II, Bd. 1, Bl. 5",
            "BStU, MfS, AIM 1234/85, Teil II, Bd. 1, Bl. 5",
        ),
        ("BStU, MfS, BV Leipzig, AP 123/56", "BStU, MfS, BV Leipzig, AP 123/56"),
    ],
)
def test_it_gives_the_canonical_form(text: str, normalised: str) -> None:
    assert parse_reference(text).normalised == normalised


def test_it_ignores_surrounding_whitespace_and_a_closing_full_stop() -> None:
    reference = parse_reference("  BStU, MfS, HA XX/4, Nr. 12, Bl. 1–3.\n")

    assert reference.parsed
    assert reference.as_written == "BStU, MfS, HA XX/4, Nr. 12, Bl. 1–3."
    assert reference.pages == "1–3"
    assert reference.normalised == "BStU, MfS, HA XX/4, Nr. 12, Bl. 1–3"


def test_it_keeps_the_full_stop_of_a_closing_abbreviation() -> None:
    reference = parse_reference("BStU, MfS, Sekr. Neiber, Nr. 123.")

    assert reference.unit == "Sekr. Neiber"
    assert reference.file_number == "123"


def test_it_reads_a_reference_wrapped_over_two_lines() -> None:
    reference = parse_reference("BStU, MfS, BV Suhl,\n  BdL, Nr. 1246, Bl. 1-5")

    assert reference.parsed
    assert reference.unit == "BV Suhl, BdL"


def test_it_tolerates_missing_commas_but_warns() -> None:
    # Chosen behaviour: archive, fonds, labels ("Nr.", "Bl.", "pp.") and the number after the unit
    # are unambiguous without commas, so the reference is read, with a warning kept in problems.
    reference = parse_reference("BStU ZA HA X 104 pp. 49-51")

    assert reference.parsed
    assert (reference.archive, reference.collection, reference.unit) == ("BStU", "ZA", "HA X")
    assert (reference.file_number, reference.pages) == ("104", "49–51")
    assert reference.normalised == "BStU, ZA, HA X, Nr. 104, pp. 49–51"
    assert len(reference.problems) == 1
    assert "commas are missing" in reference.problems[0]


def test_it_does_not_warn_about_the_zentralarchiv_number_after_the_unit() -> None:
    assert parse_reference(SEED_REFERENCE).problems == ()


def test_it_marks_folio_references() -> None:
    assert parse_reference("BStU, MfS, HA XXII, Nr. 136, Bl. 121").is_folio
    assert not parse_reference(SEED_REFERENCE).is_folio
    assert not parse_reference("BStU, MfS, HV A, Nr. 123").is_folio


@pytest.mark.parametrize(
    "text",
    ["see attached", "12345", "", "   ", "Translated for CWIHP by Bernd Schaefer", "HA X 104"],
)
def test_it_flags_text_that_is_no_reference_without_raising(text: str) -> None:
    reference = parse_reference(text)

    assert not reference.parsed
    assert reference.as_written == text.strip()
    assert reference.normalised == text.strip()
    assert reference.problems
    assert "BStU, MfS, HA XX, Nr. 123, Bl. 1–5" in reference.problems[0]


def test_it_treats_a_missing_value_as_an_empty_reference() -> None:
    reference = parse_reference(None)  # type: ignore[arg-type]

    assert not reference.parsed
    assert reference.as_written == ""


def test_it_reads_the_rest_of_a_reference_to_an_unknown_archive() -> None:
    reference = parse_reference("StAL, MfS, HA X, Nr. 104, Bl. 3")

    assert not reference.parsed
    assert reference.archive == "StAL"
    assert (reference.unit, reference.file_number, reference.pages) == ("HA X", "104", "3")
    assert reference.problems == ("Unknown archive 'StAL'; expected 'BStU' or 'BArch'.",)
    assert reference.normalised == "StAL, MfS, HA X, Nr. 104, Bl. 3"


@pytest.mark.parametrize(
    ("text", "archive"),
    [
        ("MNL OL, M-KS 288. f. 5/123. ő.e.", "MNL OL"),
        ("National Archives of the Czech Republic, KSČ-ÚV-02/1, sv. 45, a.j. 12", "NA ČR"),
    ],
)
def test_it_keeps_references_of_archives_without_a_common_grammar_for_an_archivist(
    text: str, archive: str
) -> None:
    reference = parse_reference(text)

    assert not reference.parsed
    assert reference.archive == archive
    assert reference.repository is not None
    assert "no common grammar" in reference.problems[0]
    assert reference.normalised == text


def test_it_reports_a_missing_fonds_and_still_reads_the_file() -> None:
    reference = parse_reference("BStU, HA X, Nr. 104")

    assert not reference.parsed
    assert (reference.collection, reference.unit, reference.file_number) == ("", "HA X", "104")
    assert "Expected the fonds" in reference.problems[0]


@pytest.mark.parametrize(
    "text",
    ["BStU, MfS, HA XX, Bl. 5", "BStU, MfS, Abt. 26", "BStU, MfS, BdL/Dok."],
)
def test_it_reports_a_missing_file_number(text: str) -> None:
    reference = parse_reference(text)

    assert not reference.parsed
    assert reference.file_number == ""
    assert "No file number" in reference.problems[0]


def test_it_reports_pages_it_cannot_read() -> None:
    reference = parse_reference("BStU, MfS, HA XX, Nr. 5, Bl. twelve")

    assert not reference.parsed
    assert reference.page_label == "Bl."
    assert reference.pages == ""
    assert "Could not read the pages" in reference.problems[0]


def test_it_reports_a_page_range_that_runs_backwards() -> None:
    reference = parse_reference("BStU, MfS, HA XX, Nr. 5, pp. 149-51")

    assert not reference.parsed
    assert (reference.page_start, reference.page_end) == ("149", "51")
    assert "runs backwards" in reference.problems[0]


def test_it_reports_unexpected_text_after_the_reference() -> None:
    reference = parse_reference("BStU, MfS, HA XX, Nr. 5, Bl. 3, see attached")

    assert not reference.parsed
    assert "Unexpected text 'see attached'" in reference.problems[0]


def test_a_parsed_reference_cannot_be_changed() -> None:
    reference = parse_reference(SEED_REFERENCE)

    with pytest.raises(dataclasses.FrozenInstanceError):
        reference.unit = "HA XX"  # type: ignore[misc]


def test_an_unparsed_reference_keeps_its_text_as_its_canonical_form() -> None:
    reference = ParsedReference(as_written="BStU, ?", parsed=False, archive="BStU")

    assert reference.normalised == "BStU, ?"


def test_it_names_the_archives() -> None:
    assert ARCHIVES["BArch"] == "Bundesarchiv"
    assert ARCHIVES["BStU"].startswith("Stasi Records Archive")
    assert {"SAPMO-BArch", "PA AA"} <= ARCHIVES.keys()


def test_it_finds_the_reference_in_the_seed_citation() -> None:
    assert find_reference(SEED_CITATION) == SEED_REFERENCE


@pytest.mark.parametrize(
    ("citation", "reference"),
    [
        # Full stops of abbreviations do not end the reference.
        (
            "Memo, 1979, Wilson Center, BStU, MfS, Sekr. Neiber, Nr. 123, Bl. 4. Translated by X.",
            "BStU, MfS, Sekr. Neiber, Nr. 123, Bl. 4",
        ),
        (
            "Report, BStU, MfS, BdL/Dok., Nr. 7745, S. 1-10. Obtained by Y.",
            "BStU, MfS, BdL/Dok., Nr. 7745, S. 1-10",
        ),
        ("Note (BArch, MfS, ZAIG, Nr. 8677, Bl. 1-177).", "BArch, MfS, ZAIG, Nr. 8677, Bl. 1-177"),
        ("Letter, SAPMO-BArch, DY 30/J IV 2/3/1234. Y", "SAPMO-BArch, DY 30/J IV 2/3/1234"),
        ("Cable, PA AA, MfAA, C 1234/72\n<https://example.org/1>", "PA AA, MfAA, C 1234/72"),
        ("Wilson Center Digital Archive, BStU, ZA, HA X 104", "BStU, ZA, HA X 104"),
    ],
)
def test_it_finds_the_reference_up_to_the_end_of_its_sentence(
    citation: str, reference: str
) -> None:
    assert find_reference(citation) == reference


@pytest.mark.parametrize(
    "citation",
    [
        "Translated for CWIHP by Bernd Schaefer.",
        "Obtained from the BStU by the Wilson Center.",
        "Document from the Bundesarchiv, 1986.",
        "",
    ],
)
def test_it_finds_no_reference_where_no_archive_is_cited(citation: str) -> None:
    assert find_reference(citation) is None
