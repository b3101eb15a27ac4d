"""Page labels from an archival reference: "pp. 49-51" gives "p. 49", "p. 50", "p. 51".

The reference's pages were read by ``catalog.references`` ("Bl. 12, 15–17", "S. 3 ff."); here
they are counted out one label per scanned page, in the archive's own terms: folios ("Bl.",
"f.", "l.", "k.") or pages ("S.", "p."). Ranges whose ends carry letters ("12r–13v") cannot be
counted without guessing, so such a reference gives no labels at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count

from catalog.references.parser import EN_DASH, ParsedReference, parse_reference

#: The label of one page for each way a reference counts several.
SINGULAR = {"pp.": "p.", "ff.": "f.", "ll.": "l."}
_NUMBER = re.compile(r"\d+")
_PAGE = re.compile(r"\d+[a-z]?")


def page_labels(page_label: str, pages: str) -> Iterator[str]:
    """Labels one by one, as many as the pages name (without end for "12 ff.").

    ``pages`` is in the parser's normal form: ranges with an en dash, joined by ", ".
    Nothing is yielded when the pages cannot be counted."""
    if not page_label or not pages:
        return iter(())
    unit = SINGULAR.get(page_label, page_label)
    ranges: list[tuple[str, str | None]] = []
    for part in pages.split(", "):
        if part.endswith(" ff."):
            start = part.removesuffix(" ff.")
            if not _NUMBER.fullmatch(start):
                return iter(())
            ranges.append((start, None))
            continue
        low, _, high = part.partition(EN_DASH)
        if not high:
            if not _PAGE.fullmatch(low):
                return iter(())
            ranges.append((low, low))
        elif _NUMBER.fullmatch(low) and _NUMBER.fullmatch(high) and int(low) <= int(high):
            ranges.append((low, high))
        else:
            return iter(())
    return _counted(unit, ranges)


def _counted(unit: str, ranges: list[tuple[str, str | None]]) -> Iterator[str]:
    for low, high in ranges:
        if high is None:
            for number in count(int(low)):
                yield f"{unit} {number}"
        elif low == high:
            yield f"{unit} {low}"
        else:
            for number in range(int(low), int(high) + 1):
                yield f"{unit} {number}"


def labels_of_reference(reference: ParsedReference | str) -> Iterator[str]:
    """The page labels an archival reference gives (none when it names no pages)."""
    if isinstance(reference, str):
        reference = parse_reference(reference)
    return page_labels(reference.page_label, reference.pages)


def labels_for(document, first_position: int, how_many: int) -> list[str]:
    """Labels for ``how_many`` pages from ``first_position`` on (counting from 1), from the
    first of the document's archival references that names pages; "" where it names none."""
    labels: list[str] = []
    for reference in document.archival_references.all():
        counted = labels_of_reference(reference.as_written)
        for index, label in enumerate(counted, start=1):
            if index >= first_position + how_many:
                break
            if index >= first_position:
                labels.append(label)
        if labels:
            break
    return labels + [""] * (how_many - len(labels))
