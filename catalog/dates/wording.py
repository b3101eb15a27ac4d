"""Dates in words, in one voice for every page, feed and export.

"27 February 1986", "August 1975", "early 1982", "about 1976", "1969 onwards": day before
month, months spelled out, qualifiers in words. Wordings start in lower case where they begin
with a word ("early 1982", "about 1976") so that they read inside a sentence ("took office in
early 1982"); a template that shows one on its own capitalises it (``|capfirst``).

Records store the wording when they are saved (``*_display`` columns), so pages never parse
EDTF; this module is what computes it.
"""

import edtf

from catalog.dates.plain import PlainDate, PlainInterval
from catalog.dates.reading import read


def display_edtf(value: str) -> str:
    """English wording of ``value`` for the public site; anything unreadable comes back as is.

    Never raises: templates call it with whatever a record holds.
    """
    try:
        return _describe(read(value).parsed)
    except Exception:
        return value if isinstance(value, str) else ""


# Spelled out: calendar.month_name and strftime follow the process locale.
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_SEASON_NAMES = {
    21: "spring {year}",
    22: "summer {year}",
    23: "autumn {year}",
    24: "winter {year}",
    25: "spring {year} (northern hemisphere)",
    26: "summer {year} (northern hemisphere)",
    27: "autumn {year} (northern hemisphere)",
    28: "winter {year} (northern hemisphere)",
    29: "spring {year} (southern hemisphere)",
    30: "summer {year} (southern hemisphere)",
    31: "autumn {year} (southern hemisphere)",
    32: "winter {year} (southern hemisphere)",
    # The first and last quarters are how sources put them: "at the beginning of 1982".
    33: "early {year}",
    34: "second quarter of {year}",
    35: "third quarter of {year}",
    36: "late {year}",
    37: "first third of {year}",
    38: "second third of {year}",
    39: "last third of {year}",
    40: "first half of {year}",
    41: "second half of {year}",
}


class _Unreadable(Exception):
    """A form display_edtf does not word; the raw EDTF is shown instead."""


def _describe(parsed: edtf.EDTFObject | PlainDate | PlainInterval) -> str:
    if isinstance(parsed, PlainDate):
        return _describe_plain(parsed)
    if isinstance(parsed, PlainInterval):
        return _describe_plain_interval(parsed)
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


def _describe_plain_interval(interval: PlainInterval) -> str:
    """As ``_describe_interval`` words the library's reading of the same value."""
    lower, upper = interval
    if lower is None:
        return f"until {_describe_plain(upper)}"
    if upper is None:
        return f"{_describe_plain(lower)} onwards"
    same_year = bool(lower.month and upper.month) and lower.year == upper.year
    return f"{_describe_plain(lower, with_year=not same_year)} – {_describe_plain(upper)}"


def _describe_plain(date: PlainDate, *, with_year: bool = True) -> str:
    return _qualified(_calendar_words(date.year, date.month, date.day, with_year=with_year), date)


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
    year: str | int, month: str | int | None, day: str | int | None, *, with_year: bool = True
) -> str:
    words = []
    if month and day:
        words.append(str(int(day)))
    if month:
        words.append(_MONTH_NAMES[int(month) - 1])
    if with_year or not words:
        words.append(_year(year))
    return " ".join(words)


def _year(year: str | int) -> str:
    number = int(year)
    if number < 1:  # BC years would need wording of their own; not in this catalog
        raise _Unreadable(year)
    return str(number)


def _qualified(words: str, parsed: edtf.EDTFObject | PlainDate) -> str:
    both = parsed.is_uncertain_and_approximate
    if parsed.is_approximate or both:
        words = f"about {words}"
    if parsed.is_uncertain or both:
        words = f"{words} (uncertain)"
    return words


def _join(items: list[str], conjunction: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
