"""Timelines of contact events, laid out on the server for plain HTML and CSS.

Two shapes: contacts counted per year (the home page, however many records there are),
and each event as a bar over the years it may have happened (a person's or an
agency's page), so that "1969/1986" reads as the long uncertainty it is. Both are
lists in the HTML, so that screen readers read them as such; the geometry only
positions them on screen.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    height: float  # percent of the tallest year


def years(events: QuerySet) -> list[YearCount]:
    """For every year in the range, how many contact events may have happened in it: an
    event dated "1969/1986" counts in each of those years, as the list of events filtered
    to one year shows it. Empty years are included, so that the axis keeps its
    proportions. One query."""
    rows = (
        events.exclude(date_earliest=None, date_latest=None)
        .annotate(first=ExtractYear("date_earliest"), last=ExtractYear("date_latest"))
        .values_list("first", "last")
    )
    counts: Counter = Counter()
    for first, last in rows:
        first, last = first or last, last or first
        counts.update(range(first, last + 1))
    if not counts:
        return []
    tallest = max(counts.values())
    return [
        YearCount(year, counts[year], round(100 * counts[year] / tallest, 1))
        for year in range(min(counts), max(counts) + 1)
    ]


@dataclass(frozen=True)
class Bar:
    event: object
    label: str  # the date, in words
    left: float  # percent of the axis
    width: float


@dataclass(frozen=True)
class Spans:
    bars: list[Bar]
    ticks: list[tuple[int, float]]  # (year, percent), for the axis on screen
    undated: list  # events whose date is unknown: listed, not placed


def spans(events: list) -> Spans:
    """Place each event on an axis from its earliest to its latest possible day."""
    dated = [e for e in events if e.date_earliest or e.date_latest]
    undated = [e for e in events if not (e.date_earliest or e.date_latest)]
    if not dated:
        return Spans([], [], undated)
    first_year = min((e.date_earliest or e.date_latest).year for e in dated)
    last_year = max((e.date_latest or e.date_earliest).year for e in dated)
    axis_start = datetime.date(first_year, 1, 1)
    axis_days = (datetime.date(last_year + 1, 1, 1) - axis_start).days

    def position(day: datetime.date) -> float:
        return 100 * (day - axis_start).days / axis_days

    bars = []
    for event in dated:
        earliest = event.date_earliest or event.date_latest
        latest = event.date_latest or event.date_earliest
        left = position(earliest)
        # A day is too thin to see: every bar gets at least a visible sliver.
        width = max(position(latest + datetime.timedelta(days=1)) - left, 0.8)
        width = min(width, 100 - left)
        bars.append(Bar(event, event.date_display, round(left, 2), round(width, 2)))
    step = _tick_step(last_year - first_year + 1)
    ticks = [
        (year, round(position(datetime.date(year, 1, 1)), 2))
        for year in range(first_year, last_year + 1)
        if year % step == 0 or year == first_year
    ]
    return Spans(bars, ticks, undated)


def _tick_step(span_years: int) -> int:
    for step in (1, 2, 5, 10, 20, 50):
        if span_years / step <= 12:
            return step
    return 100
