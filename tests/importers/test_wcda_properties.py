"""Property-based tests of the WCDA reader: generated exports and mutated real ones.

Whatever the input, parse_wcda returns a record or raises WCDAFormatError; nothing else gets
out. A record it returns is consistent: each paragraph stands in body_text where
paragraph_offsets() says. 4,500 cases a run (see the settings of each test).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.importers.wcda_format import WCDAFormatError, decode_wcda_bytes, parse_wcda

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = [
    ROOT / "seeds" / "000_5f9541ecb8b953ae.txt",
    *sorted((Path(__file__).resolve().parent / "data" / "wcda").glob("*.txt")),
]
REAL = [
    text
    for text in (path.read_bytes().decode("utf-8", errors="replace") for path in FIXTURES)
    if "\ufffd" not in text  # the Latin-1 fixture is for the decoder, not the grammar
]

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

# Words drawn from a vocabulary rather than character by character keep generation cheap; the
# odd lines bring arbitrary characters.
words = st.sampled_from(
    [
        "Mielke",
        "Shaker",
        "Berlin",
        "Baghdad",
        "delegation",
        "the",
        "of",
        "and",
        "Ministry",
        "Interior",
        "GDR",
        "Iraq",
        "Über",
        "Straße",
        "HA",
        "X",
        "104",
        "pp.",
        "49-51",
        "1986",
        "27",
        "February",
        "early",
        "Top",
        "Secret",
        "[in",
        "Baghdad]",
        "Comrade",
        "MfS:",
        "**",
        "<b>",
    ]
)
sentence = st.lists(words, min_size=1, max_size=8).map(" ".join)
odd = st.text(max_size=20)  # any characters at all, control characters included
line = st.one_of(sentence, sentence.map(lambda s: s + "."), odd)

dates = st.sampled_from(
    ["February 28, 1986", "1986", "c. 1986", "February 1986", "early 1983", "", "undated"]
)
labels = st.sampled_from(
    [
        "Citation",
        "Summary",
        "Original Language",
        "Subjects Discussed",
        "Associated Places",
        "Associated People & Organizations",
        "Rights",
        "Record ID",
        "Credits",
        "Document Type",
        "Mielke",
        "The following were present",
    ]
)
citation = st.builds(
    lambda title, date, ref, who, url: (
        f'"{title}", {date}, Wilson Center Digital Archive, {ref}. Translated for CWIHP by '
        f"{who}.\n{url}"
    ),
    sentence,
    dates,
    st.sampled_from(["BStU, ZA, HA X 104, pp. 49-51", "SAPMO-BArch, DY 30/3456", "RGANI"]),
    sentence,
    st.sampled_from(
        ["<https://digitalarchive.wilsoncenter.org/document/1>", "https://x.org/document/", ""]
    ),
)
section = st.one_of(
    st.builds(lambda text: f"Citation:\n\n{text}", citation),
    st.builds(lambda label, text: f"{label}:\n\n{text}", labels, line),
    st.builds(lambda label, text: f"{label}: {text}", labels, sentence),
)
front_block = st.sampled_from(
    [
        "Berlin, 27 February 1986",
        "Berlin, early 1983",
        "Moscow, [1983]",
        "Strictly Confidential",
        "Top Secret",
        "Of Special Importance",
        "Geheim!",
        "[Memorandum of Conversation]",
        "[Stamp: received]",
        "MIELKE:",
    ]
)
body_block = st.one_of(front_block, line, st.lists(line, min_size=1, max_size=3).map("\n".join))
newline = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def exports(draw) -> str:
    """A file after the format's grammar, with every part optional or odd."""
    parts = []
    if draw(st.booleans()):
        parts.append(draw(dates))
    if draw(st.integers(0, 9)):
        title = draw(st.lists(sentence, min_size=1, max_size=3))
        parts.append("**" + "\n".join(title) + draw(st.sampled_from(["**", "", "*"])))
    parts.extend(draw(st.lists(section, max_size=6)))
    if draw(st.booleans()):
        items = draw(st.lists(st.sampled_from(["Translation - English", "Original Scan"])))
        parts.append("Contents:\n\n" + "\n".join(items))
    parts.extend(draw(st.lists(front_block, max_size=4)))
    parts.extend(draw(st.lists(body_block, max_size=8)))
    separator = draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))
    return separator.join(parts).replace("\n", draw(newline))


def parse_or_refuse(text: str) -> None:
    try:
        record = parse_wcda(text, "generated.txt")
    except WCDAFormatError as err:
        assert str(err).startswith("generated.txt")
        return
    for offset, paragraph in zip(record.paragraph_offsets(), record.paragraphs, strict=True):
        assert record.body_text[offset : offset + len(paragraph.value)] == paragraph.value
    assert all(warning.startswith("generated.txt") for warning in record.warnings)


@settings(FAST, max_examples=3500)
@given(exports())
def test_files_from_the_grammar_parse_or_are_refused_with_the_formats_own_error(text):
    parse_or_refuse(text)


@st.composite
def mutated(draw) -> str:
    """A real export with lines deleted, repeated, swapped, cut or replaced."""
    lines = draw(st.sampled_from(REAL)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "insert", "cut", "swap", "label"]))
        if action == "delete":
            del lines[at : at + draw(st.integers(1, 20))]
        elif action == "repeat":
            lines[at:at] = lines[at : at + draw(st.integers(1, 5))]
        elif action == "insert":
            lines.insert(at, draw(st.one_of(line, front_block, labels.map(lambda s: s + ":"))))
        elif action == "cut":
            lines = lines[:at] + [lines[at][: draw(st.integers(0, len(lines[at])))]]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines[at] = draw(labels) + ":"
    return "\n".join(lines)


@settings(FAST, max_examples=4500)
@given(mutated())
def test_mutations_of_real_exports_parse_or_are_refused_with_the_formats_own_error(text):
    parse_or_refuse(text)


@settings(FAST, max_examples=2000)
@given(st.binary(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_any_bytes_decode_or_are_refused_with_the_formats_own_error(data, prefix):
    try:
        text = decode_wcda_bytes(prefix + data, "bytes.txt")
    except WCDAFormatError as err:
        assert str(err).startswith("bytes.txt")
    else:
        parse_or_refuse(text)
