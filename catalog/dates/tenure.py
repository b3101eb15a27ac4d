"""Offices held, in words: what a role's EDTF start and end say a historian may claim.

A memo attests an office at one moment, so the catalog records spans of uncertainty
rather than dates: a start "../1975-08-29" says "in office by 29 August 1975", an end
"1975-08-29/1986-02-27" says "left between those dates", an end "1985-02/.." says
"still in office then". The dates are read by ``catalog.dates.reading`` and worded by
``catalog.dates.wording``; this module only puts them into a sentence. A role stores the
sentence when it is saved (``PersonRole.tenure_display``).
"""

import edtf

from catalog.dates import reading
from catalog.dates.plain import plain_sides, read_plain
from catalog.dates.wording import display_edtf


def describe_tenure(start: str, end: str) -> str:
    """A reader's sentence for a tenure: 'in office by 29 August 1975; left between
    29 August 1975 and 27 February 1986'. Empty when neither end is known."""
    start_phrase = _start_phrase(start)
    end_phrase = _end_phrase(end)
    start_by, end_from = interval_sides(start), interval_sides(end)
    # "../1985-02" and "1985-02/..": one moment attested, neither end known.
    if start_by[0] is None and end_from[1] is None and start_by[1] and start_by[1] == end_from[0]:
        return f"in office {_at(start_by[1])}"
    return "; ".join(phrase for phrase in (start_phrase, end_phrase) if phrase)


def interval_sides(value: str) -> tuple[str | None, str | None]:
    """The two sides of an interval as EDTF strings, None for an open or unknown side;
    a single date is both sides. ('', '') for blank or unreadable values."""
    if not value or not value.strip():
        return "", ""
    plain = read_plain(value)
    if plain is not None:
        return plain_sides(plain.parsed)
    try:
        parsed = reading.parse_edtf(value)
    except reading.InvalidDate:
        return "", ""
    if not isinstance(parsed, edtf.Interval):
        return str(parsed), str(parsed)
    sides = []
    for side in (parsed.lower, parsed.upper):
        sides.append(None if isinstance(side, edtf.UnspecifiedIntervalSection) else str(side))
    return sides[0], sides[1]


def _at(value: str) -> str:
    words = display_edtf(value)
    return f"on {words}" if reading.precision(value) == "day" else f"in {words}"


def _start_phrase(value: str) -> str:
    lower, upper = interval_sides(value)
    if lower == "" and upper == "":
        return "" if not value else f"took office {display_edtf(value)}"
    if lower is None and upper is None:
        return ""
    if lower is None:
        return f"in office by {display_edtf(upper)}"
    if upper is None:
        return f"took office {_at(lower)} or later"
    if lower == upper:
        return f"took office {_at(lower)}"
    return f"took office between {display_edtf(lower)} and {display_edtf(upper)}"


def _end_phrase(value: str) -> str:
    lower, upper = interval_sides(value)
    if lower == "" and upper == "":
        return "" if not value else f"left office {display_edtf(value)}"
    if lower is None and upper is None:
        return ""
    if upper is None:
        return f"still in office {_at(lower)}"
    if lower is None:
        return f"left office by {display_edtf(upper)}"
    if lower == upper:
        return f"left office {_at(lower)}"
    return f"left between {display_edtf(lower)} and {display_edtf(upper)}"
