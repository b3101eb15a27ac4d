"""Property-based tests of the reference parser: generated references and arbitrary text.

parse_reference never raises and never loses the text as written; a reference it reads has a
normalised form, and one it cannot read keeps the text verbatim with a problem saying why.
find_reference never raises either. 6,000 cases a run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.references import find_reference, parse_reference
from catalog.references.archives import TABLE

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

archive_names = st.sampled_from([name for archive in TABLE for name in archive.names])
full_forms = st.builds(
    lambda name, archive: f"{name} ({archive.abbreviation})",
    st.sampled_from(["Office of the Federal Commissioner", "Bundesbeauftragter ...", "X"]),
    st.sampled_from(TABLE),
)
number = st.integers(0, 12000).map(str)
pieces = st.one_of(
    st.sampled_from(
        [
            "MfS",
            "ZA",
            "Ast. Leipzig",
            "HA XX/4",
            "BV Suhl",
            "BdL/Dok.",
            "Sekr. Neiber",
            "HV A",
            "AIM",
            "MfAA",
            "KC PZPR",
            "DY 30",
            "DC 20-I",
            "J IV 2/2",
            "IV 2/2.036",
            "Teil II",
            "Bd.",
            "Nr.",
            "f.",
            "op.",
            "d.",
            "a.e.",
            "l.",
            "ll.",
            "S.",
            "Bl.",
            "p.",
            "pp.",
            "ff.",
            "k.",
            "sygn.",
            "t.",
            "12f.",
            "4ff.",
            "1–5",
            "49-51",
            "149-51",
            "",
            " ",
            ",",
            "/",
            "(",
            ")",
            "...",
        ]
    ),
    number,
    st.builds(lambda a, b: f"{a}/{b}", number, number),
    st.builds(lambda a, b: f"{a}-{b}", number, number),
    st.text(max_size=8),
)


@st.composite
def references(draw) -> str:
    """An archive's name, then parts of references of every grammar in any order."""
    start = draw(st.one_of(archive_names, full_forms, st.text(max_size=6)))
    parts = draw(st.lists(pieces, max_size=8))
    separators = draw(st.lists(st.sampled_from([", ", " ", ",", ", Nr. ", "\n"]), max_size=8))
    text = start
    for index, part in enumerate(parts):
        text += (separators[index] if index < len(separators) else ", ") + part
    return text + draw(st.sampled_from(["", ".", ". ", ";"]))


def check(text: str) -> None:
    reference = parse_reference(text)
    assert reference.as_written == text.strip()
    if reference.parsed:
        assert reference.normalised
        assert not [p for p in reference.problems if not p.startswith("Separating commas")]
    else:
        assert reference.problems
        assert reference.normalised == reference.as_written


@settings(FAST, max_examples=7000)
@given(references())
def test_generated_references_are_read_or_kept_verbatim_with_a_problem(text):
    check(text)


@settings(FAST, max_examples=2500)
@given(st.text(max_size=60))
def test_any_text_is_read_or_kept_verbatim_with_a_problem(text):
    check(text)


@settings(FAST, max_examples=500)
@given(st.text(max_size=30), references(), st.text(max_size=30))
def test_finding_a_reference_in_any_citation_never_fails(before, reference, after):
    found = find_reference(f"{before}, Wilson Center Digital Archive, {reference}. {after}")
    assert found is None or found.strip() == found
