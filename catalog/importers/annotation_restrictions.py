"""The ``restrictions:`` section of an annotation file: what of the document is withheld.

Each item withholds a passage of the document's text (its ``quote``; ``occurrence`` or
``start`` when the quote stands more than once), the whole text, the whole document, or a
person (``scope``), with its reason, legal basis and lift rule::

    restrictions:
      - quote: Taher Ahmed Amin
        person: taher-ahmed-amin      # whose life dates count (optional for a passage)
        reason: third_party           # catalog.models.Restriction.Reason
        legal_basis: StUG §§ 32, 34; BArchG § 11 (2)   # optional, this by default
        rule: statutory               # or after_death, after_birth, after_document,
                                      # fixed (with lift_date: 2031-01-01), until_removed
        note: Named as a contact of the residency.

A quote that does not stand in the text, an unknown value or a missing field is an error
naming the file and the item's line; the import of the file is one transaction, so nothing
of it is written. A second import of the same file changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from catalog.models import Document, Person, Restriction, Translation

if TYPE_CHECKING:
    from catalog.importers.annotations import AnnotationFile
    from catalog.importers.base import Upserter

SECTION = "restrictions"
Scope = Restriction.Scope


def _choice(file: AnnotationFile, item: dict, key: str, choices, default=None) -> str:
    value = item.get(key, default)
    if value in (None, ""):
        raise file.problem(item, key, "is required")
    if value not in choices.values:
        raise file.problem(item, key, f"“{value}” is not one of {', '.join(choices.values)}")
    return value


def _lift_date(file: AnnotationFile, item: dict) -> datetime.date | None:
    value = item.get("lift_date")
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise file.problem(item, "lift_date", f"“{value}” is not a date (YYYY-MM-DD)") from None


def _span(file: AnnotationFile, text: str, item: dict) -> tuple[int, int, str]:
    quote = file.require(item, "quote")
    if not isinstance(quote, str):
        raise file.problem(item, "quote", "expected the passage as text")
    spans, found = [], text.find(quote)
    while found >= 0:
        spans.append(found)
        found = text.find(quote, found + 1)
    if not spans:
        raise file.problem(item, "quote", f"quote not found in the text: “{quote[:80]}”")
    start, occurrence = item.get("start"), item.get("occurrence")
    if start is not None:
        if start not in spans:
            raise file.problem(item, "start", f"“{quote[:80]}” does not stand at {start}")
    elif occurrence is not None:
        if not isinstance(occurrence, int) or not 1 <= occurrence <= len(spans):
            raise file.problem(
                item, "occurrence", f"“{quote[:80]}” stands {len(spans)} time(s) in the text"
            )
        start = spans[occurrence - 1]
    elif len(spans) > 1:
        raise file.problem(
            item,
            "quote",
            f"“{quote[:80]}” stands {len(spans)} times in the text: give occurrence (1 for "
            "the first)",
        )
    else:
        start = spans[0]
    return start, start + len(quote), quote


def apply_restrictions(
    file: AnnotationFile, upserter: Upserter, document: Document, translation: Translation
) -> None:
    """Create or update the restrictions the file declares on ``document``."""
    text = translation.text
    default_basis = Restriction._meta.get_field("legal_basis").default
    for item in file.section(SECTION):
        if not isinstance(item, dict):
            raise file.problem(file.data, SECTION, f"expected a mapping, got {item!r}")
        scope = _choice(file, item, "scope", Scope, Scope.PASSAGE)
        person = file.lookup(Person, item, "person", slug=item.get("person"))
        lookup: dict = {"scope": scope}
        values: dict = {}
        if scope == Scope.PASSAGE:
            start, end, quote = _span(file, text, item)
            lookup.update(translation=translation, start=start, end=end)
            values["quote"] = quote
        elif scope == Scope.TEXT:
            lookup["translation"] = translation
        elif scope == Scope.DOCUMENT:
            lookup["document"] = document
        else:
            if person is None:
                raise file.problem(item, "person", "is required to withhold a person")
            lookup["person"] = person
        values.update(
            person=person,
            reason=_choice(file, item, "reason", Restriction.Reason),
            legal_basis=item.get("legal_basis") or default_basis,
            rule=_choice(file, item, "rule", Restriction.Rule, Restriction.Rule.STATUTORY),
            lift_date=_lift_date(file, item),
            note=item.get("note") or "",
        )
        if scope == Scope.PERSON:
            values.pop("person")
        file.save_checked(upserter, item, Restriction, lookup, values)
