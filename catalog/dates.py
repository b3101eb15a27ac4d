"""Dates in the catalog: the one place where EDTF is read, checked, bounded and shown.

Records store a standardised date as an EDTF string (Extended Date/Time Format, Library of
Congress). This module wraps the ``edtf`` library (5.x) so that models, importers, filters and
templates never touch it directly:

- ``parse_edtf`` and ``validate_edtf`` decide what the catalog accepts;
- ``edtf_bounds`` gives the earliest and latest calendar day a date can mean, for filters;
- ``display_edtf`` and ``precision`` describe a date for the public site;
- ``parse_written_date`` turns a date as printed by a publisher ("February 28, 1986") into EDTF.

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
- Recommendation for curators: "1982-33", shown as "First quarter of 1982". It is one date with
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
import re
from time import struct_time
from typing import Literal, NamedTuple

import edtf
from django.core.exceptions import ValidationError

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


Bounds = tuple[datetime.date | None, datetime.date | None]


def edtf_bounds(value: str, *, fuzzy: bool = True) -> Bounds:
    """Earliest and latest day ``value`` can mean; None for an open or unknown end.

    By default approximate and uncertain dates are widened by the library's fuzzy margin (see
    the module docstring). Blank gives (None, None). Raises InvalidDate for a value that is
    not EDTF, names a day that does not exist, lies outside the years 1 to 9999 or ends
    before it begins.
    """
    if not value or not value.strip():
        return None, None
    plain = _plain_bounds(value)
    if plain is not None:
        return plain
    return _cached_bounds(value, fuzzy)


@functools.lru_cache(maxsize=20_000)
def _cached_bounds(value: str, fuzzy: bool) -> Bounds:
    # The library's parser takes milliseconds per value; imports and filters ask for the same
    # values over and over. Dates are immutable, so the answers can be shared.
    reading = _read(value)
    return reading.fuzzy if fuzzy else reading.strict


# A calendar year, month or day without qualifier, the commonest dates by far: their bounds are
# plain calendar arithmetic (strict and fuzzy alike), without the library's slow parser.
_PLAIN = re.compile(r"([1-9]\d{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")


def _plain_bounds(value: str) -> Bounds | None:
    match = _PLAIN.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    if day is not None:
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            return None  # the library's path words the problem
        return date, date
    if month is not None:
        following = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return datetime.date(year, month, 1), following - datetime.timedelta(days=1)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


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
        return _precision_of(_read(value).parsed)
    except InvalidDate:
        return "unknown"


def display_edtf(value: str) -> str:
    """English wording of ``value`` for the public site; anything unreadable comes back as is.

    Never raises: templates call it with whatever a record holds.
    """
    try:
        return _describe(_read(value).parsed)
    except Exception:
        return value if isinstance(value, str) else ""


def parse_written_date(text: str) -> str | None:
    """EDTF for a date as printed by a publisher, or None when it is not one we can read.

    Reads, in English or German, with an optional leading "In", "On", "At", "Im" or "Am" and
    trailing punctuation: "February 28, 1986", "28 February 1986", "27. Februar 1986",
    "February 1986", "Sept. 1975", "Spring 1982", "1986", "1970s", "1986-02-28", and any of
    these after "c.", "ca." or "circa" (approximate). Never guesses: anything else, an
    impossible day or an ambiguous "1900s" gives None.
    """
    if not text:
        return None
    written = " ".join(text.split()).casefold()
    written = _TRAILING_PUNCTUATION.sub("", _LEADING_WORD.sub("", written))
    approximate = _APPROXIMATE.match(written)
    if approximate:
        written = written[approximate.end() :]

    result = _read_written(written)
    if result is None:
        return None
    if approximate:
        result += "~"
    try:
        edtf_bounds(result)
    except InvalidDate:
        return None
    return result


# Bounds ---------------------------------------------------------------------------------------


class _Reading(NamedTuple):
    parsed: edtf.EDTFObject
    strict: Bounds
    fuzzy: Bounds


def _read(value: str) -> _Reading:
    """Parse ``value`` and place it in time; what fails here is invalid everywhere."""
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
    return _Reading(parsed, (earliest, latest), (widest_earliest, widest_latest))


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


def _precision_of(parsed: edtf.EDTFObject) -> Precision:
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


# Display --------------------------------------------------------------------------------------

# Spelled out: calendar.month_name and strftime follow the process locale.
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_SEASON_NAMES = {
    21: "Spring {year}",
    22: "Summer {year}",
    23: "Autumn {year}",
    24: "Winter {year}",
    25: "Spring {year} (Northern Hemisphere)",
    26: "Summer {year} (Northern Hemisphere)",
    27: "Autumn {year} (Northern Hemisphere)",
    28: "Winter {year} (Northern Hemisphere)",
    29: "Spring {year} (Southern Hemisphere)",
    30: "Summer {year} (Southern Hemisphere)",
    31: "Autumn {year} (Southern Hemisphere)",
    32: "Winter {year} (Southern Hemisphere)",
    33: "First quarter of {year}",
    34: "Second quarter of {year}",
    35: "Third quarter of {year}",
    36: "Fourth quarter of {year}",
    37: "First third of {year}",
    38: "Second third of {year}",
    39: "Last third of {year}",
    40: "First half of {year}",
    41: "Second half of {year}",
}


class _Unreadable(Exception):
    """A form display_edtf does not word; the raw EDTF is shown instead."""


def _describe(parsed: edtf.EDTFObject) -> str:
    if isinstance(parsed, edtf.OneOfASet):
        return _join([_describe(member) for member in parsed.objects], "or")
    if isinstance(parsed, edtf.MultipleDates):
        return _join([_describe(member) for member in parsed.objects], "and")
    if isinstance(parsed, edtf.Interval):
        return _describe_interval(parsed)
    return _describe_point(parsed)


def _describe_interval(interval: edtf.Interval) -> str:
    lower, upper = interval.lower, interval.upper
    lower_open = isinstance(lower, edtf.UnspecifiedIntervalSection) and lower.is_open
    upper_open = isinstance(upper, edtf.UnspecifiedIntervalSection) and upper.is_open
    if lower_open and upper_open:
        return "at any time"
    if lower_open:
        return f"until {_describe_side(upper)}"
    if upper_open:
        return f"{_describe_side(lower)} onwards"
    # "January – March 1982" rather than "January 1982 – March 1982".
    lower_day, upper_day = _calendar_date(lower), _calendar_date(upper)
    same_year = lower_day is not None and upper_day is not None and lower_day.year == upper_day.year
    return f"{_describe_side(lower, with_year=not same_year)} – {_describe_side(upper)}"


def _describe_side(side: edtf.EDTFObject, *, with_year: bool = True) -> str:
    if isinstance(side, edtf.UnspecifiedIntervalSection):
        return "unknown"
    return _describe_point(side, with_year=with_year)


def _calendar_date(side: edtf.EDTFObject) -> edtf.Date | None:
    """The plain month or day date inside an interval end, whose year may be shared."""
    if isinstance(side, edtf.UncertainOrApproximate):
        side = side.date
    if type(side) in (edtf.Date, edtf.PartialUncertainOrApproximate) and side.month:
        return side
    return None


def _describe_point(parsed: edtf.EDTFObject, *, with_year: bool = True) -> str:
    if isinstance(parsed, edtf.UncertainOrApproximate):
        return _qualified(_describe_point(parsed.date, with_year=with_year), parsed)
    if isinstance(parsed, edtf.Season):
        return _SEASON_NAMES[int(parsed.season)].format(year=_year(parsed.year))
    if isinstance(parsed, edtf.PartialUnspecified):
        raise _Unreadable(parsed)
    if isinstance(parsed, edtf.Unspecified):
        return _qualified(_describe_unspecified(parsed), parsed)
    if isinstance(parsed, edtf.PartialUncertainOrApproximate):
        # Level 2 qualifies single parts ("1982-~01"); we say so for the whole date.
        words = _calendar_words(parsed.year, parsed.month, parsed.day, with_year=with_year)
        return _qualified(words, parsed)
    if isinstance(parsed, edtf.DateAndTime):
        return f"{_describe_point(parsed.date)}, {parsed.time}"
    if isinstance(parsed, edtf.Consecutives):
        return f"{_describe_point(parsed.lower)} – {_describe_point(parsed.upper)}"
    if isinstance(parsed, edtf.Date) and not parsed.significant_digits:
        return _calendar_words(parsed.year, parsed.month, parsed.day, with_year=with_year)
    raise _Unreadable(parsed)


def _describe_unspecified(parsed: edtf.Unspecified) -> str:
    if "X" in parsed.year:
        if parsed.precision == "decade":
            return f"{parsed.year[:3]}0s"
        if parsed.precision == "century":
            return f"{parsed.year[:2]}00s"
        raise _Unreadable(parsed)
    month = None if parsed.month == "XX" else parsed.month
    day = None if parsed.day == "XX" or month is None else parsed.day
    return _calendar_words(parsed.year, month, day)


def _calendar_words(
    year: str, month: str | None, day: str | None, *, with_year: bool = True
) -> str:
    words = []
    if month and day:
        words.append(str(int(day)))
    if month:
        words.append(_MONTH_NAMES[int(month) - 1])
    if with_year or not words:
        words.append(_year(year))
    return " ".join(words)


def _year(year: str) -> str:
    number = int(year)
    if number < 1:  # BC years would need wording of their own; not in this catalog
        raise _Unreadable(year)
    return str(number)


def _qualified(words: str, parsed: edtf.EDTFObject) -> str:
    both = parsed.is_uncertain_and_approximate
    if parsed.is_approximate or both:
        words = f"c. {words}"
    if parsed.is_uncertain or both:
        words = f"{words} (uncertain)"
    return words


def _join(items: list[str], conjunction: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# Written dates --------------------------------------------------------------------------------

_LEADING_WORD = re.compile(r"^(?:in|on|at|im|am)\s+")
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!]+$")
_APPROXIMATE = re.compile(r"^(?:circa|ca|c)(?:\.\s*|\s+)")

# fmt: off
_MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # German, as in Stasi and SED documents
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
}

_SEASONS = {
    "spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24,
    "frühjahr": 21, "frühling": 21, "sommer": 22, "herbst": 23,
}
# fmt: on

_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?"
_NAME = r"(?P<name>[^\W\d_]+)\.?"  # letters only, umlauts included

_WRITTEN_FORMS = [
    re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_NAME},?\s+{_YEAR}"),
    re.compile(rf"{_NAME}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"{_NAME},?\s+{_YEAR}"),
    re.compile(r"(?:the\s+)?(?P<decade>\d{3}0)['’]?s"),
]


def _read_written(written: str) -> str | None:
    for form in _WRITTEN_FORMS:
        match = form.fullmatch(written)
        if match:
            return _edtf_from(match.groupdict())
    return None


def _edtf_from(parts: dict[str, str | None]) -> str | None:
    if parts.get("decade"):
        decade = parts["decade"]
        # "1900s" may be the decade or the century: not ours to choose.
        return None if decade.endswith("00") else f"{decade[:3]}X"
    year, name, day = parts["year"], parts.get("name"), parts.get("day")
    if name is None:  # already ISO: "1986", "1986-02", "1986-02-28"
        month = parts.get("month")
        return "-".join(part for part in (year, month, day) if part)
    if day is None and name in _SEASONS:
        return f"{year}-{_SEASONS[name]}"
    if name not in _MONTHS:
        return None
    month = f"{_MONTHS[name]:02d}"
    return f"{year}-{month}-{int(day):02d}" if day else f"{year}-{month}"
