"""The commonest EDTF forms, read without the ``edtf`` library's grammar.

Most dates in the catalog are a year, a month or a day ("1986", "1969-10", "1975-08-29"),
perhaps uncertain ("1986?"), approximate ("1970~") or both ("1970%"), or a simple interval of
those ("1982-01~/1982-03~", "1969/..", "../1975-08-29"). The library's parser takes
milliseconds to read one; an import of a few thousand documents spends most of its time
there. This module reads exactly these forms with a regular expression and places them in
time with the same calendar arithmetic as the library (``dateutil.relativedelta``, one unit of
margin per component written, twice that for "%"), so that every stored value (bounds, words,
precision) is the same as the library's reading gives; ``tests/dates/test_plain.py`` checks
that over generated values.

It answers only for values it is sure of: a day that does not exist, an interval that ends
before it begins, a year before 1000 or any other form gives ``None``, and the caller asks
the library, whose reading words the problem for archivists.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

Bounds = tuple[datetime.date | None, datetime.date | None]

_DATE = r"([1-9]\d{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?([?~%]?)"
_POINT = re.compile(_DATE)
_INTERVAL = re.compile(rf"(?:{_DATE}|\.\.)/(?:{_DATE}|\.\.)")

# The library's margins (edtf.appsettings, which the catalog does not change): one year, one
# month and one day for each component written, twice as much for "uncertain and approximate".
_MULTIPLIER = {"": 0, "?": 1, "~": 1, "%": 2}


class PlainDate(NamedTuple):
    """A year, month or day, perhaps qualified: "1982-01~"."""

    text: str
    year: int
    month: int | None
    day: int | None
    qualifier: str  # "", "?" (uncertain), "~" (approximate) or "%" (both)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def is_uncertain(self) -> bool:
        return self.qualifier == "?"

    @property
    def is_approximate(self) -> bool:
        return self.qualifier == "~"

    @property
    def is_uncertain_and_approximate(self) -> bool:
        return self.qualifier == "%"

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day:
            return datetime.date(self.year, self.month, self.day)
        month = self.month or 12
        if month == 12:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, month + 1, 1) - datetime.timedelta(days=1)

    def margin(self) -> relativedelta:
        times = _MULTIPLIER[self.qualifier]
        return relativedelta(
            years=times, months=times if self.month else 0, days=times if self.day else 0
        )


class PlainInterval(NamedTuple):
    """From one plain date to another; ``None`` for an open end ("..")."""

    lower: PlainDate | None
    upper: PlainDate | None


class PlainReading(NamedTuple):
    parsed: PlainDate | PlainInterval
    strict: Bounds
    fuzzy: Bounds


def read_plain(value: str) -> PlainReading | None:
    """``value`` placed in time if it is one of the plain forms and valid; else None."""
    match = _POINT.fullmatch(value)
    if match is not None:
        point = _point(value, match.groups())
        if point is None:
            return None
        return PlainReading(point, (point.first_day(), point.last_day()), _widened(point, point))
    match = _INTERVAL.fullmatch(value)
    if match is None:
        return None
    lower_text, upper_text = value.split("/")
    lower = _point(lower_text, match.groups()[:4]) if lower_text != ".." else None
    upper = _point(upper_text, match.groups()[4:]) if upper_text != ".." else None
    if (lower is None and lower_text != "..") or (upper is None and upper_text != ".."):
        return None  # a day that does not exist
    if lower is None and upper is None:
        return None  # "../..": the library's reading
    earliest = lower.first_day() if lower else None
    latest = upper.last_day() if upper else None
    if earliest is not None and latest is not None and earliest > latest:
        return None  # ends before it begins: the library's reading words it
    return PlainReading(PlainInterval(lower, upper), (earliest, latest), _widened(lower, upper))


def plain_sides(parsed: PlainDate | PlainInterval) -> tuple[str | None, str | None]:
    """The two ends as EDTF text, None for an open one; a single date is both ends."""
    if isinstance(parsed, PlainDate):
        return parsed.text, parsed.text
    return tuple(None if end is None else end.text for end in parsed)


def _point(text: str, groups) -> PlainDate | None:
    year, month, day, qualifier = groups
    date = PlainDate(text, int(year), int(month) if month else None, int(day) if day else None,
                     qualifier or "")  # fmt: skip
    if date.day is not None:
        try:
            datetime.date(date.year, date.month, date.day)
        except ValueError:
            return None
    return date


def _widened(lower: PlainDate | None, upper: PlainDate | None) -> Bounds:
    """The fuzzy bounds, as ``catalog.dates.reading`` makes them from the library's: never
    narrower than the strict ones, and stopped at the first and last day a date can hold."""
    earliest = latest = None
    if lower is not None:
        first = lower.first_day()
        try:
            earliest = min(first, first - lower.margin())
        except (OverflowError, ValueError):
            earliest = datetime.date.min
    if upper is not None:
        last = upper.last_day()
        try:
            latest = max(last, last + upper.margin())
        except (OverflowError, ValueError):
            latest = datetime.date.max
    return earliest, latest
