"""Tests for catalog.dates, the catalog's one package for EDTF dates: reading, bounds,
precision, wording and written dates."""

import datetime
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from catalog import dates
from catalog.dates import (
    InvalidDate,
    display_edtf,
    edtf_bounds,
    parse_edtf,
    parse_written_date,
    precision,
    reading,
    validate_edtf,
)

# The dates of our seed record (seeds/000_5f9541ecb8b953ae.txt), as a curator writes them in
# EDTF, with the earliest and latest day each can mean.
SEED_DATES = {
    "1969-10": (date(1969, 10, 1), date(1969, 10, 31)),  # In October 1969
    "1970-01": (date(1970, 1, 1), date(1970, 1, 31)),  # in January 1970
    "1972-01": (date(1972, 1, 1), date(1972, 1, 31)),  # In January 1972
    "1975-08": (date(1975, 8, 1), date(1975, 8, 31)),  # in August 1975
    "1975-08-29": (date(1975, 8, 29), date(1975, 8, 29)),  # On 29 August 1975
    "1975-12": (date(1975, 12, 1), date(1975, 12, 31)),  # in December 1975
    "1979": (date(1979, 1, 1), date(1979, 12, 31)),  # In 1979
    "1982-33": (date(1982, 1, 1), date(1982, 3, 31)),  # At the beginning of 1982
    "1985-02": (date(1985, 2, 1), date(1985, 2, 28)),  # In February 1985
    "1969/..": (date(1969, 1, 1), None),  # Since 1969
    "1986-02-27": (date(1986, 2, 27), date(1986, 2, 27)),  # Berlin, 27 February 1986
    "1986-02-28": (date(1986, 2, 28), date(1986, 2, 28)),  # February 28, 1986
}

NOT_EDTF = [
    "October 1969",  # words, not EDTF
    "1969-13",  # no thirteenth month
    "1986-02-30",
    "28.02.1986",
    "1985-1X",  # the library fails with AttributeError here, not its own parse error
    "../",  # and with TypeError here
]


# parse_edtf ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", SEED_DATES)
def test_it_parses_every_date_of_the_seed_record(value):
    assert str(parse_edtf(value)) == value


@pytest.mark.parametrize("value", NOT_EDTF)
def test_it_rejects_text_that_is_not_edtf(value):
    with pytest.raises(InvalidDate) as raised:
        parse_edtf(value)
    assert raised.value.value == value


@pytest.mark.parametrize("value", ["", "   "])
def test_it_rejects_an_empty_value(value):
    with pytest.raises(InvalidDate, match="No date was given"):
        parse_edtf(value)


def test_an_invalid_date_names_the_value_and_shows_valid_edtf():
    with pytest.raises(InvalidDate) as raised:
        parse_edtf("October 1969")
    message = str(raised.value)
    assert message.startswith("“October 1969” is not a date in EDTF.")
    for example in ["1969-10", "1975-08-29", "1986?", "1982-01~/1982-03~", "1969/.."]:
        assert example in message


def test_an_invalid_date_can_be_caught_as_a_value_error():
    with pytest.raises(ValueError):
        parse_edtf("1969-13")


# edtf_bounds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "bounds"), SEED_DATES.items())
def test_it_bounds_the_seed_dates_to_calendar_days(value, bounds):
    assert edtf_bounds(value) == bounds


def test_it_returns_dates_not_the_librarys_struct_time():
    earliest, latest = edtf_bounds("1975-08")
    assert type(earliest) is datetime.date
    assert type(latest) is datetime.date


@pytest.mark.parametrize(
    ("value", "last_day"),
    [
        ("1985-02", date(1985, 2, 28)),
        ("1984-02", date(1984, 2, 29)),
        ("1900-02", date(1900, 2, 28)),  # not a leap year: divisible by 100
        ("2000-02", date(2000, 2, 29)),  # a leap year: divisible by 400
        ("1975-04", date(1975, 4, 30)),
        ("1984-02-XX", date(1984, 2, 29)),
    ],
)
def test_it_ends_a_month_on_its_last_day(value, last_day):
    assert edtf_bounds(value)[1] == last_day


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("1848-03", (date(1848, 3, 1), date(1848, 3, 31))),
        ("0999", (date(999, 1, 1), date(999, 12, 31))),
    ],
)
def test_it_bounds_years_before_1900(value, bounds):
    assert edtf_bounds(value) == bounds


def test_it_widens_approximate_dates_by_the_fuzzy_margin():
    assert edtf_bounds("1970~") == (date(1969, 1, 1), date(1971, 12, 31))


def test_it_widens_uncertain_dates_by_the_fuzzy_margin():
    assert edtf_bounds("1986?") == (date(1985, 1, 1), date(1987, 12, 31))


def test_it_widens_dates_both_uncertain_and_approximate_twice_as_far():
    assert edtf_bounds("1970%") == (date(1968, 1, 1), date(1972, 12, 31))


def test_it_widens_an_approximate_month_by_a_year_and_a_month():
    # The library's margin, kept on purpose; the module docstring explains what follows.
    assert edtf_bounds("1982-01~") == (date(1980, 12, 1), date(1983, 2, 28))


def test_it_widens_each_end_of_an_interval_by_its_own_margin():
    assert edtf_bounds("1969-10/1970-01~") == (date(1969, 10, 1), date(1971, 2, 28))


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("1970~", (date(1970, 1, 1), date(1970, 12, 31))),
        ("1986?", (date(1986, 1, 1), date(1986, 12, 31))),
        ("1982-01~/1982-03~", (date(1982, 1, 1), date(1982, 3, 31))),
    ],
)
def test_it_gives_the_strict_bounds_when_asked_not_to_widen(value, bounds):
    assert edtf_bounds(value, fuzzy=False) == bounds


def test_it_does_not_widen_a_date_without_qualifier():
    assert edtf_bounds("1975-08-29") == edtf_bounds("1975-08-29", fuzzy=False)


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("1969/..", (date(1969, 1, 1), None)),
        ("../1970", (None, date(1970, 12, 31))),
        ("1969~/..", (date(1968, 1, 1), None)),
        ("../..", (None, None)),
    ],
)
def test_it_leaves_an_open_end_empty(value, bounds):
    assert edtf_bounds(value) == bounds


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        # The library would place the unknown end ten years from the other one.
        ("/1970", (None, date(1970, 12, 31))),
        ("1969/", (date(1969, 1, 1), None)),
    ],
)
def test_it_leaves_an_unknown_end_empty(value, bounds):
    assert edtf_bounds(value) == bounds
    assert edtf_bounds(value, fuzzy=False) == bounds


@pytest.mark.parametrize("value", ["", "  "])
def test_it_gives_no_bounds_for_a_blank_date(value):
    assert edtf_bounds(value) == (None, None)


@pytest.mark.parametrize("value", ["1985-02-29", "1900-02-29"])
def test_it_rejects_a_day_that_does_not_exist(value):
    # The library's grammar lets any February have a 29th.
    with pytest.raises(InvalidDate, match="names a day that does not exist"):
        edtf_bounds(value)


def test_it_rejects_an_interval_that_ends_before_it_begins():
    with pytest.raises(InvalidDate, match="ends before it begins"):
        edtf_bounds("1986-02-28/1985-02")


@pytest.mark.parametrize("value", ["-0500", "Y12000", "0000"])
def test_it_rejects_years_a_calendar_date_cannot_hold(value):
    with pytest.raises(InvalidDate, match="outside the years 1 to 9999"):
        edtf_bounds(value)


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("0001~", (date.min, date(2, 12, 31))),
        ("9999~", (date(9998, 1, 1), date.max)),
    ],
)
def test_it_stops_widening_at_the_first_and_last_day_a_date_can_hold(value, bounds):
    assert edtf_bounds(value) == bounds


@pytest.mark.parametrize("value", ["1982-01-3X", "1982-21~/1982-22"])
def test_it_rejects_edtf_whose_dates_the_library_cannot_work_out(value):
    with pytest.raises(InvalidDate, match="cannot work out its dates"):
        edtf_bounds(value)


@pytest.mark.parametrize("value", NOT_EDTF)
def test_it_refuses_to_bound_text_that_is_not_edtf(value):
    with pytest.raises(InvalidDate):
        edtf_bounds(value)


# "At the beginning of 1982": what the library makes of the candidates.


@pytest.mark.parametrize("fuzzy", [True, False])
def test_the_first_quarter_of_1982_runs_from_january_to_march(fuzzy):
    assert edtf_bounds("1982-33", fuzzy=fuzzy) == (date(1982, 1, 1), date(1982, 3, 31))


def test_the_first_half_of_1982_runs_from_january_to_june():
    assert edtf_bounds("1982-40") == (date(1982, 1, 1), date(1982, 6, 30))


@pytest.mark.parametrize("value", ["1982-33~", "1982-33/1982-34"])
def test_quarters_can_be_neither_qualified_nor_the_ends_of_an_interval(value):
    with pytest.raises(InvalidDate):
        parse_edtf(value)


def test_an_approximate_first_quarter_spreads_over_three_years():
    assert edtf_bounds("1982-01~/1982-03~") == (date(1980, 12, 1), date(1983, 4, 30))


def test_winter_is_only_the_december_of_its_year():
    # A known limit of the library: a filter for February 1983 does not find "Winter 1982".
    assert edtf_bounds("1982-24") == (date(1982, 12, 1), date(1982, 12, 31))


# validate_edtf ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [*SEED_DATES, "1986?", "1970~", "1982-01~/1982-03~", "../1970", "1925?/1990"]
)
def test_the_validator_accepts_edtf_the_catalog_can_place_in_time(value):
    validate_edtf(value)


def test_the_validator_allows_a_blank_date():
    validate_edtf("")


@pytest.mark.parametrize("value", [*NOT_EDTF, "1985-02-29", "1986/1985", "Y12000"])
def test_the_validator_rejects_with_the_code_invalid_edtf(value):
    with pytest.raises(ValidationError) as raised:
        validate_edtf(value)
    assert raised.value.code == "invalid_edtf"


def test_the_validator_message_names_the_value_and_shows_valid_edtf():
    with pytest.raises(ValidationError) as raised:
        validate_edtf("29/08/1975")
    (message,) = raised.value.messages
    assert message.startswith("“29/08/1975” is not a date in EDTF.")
    assert "1975-08-29 (29 August 1975)" in message


def test_the_validator_message_keeps_a_percent_sign_in_the_value():
    # "%" is EDTF for "uncertain and approximate", and also Django's formatting character.
    with pytest.raises(ValidationError) as raised:
        validate_edtf("19%70")
    assert raised.value.messages[0].startswith("“19%70” is not a date in EDTF.")


# display_edtf ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1969-10", "October 1969"),
        ("1970-01", "January 1970"),
        ("1975-08-29", "29 August 1975"),
        ("1986-02-01", "1 February 1986"),
        ("1979", "1979"),
        ("0999", "999"),
        ("1986?", "1986 (uncertain)"),
        ("1970~", "about 1970"),
        ("1970%", "about 1970 (uncertain)"),
        ("1975-08-29~", "about 29 August 1975"),
        ("1982-01~/1982-03~", "about January – about March 1982"),
        ("1969-10/1970-01", "October 1969 – January 1970"),
        ("1975-08-29/1975-12", "29 August – December 1975"),
        ("1969/1975", "1969 – 1975"),
        ("1925?/1990", "1925 (uncertain) – 1990"),
        ("1969/..", "1969 onwards"),
        ("../1970", "until 1970"),
        ("/1970", "unknown – 1970"),
        ("1969/", "1969 – unknown"),
        ("1982-21", "spring 1982"),
        ("1982-23", "autumn 1982"),
        ("1982-21/1982-22", "spring 1982 – summer 1982"),
        ("1982-29", "spring 1982 (southern hemisphere)"),
        ("1982-33", "early 1982"),
        ("1982-34", "second quarter of 1982"),
        ("1982-36", "late 1982"),
        ("1982-39", "last third of 1982"),
        ("1982-41", "second half of 1982"),
        ("1982-40", "first half of 1982"),
        ("197X", "1970s"),
        ("19XX", "1900s"),
        ("197X~", "about 1970s"),
        ("1982-XX", "1982"),
        ("1982-01-XX", "January 1982"),
        ("1982-~01", "about January 1982"),
        ("[1969, 1970]", "1969 or 1970"),
        ("{1969, 1972, 1975}", "1969, 1972 and 1975"),
    ],
)
def test_it_shows_dates_in_english(value, shown):
    assert display_edtf(value) == shown


@pytest.mark.parametrize(
    "value",
    [
        *NOT_EDTF,
        "",
        "1985-02-29",  # parses, but no such day
        "1986/1985",  # parses, but ends before it begins
        "198X-02",  # valid, but no wording of ours: shown as written
        "-0500",
    ],
)
def test_it_shows_what_it_cannot_word_unchanged(value):
    assert display_edtf(value) == value


def test_it_shows_a_missing_date_as_nothing():
    assert display_edtf(None) == ""


# precision -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1975-08-29", "day"),
        ("1975-08-29~", "day"),
        ("1969-10", "month"),
        ("1982-01-XX", "month"),
        ("1982-21", "season"),
        ("1982-33", "season"),
        ("1979", "year"),
        ("1986?", "year"),
        ("1982-XX", "year"),
        ("[1969, 1970]", "year"),
        ("197X", "decade"),
        ("19XX", "century"),
        ("1969/..", "interval"),
        ("1982-01~/1982-03~", "interval"),
        ("", "unknown"),
        ("October 1969", "unknown"),
        ("1985-02-29", "unknown"),
        ("198X-02", "unknown"),
        ("1XXX", "unknown"),
        ("[1969, 1970-01]", "unknown"),
    ],
)
def test_it_names_how_precisely_a_date_is_known(value, expected):
    assert precision(value) == expected


# parse_written_date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 28, 1986", "1986-02-28"),
        ("28 February 1986", "1986-02-28"),
        ("February 28th, 1986", "1986-02-28"),
        ("February 1986", "1986-02"),
        ("1986", "1986"),
        ("1986-02-28", "1986-02-28"),
        ("c. 1986", "1986~"),
        ("c.1986", "1986~"),
        ("circa 1986", "1986~"),
        ("ca. 1986", "1986~"),
        ("ca. February 1986", "1986-02~"),
        ("1970s", "197X"),
        ("the 1970s", "197X"),
        ("Spring 1982", "1982-21"),
        ("autumn 1975", "1975-23"),
        ("In October 1969", "1969-10"),
        ("in January 1970", "1970-01"),
        ("On 29 August 1975", "1975-08-29"),
        ("In 1979,", "1979"),
        ("February 28, 1986.", "1986-02-28"),
        ("  February   28, 1986 ", "1986-02-28"),
        ("Sept. 1975", "1975-09"),
        ("Sep 1975", "1975-09"),
        ("29 Aug. 1975", "1975-08-29"),
        ("27. Februar 1986", "1986-02-27"),
        ("Am 27. Februar 1986", "1986-02-27"),
        ("Januar 1970", "1970-01"),
        ("März 1970", "1970-03"),
        ("Maerz 1970", "1970-03"),
        ("Mai 1975", "1975-05"),
        ("Juni 1975", "1975-06"),
        ("Juli 1975", "1975-07"),
        ("Oktober 1969", "1969-10"),
        ("Dezember 1975", "1975-12"),
        ("29 February 1984", "1984-02-29"),
    ],
)
def test_it_reads_dates_as_publishers_print_them(text, expected):
    assert parse_written_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "February 30, 1986",
        "29 February 1985",
        "31 April 1975",
        "At the beginning of 1982",  # a curator's reading: 1982-33
        "Since 1969",
        "Berlin, 27 February 1986",
        "28.02.1986",
        "12/03/1986",  # day first or month first?
        "1900s",  # the decade or the century?
        "Smarch 1986",
        "February 28",
        "c. Spring 1982",  # EDTF cannot qualify a season
        "1986-02-30",
    ],
)
def test_it_does_not_guess_dates_it_cannot_read(text):
    assert parse_written_date(text) is None


def test_what_it_reads_passes_the_validator():
    for text in ["February 28, 1986", "c. 1986", "1970s", "Spring 1982", "27. Februar 1986"]:
        validate_edtf(parse_written_date(text))


def test_plain_dates_are_bounded_as_the_library_bounds_them():
    """The fast path for unqualified years, months and days agrees with the full reading."""
    values = ["1000", "1986", "9999", "1900-02", "2000-02", "1984-12", "1986-04-31", "1985-02-29"]
    day = datetime.date(1899, 12, 1)
    while day < datetime.date(1901, 3, 5):
        values.append(day.isoformat())
        day += datetime.timedelta(days=1)
    for value in values:
        for fuzzy in (True, False):
            try:
                library = reading.read_with_library(value)
                expected = library.fuzzy if fuzzy else library.strict
            except dates.InvalidDate as err:
                with pytest.raises(dates.InvalidDate, match=str(err).split(".")[0]):
                    dates.edtf_bounds(value, fuzzy=fuzzy)
                continue
            assert dates.edtf_bounds(value, fuzzy=fuzzy) == expected, value
