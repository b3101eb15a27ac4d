"""Dates in the catalog: the one place where EDTF is read, checked, bounded and worded.

Records store a standardised date as an EDTF string (Extended Date/Time Format, Library of
Congress), beside the date as the source writes it. Everything else about a date is derived
from the EDTF and stored with the record when it is saved or imported (``facts``), as the
Princeton Geniza Project does, so that no page ever parses a date:

- ``catalog.dates.reading``: what the catalog accepts (``parse_edtf``, ``validate_edtf``), the
  earliest and latest day a date can mean (``edtf_bounds``), how finely it is known
  (``precision``);
- ``catalog.dates.wording``: the date in words, in one voice everywhere (``display_edtf``);
- ``catalog.dates.tenure``: an office's start and end in one sentence (``describe_tenure``),
  and the two sides of an interval (``interval_sides``);
- ``catalog.dates.written``: a publisher's printed date read into EDTF (``parse_written_date``).
"""

import datetime
import functools
from typing import NamedTuple

from catalog.dates.reading import (
    EXAMPLES,
    Bounds,
    InvalidDate,
    Precision,
    edtf_bounds,
    parse_edtf,
    precision,
    validate_edtf,
)
from catalog.dates.tenure import describe_tenure, interval_sides
from catalog.dates.wording import display_edtf
from catalog.dates.written import parse_written_date

__all__ = [
    "EXAMPLES",
    "Bounds",
    "DateFacts",
    "InvalidDate",
    "Precision",
    "describe_tenure",
    "display_edtf",
    "edtf_bounds",
    "facts",
    "interval_sides",
    "parse_edtf",
    "parse_written_date",
    "precision",
    "strict_earliest",
    "validate_edtf",
]


class DateFacts(NamedTuple):
    """What a record stores about one of its dates, beside the EDTF itself."""

    display: str  # in words: "early 1982"
    precision: Precision
    earliest: datetime.date | None  # widened by the fuzzy margin, for filters
    latest: datetime.date | None


NO_DATE = DateFacts("", "unknown", None, None)


@functools.lru_cache(maxsize=50_000)
def facts(value: str) -> DateFacts:
    """Everything derived from ``value``, once per distinct value (imports repeat dates).

    Never raises: a value the catalog cannot read (only bulk writes can store one) is shown
    as written and has no bounds, as the validators would have said.
    """
    if not value or not value.strip():
        return NO_DATE
    try:
        earliest, latest = edtf_bounds(value)
    except InvalidDate:
        return DateFacts(value, "unknown", None, None)
    return DateFacts(display_edtf(value), precision(value), earliest, latest)


def strict_earliest(value: str, stored: datetime.date | None) -> datetime.date | None:
    """The earliest day ``value`` means without the fuzzy margin, given its stored (widened)
    bound: the same for an unqualified date, so only "1986~", "1986?" or "1986%" is read."""
    if any(mark in value for mark in "~?%"):
        earliest, _ = edtf_bounds(value, fuzzy=False)
        return earliest
    return stored
