"""Dates as publishers print them ("February 28, 1986", "27. Februar 1986"), read into EDTF.

The ``edtf`` library's own reader fills in what it cannot read ("hello 1986" gives "1986"), so
this module reads a small fixed set of forms itself and asks ``catalog.dates.reading`` only to
check the result. It never guesses.
"""

import re

from catalog.dates.reading import InvalidDate, edtf_bounds


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
