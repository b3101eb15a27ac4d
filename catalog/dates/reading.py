"""Reading EDTF: what the catalog accepts, the days a date can mean, how finely it is known.

The only module that asks the ``edtf`` library to parse. Parsing takes milliseconds, so the
plain forms (years, months, days, their qualifiers and intervals) are read without it
(``catalog.dates.plain``, to the same result), and each reading is cached per distinct value:
imports and lists ask for the same dates over and over, and what a date means never changes.

Records store a standardised date as an EDTF string (Extended Date/Time Format, Library of
Congress). This package wraps the ``edtf`` library (5.x) so that models, importers, filters and
templates never touch it directly:

- ``parse_edtf`` and ``validate_edtf`` decide what the catalog accepts;
- ``edtf_bounds`` gives the earliest and latest calendar day a date can mean, for filters;
- ``precision`` says how finely a date is known (this module);
- ``display_edtf`` words a date for readers (``catalog.dates.wording``);
- ``parse_written_date`` turns a date as printed by a publisher ("February 28, 1986") into EDTF
  (``catalog.dates.written``).

Earliest and latest: we start from the library's strict bounds and, by default, widen them with
its fuzzy bounds, so that a filter for 1969 finds "c. 1970" and never misses a record. For a
date without qualifier the fuzzy bounds equal the strict ones. The library's margin is one
unit per component written: "1970~" spans 1969-01-01 to 1971-12-31, but "1982-01~" spans
1980-12-01 to 1983-02-28 (a year *and* a month each side), and "1982-01-15~" a year, a month
and a day. We keep the library's margin rather than invent our own. Pass ``fuzzy=False`` for
the strict bounds, e.g. to sort "c. 1970" with 1970 rather than with 1969.

"At the beginning of 1982" (checked against edtf 5.0.2):

- "1982-33" (EDTF level 2 sub-year grouping, first quarter) parses, with strict and fuzzy
  bounds 1982-01-01 to 1982-03-31; "1982-40" (first half) gives 1982-01-01 to 1982-06-30.
  Groupings 33-41 cannot be qualified ("1982-33~" is rejected) nor used as interval ends
  ("1982-33/1982-34" is rejected).
- "1982-01~/1982-03~" parses, strict bounds 1982-01-01 to 1982-03-31, but its fuzzy bounds run
  from 1980-12-01 to 1983-04-30 because of the margin above, so it turns up under 1981 and 1983.
- Recommendation for curators: "1982-33", shown as "early 1982". It is one date with
  exact bounds, where the approximate interval would scatter the record over three years.
  ``parse_written_date`` does not turn "the beginning of 1982" into it: that is a curator's
  reading of the text, not a date as printed.

What the catalog accepts: every function here reads a value the same way, so a value that
``validate_edtf`` rejects is shown unchanged by ``display_edtf``, has precision "unknown", and
makes ``edtf_bounds`` raise InvalidDate. Other behaviour of the library worth knowing:

- It accepts days that do not exist ("1985-02-29", "1900-02-29"); we reject them.
- Some valid-looking strings fail with errors other than ``EDTFParseException``
  ("1985-1X" raises AttributeError, after printing a line to stdout), and some parse but cannot
  be bounded ("1982-01-3X", "1982-21~/1982-22"). We turn all of these into ``InvalidDate``.
- Open ends ("1969/..") come back as float infinities, and unknown ends ("/1970", "1969/") as
  the other end moved by ten years; both are ``None`` here.
- Winter ("1982-24") is December of that year only, so a February filter does not find it.
- Intervals whose end is before their start ("1982/1981") parse; we reject them.
- Sets take their bounds from their members' strict bounds only: "[1969~, 1975]" starts in 1969.
- It reads its margins and season months from ``settings.EDTF`` once, when it is
  first imported; the catalog does not set it.
- Its own natural-language reader, ``edtf.text_to_edtf``, fills in what it cannot read
  ("February 30, 1986" gives "1986", "Januar 1970" gives "1970", "hello 1986" gives "1986"),
  so ``parse_written_date`` reads a small fixed set of forms itself and asks the library only
  to check the result.
"""

import datetime
import functools
from time import struct_time
from typing import Literal, NamedTuple

import edtf
from django.core.exceptions import ValidationError

from catalog.dates.plain import Bounds, PlainDate, PlainInterval, read_plain

Precision = Literal["day", "month", "season", "year", "decade", "century", "interval", "unknown"]

EXAMPLES = (
    "1969-10 (October 1969), 1975-08-29 (29 August 1975), 1986? (1986, uncertain), "
    "1982-01~/1982-03~ (about January to about March 1982), 1969/.. (1969 onwards)"
)


class InvalidDate(ValueError):
    """A value the catalog cannot read or place in time; the message is for archivists."""

    def __init__(self, value: str, problem: str = "“%(value)s” is not a date in EDTF") -> None:
        self.value = value
        # Kept as a template so that Django interpolates the value itself. The value may hold
        # "%", which EDTF uses for "uncertain and approximate", so it must not be pasted in
        # before Django formats the message.
        self.template = f"{problem}. Write dates in EDTF, for example {EXAMPLES}."
        super().__init__(self.template % {"value": value})


def parse_edtf(value: str) -> edtf.EDTFObject:
    """Return the edtf library's object for ``value``; raise InvalidDate if it is not EDTF."""
    if not value or not value.strip():
        raise InvalidDate(value or "", "No date was given")
    try:
        return edtf.parse_edtf(value)
    # The library's grammar raises AttributeError or TypeError for some inputs ("1985-1X",
    # "../") instead of its own EDTFParseException.
    except Exception as err:
        raise InvalidDate(value) from err


def edtf_bounds(value: str, *, fuzzy: bool = True) -> Bounds:
    """Earliest and latest day ``value`` can mean; None for an open or unknown end.

    By default approximate and uncertain dates are widened by the library's fuzzy margin (see
    the module docstring). Blank gives (None, None). Raises InvalidDate for a value that is
    not EDTF, names a day that does not exist, lies outside the years 1 to 9999 or ends
    before it begins.
    """
    if not value or not value.strip():
        return None, None
    reading = read(value)
    return reading.fuzzy if fuzzy else reading.strict


def validate_edtf(value: str) -> None:
    """Django validator: reject what the catalog cannot place in time. Blank is allowed."""
    if not value:
        return
    try:
        edtf_bounds(value)
    except InvalidDate as err:
        raise ValidationError(err.template, code="invalid_edtf", params={"value": value}) from err


def precision(value: str) -> Precision:
    """How finely ``value`` is known: day, month, season, year, decade, century or interval.

    "unknown" for blank and invalid values and for forms that have no single precision here
    (millennia, level 2 unspecified digits such as "198X-02", sets of mixed precision).
    Sub-year groupings such as quarters ("1982-33") count as seasons, as in EDTF.
    """
    try:
        return _precision_of(read(value).parsed)
    except InvalidDate:
        return "unknown"


# Bounds ---------------------------------------------------------------------------------------


class Reading(NamedTuple):
    parsed: edtf.EDTFObject | PlainDate | PlainInterval
    strict: Bounds
    fuzzy: Bounds


@functools.lru_cache(maxsize=50_000)
def read(value: str) -> Reading:
    """Parse ``value`` and place it in time; what fails here is invalid everywhere.

    The plain forms (years, months and days, qualified or not, and intervals of them) are
    read by ``catalog.dates.plain``, which gives what the library would; everything else, and
    every value those refuse, by the library. Cached: the library's parser is slow, and a value
    always reads the same. Failures are not cached, but they are rare (the models refuse
    invalid dates)."""
    plain = read_plain(value)
    if plain is not None:
        return Reading(*plain)
    return read_with_library(value)


def read_with_library(value: str) -> Reading:
    """``read`` through the ``edtf`` library's grammar alone, uncached."""
    parsed = parse_edtf(value)
    try:
        strict = (parsed.lower_strict(), parsed.upper_strict())
        fuzzy = (parsed.lower_fuzzy(), parsed.upper_fuzzy())
    except Exception as err:
        raise InvalidDate(
            value, "“%(value)s” is EDTF, but the catalog cannot work out its dates"
        ) from err

    # The library invents an unknown end ten years from the other one; we leave it unknown.
    lower_known = not _is_unspecified_end(parsed, "lower")
    upper_known = not _is_unspecified_end(parsed, "upper")
    earliest = _strict_date(strict[0], value) if lower_known else None
    latest = _strict_date(strict[1], value) if upper_known else None
    if earliest is not None and latest is not None and earliest > latest:
        raise InvalidDate(value, "“%(value)s” ends before it begins")

    widest_earliest = None if earliest is None else min(earliest, _widened_date(fuzzy[0]))
    widest_latest = None if latest is None else max(latest, _widened_date(fuzzy[1]))
    return Reading(parsed, (earliest, latest), (widest_earliest, widest_latest))


def _is_unspecified_end(parsed: edtf.EDTFObject, end: str) -> bool:
    return isinstance(parsed, edtf.Interval) and isinstance(
        getattr(parsed, end), edtf.UnspecifiedIntervalSection
    )


def _strict_date(bound: struct_time | float, value: str) -> datetime.date | None:
    if isinstance(bound, float):  # the library's -inf / inf for an open end
        return None
    year, month, day = bound[:3]
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise InvalidDate(value, "“%(value)s” lies outside the years 1 to 9999")
    try:
        return datetime.date(year, month, day)
    except ValueError as err:
        raise InvalidDate(value, "“%(value)s” names a day that does not exist") from err


def _widened_date(bound: struct_time) -> datetime.date:
    # Called only when the strict bound is a real date, so the fuzzy one is one too; widening
    # "0001~" or "9999~" can step outside what datetime.date holds, so stop at its limits.
    # The library builds fuzzy bounds with relativedelta, which keeps days within the month.
    year, month, day = bound[:3]
    if year < datetime.MINYEAR:
        return datetime.date.min
    if year > datetime.MAXYEAR:
        return datetime.date.max
    return datetime.date(year, month, day)


# Precision ------------------------------------------------------------------------------------


def _precision_of(parsed: edtf.EDTFObject | PlainDate | PlainInterval) -> Precision:
    if isinstance(parsed, PlainDate):
        return parsed.precision
    if isinstance(parsed, PlainInterval):
        return "interval"
    if isinstance(parsed, edtf.Interval):  # also "..1970" and "1969..1971" inside sets
        return "interval"
    if isinstance(parsed, edtf.OneOfASet | edtf.MultipleDates):
        members = {_precision_of(member) for member in parsed.objects}
        return members.pop() if len(members) == 1 else "unknown"
    if isinstance(parsed, edtf.UncertainOrApproximate | edtf.DateAndTime):
        return _precision_of(parsed.date)
    if isinstance(parsed, edtf.Season):  # also the level 2 groupings, "1982-33"
        return "season"
    if isinstance(parsed, edtf.PartialUnspecified):
        return "unknown"
    if isinstance(parsed, edtf.Unspecified):
        # The library calls "1982-XX" month precision: a month is written, but not known.
        if "X" in parsed.year:
            return {"decade": "decade", "century": "century"}.get(parsed.precision, "unknown")
        if parsed.month == "XX":
            return "year"
        if parsed.day == "XX":
            return "month"
    if isinstance(parsed, edtf.Date):
        return parsed.precision
    if isinstance(parsed, edtf.LongYear):
        return "year"
    return "unknown"
