"""The plain forms read without the library give exactly what the library's reading gives.

Hypothesis writes years, months and days, qualified or not, and intervals of them (with open
ends), valid or not (days past the end of the month, months past 12, years before 1000,
intervals that end before they begin); every value must come out of ``read`` (which takes the
fast path where it can) as it comes out of the library alone: the same bounds, precision and
words, or the same error for archivists. An import names the file, row and column of a bad
date written in one of these forms as it always did.
"""

import io

import edtf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog import dates
from catalog.dates import reading, tenure, wording
from catalog.dates.plain import plain_sides, read_plain
from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from tests.interchange.fixtures import read_rows, write_rows

QUALIFIERS = st.sampled_from(["", "", "?", "~", "%"])
YEARS = st.one_of(st.integers(1000, 9999), st.sampled_from([1, 999, 1000, 1900, 2000, 9999]))


@st.composite
def points(draw, valid_only: bool = False) -> tuple[str, bool]:
    """A year, month or day as EDTF, and whether it is in the fast path's own family."""
    year = draw(st.integers(1000, 9999) if valid_only else YEARS)
    month = draw(st.none() | st.integers(1, 12) | (st.none() if valid_only else st.integers(0, 41)))
    day = None if month is None else draw(st.none() | st.integers(1, 28 if valid_only else 32))
    text = f"{year:04}" + (f"-{month:02}" if month is not None else "")
    text += f"-{day:02}" if day is not None else ""
    plain = year >= 1000 and (month is None or 1 <= month <= 12) and (day or 1) <= 31
    return text + draw(QUALIFIERS), plain


@st.composite
def values(draw) -> tuple[str, bool]:
    form = draw(st.sampled_from(["point", "interval", "open start", "open end"]))
    lower, lower_plain = draw(points())
    if form == "point":
        return lower, lower_plain
    upper, upper_plain = draw(points())
    if form == "open start":
        return f"../{upper}", upper_plain
    if form == "open end":
        return f"{lower}/..", lower_plain
    return f"{lower}/{upper}", lower_plain and upper_plain


def outcome(read, value: str):
    """What the catalog stores and shows for ``value`` when read by ``read``."""
    try:
        found = read(value)
    except dates.InvalidDate as err:
        return "invalid", str(err)
    try:
        words = wording._describe(found.parsed)
    except Exception:
        words = value  # as display_edtf shows what it cannot word
    return found.strict, found.fuzzy, reading._precision_of(found.parsed), words


def library_sides(value: str):
    """The ends of ``value`` as ``describe_tenure`` took them from the library."""
    parsed = edtf.parse_edtf(value)
    if not isinstance(parsed, edtf.Interval):
        return str(parsed), str(parsed)
    return tuple(
        None if isinstance(side, edtf.UnspecifiedIntervalSection) else str(side)
        for side in (parsed.lower, parsed.upper)
    )


@settings(max_examples=600, deadline=None, database=None)
@given(values())
def test_plain_forms_read_as_the_library_reads_them(generated):
    value, in_family = generated
    reading.read.cache_clear()

    expected = outcome(reading.read_with_library, value)

    assert outcome(reading.read, value) == expected
    # The fast path takes every valid value of its family, and nothing invalid.
    fast = read_plain(value)
    assert (fast is not None) == (in_family and expected[0] != "invalid"), value
    if fast is not None:
        assert plain_sides(fast.parsed) == library_sides(value)
        assert tenure.interval_sides(value) == library_sides(value)


@settings(max_examples=300, deadline=None, database=None)
@given(points(valid_only=True), points(valid_only=True))
def test_ordered_intervals_of_plain_dates_read_as_the_library_reads_them(first, second):
    lower, upper = sorted([first[0], second[0]], key=lambda v: dates.edtf_bounds(v, fuzzy=False))
    value = f"{lower}/{upper}"
    reading.read.cache_clear()

    assert read_plain(value) is not None
    assert outcome(reading.read, value) == outcome(reading.read_with_library, value)


@pytest.mark.parametrize(
    ("value", "shown", "precision"),
    [
        ("1982-01~/1982-03~", "about January – about March 1982", "interval"),
        ("1985-02-27%", "about 27 February 1985 (uncertain)", "day"),
        ("1969/..", "1969 onwards", "interval"),
        ("../1975-08-29?", "until 29 August 1975 (uncertain)", "interval"),
    ],
)
def test_plain_forms_are_stored_in_words_with_their_precision(value, shown, precision):
    assert dates.facts(value)[:2] == (shown, precision)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("1985-02-29", "names a day that does not exist"),
        ("1986-04-31~", "is not a date in EDTF"),
        ("1982/1981", "ends before it begins"),
        ("1982-03~/1982-01", "ends before it begins"),
        ("1985-13", "is not a date in EDTF"),
    ],
)
def test_an_import_names_the_file_row_and_column_of_an_invalid_plain_date(
    seed, tmp_path, value, problem
):
    CatalogExporter(stderr=io.StringIO()).run(tmp_path)
    rows = read_rows(tmp_path / "documents.csv")
    rows[0]["date"] = value
    write_rows(tmp_path / "documents.csv", rows, list(rows[0]))

    report = CatalogImporter(stderr=io.StringIO(), errors_path=tmp_path / "errors.csv").run(
        tmp_path
    )

    assert report.rolled_back
    errors = read_rows(tmp_path / "errors.csv")
    assert [(e["file"], e["row"], e["column"], e["value"]) for e in errors] == [
        ("documents.csv", "2", "date", value)
    ]
    with pytest.raises(dates.InvalidDate) as raised:
        reading.read_with_library(value)
    assert errors[0]["reason"] == str(raised.value)
    assert problem in errors[0]["reason"]
