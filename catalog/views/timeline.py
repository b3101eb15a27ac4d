"""Timelines of contact events, laid out on the server for plain HTML and CSS.

Two shapes: contacts counted per year (the home page, however many records there are),
and each event as a bar over the years it may have happened (a person's or an
agency's page), so that "1969/1986" reads as the long uncertainty it is. Both are
lists in the HTML, so that screen readers read them as such; the geometry only
positions them on screen.
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from catalog.search.facets import year_columns

# Most year labels under the chart of years and on the axis of a timeline, which is
# narrower; a phone shows only the "major" ones, at most PHONE_LABELS.
CHART_LABELS = 20
AXIS_LABELS = 10
PHONE_LABELS = 5
STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    height: float  # percent of the count axis
    label: str  # "" for a year without a label under it
    major: bool  # labelled on every width, not only on wide screens


@dataclass(frozen=True)
class YearChart:
    """Contacts per year with a count axis: bars, gridlines at ``ticks`` (value,
    percent of the height), and year labels few enough to read."""

    bars: list[YearCount]
    ticks: list[tuple[int, float]]

    @property
    def first(self) -> int:
        return self.bars[0].year

    @property
    def last(self) -> int:
        return self.bars[-1].year


def years(events: QuerySet) -> YearChart | None:
    """For every year in the range, how many contact events may have happened in it: an
    event dated "1969/1986" counts in each of those years, as the list of events filtered
    to one year shows it. Empty years are included, so that the axis keeps its
    proportions. None when no event is dated. One query, counted by the database per pair
    of first and last year (a few hundred rows however many events; on the published ones,
    from the ``event_years`` index alone)."""
    return chart(year_rows(events))


def year_rows(events: QuerySet) -> list[list[int]]:
    """The dated events counted per pair of first and last year, as [first, last, n]: the
    rows ``chart`` draws (JSON, so that the public's can be stored)."""
    rows = (
        events.exclude(date_earliest=None, date_latest=None)
        .order_by()
        .values_list(*year_columns())
        .annotate(n=Count("*"))
    )
    # Read without the ORM's converters: PostgreSQL's EXTRACT gives decimals.
    return [[_year(first), _year(last), n] for first, last, n in rows]


def _year(value) -> int | None:
    return None if value is None else int(value)


def chart(rows) -> YearChart | None:
    """The chart of ``year_rows``."""
    counts: Counter = Counter()
    for first, last, n in rows:
        first, last = first or last, last or first
        for year in range(first, last + 1):
            counts[year] += n
    if not counts:
        return None
    step = _count_step(max(counts.values()))
    top = step * math.ceil(max(counts.values()) / step)
    span = max(counts) - min(counts) + 1
    wide, narrow = _tick_steps(span, CHART_LABELS)
    bars = [
        YearCount(
            year,
            counts[year],
            round(100 * counts[year] / top, 1),
            str(year) if year % wide == 0 else "",
            year % narrow == 0,
        )
        for year in range(min(counts), max(counts) + 1)
    ]
    ticks = [(value, round(100 * value / top, 1)) for value in range(0, top + 1, step)]
    return YearChart(bars, ticks)


def _count_step(most: int) -> int:
    """A round step for the count axis that gives it at most five intervals."""
    for step in (1, 2, 5, 10, 20, 25, 50):
        if most / step <= 5:
            return step
    return _count_step(math.ceil(most / 100)) * 100


@dataclass(frozen=True)
class Bar:
    event: object
    label: str  # the date, in words
    left: float  # percent of the axis
    width: float


@dataclass(frozen=True)
class Tick:
    year: int
    left: float  # percent of the axis
    major: bool  # shown on every width, not only on wide screens


@dataclass(frozen=True)
class Spans:
    bars: list[Bar]
    ticks: list[Tick]  # for the axis on screen
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
    span = last_year - first_year + 1
    wide, narrow = _tick_steps(span, AXIS_LABELS)
    ticks = [
        Tick(year, round(position(datetime.date(year, 1, 1)), 2), year % narrow == 0)
        for year in range(first_year, last_year + 1)
        if year % wide == 0
    ]
    return Spans(bars, ticks, undated)


def _tick_steps(span_years: int, most: int) -> tuple[int, int]:
    """Round numbers of years between labels: (on a wide screen, on a phone). At most
    ``most`` labels, or PHONE_LABELS on a phone; every phone label is also a wide one."""
    narrow = next(step for step in STEPS if span_years / step <= PHONE_LABELS or step == STEPS[-1])
    wide = next(
        (step for step in STEPS if narrow % step == 0 and span_years / step <= most), narrow
    )
    return wide, narrow
