"""The Wilson Center's "Associated People & Organizations": names to suggest for a document.

Persons are listed "Mielke, Erich, 1907-2000", organisations in library form, "Germany
(East). Ministerium für Staatssicherheit". Each entry is matched, folded, to a record's
name (the person's name in its usual order; the organisation's full heading or its last
part); one that matches becomes a suggestion of that record, and one that does not, a
proposed new person or agency for the archivist to create or ignore. Entries have no span:
accepting one confirms the record's open suggestions in the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.models import Suggestion, Translation
from catalog.suggestions.folding import fold_name
from catalog.suggestions.scanner import kind_of, save_with_candidates
from catalog.suggestions.vocabulary import Vocabulary

LIFE_DATES = re.compile(r"[,\s]*\(?\s*(?:b\.\s*|d\.\s*)?\d{4}\??\s*-?\s*(?:\d{4}\??)?\s*\)?\s*$")


@dataclass(frozen=True)
class Entry:
    listed: str  # as the publisher prints it
    name: str  # in the catalog's order: "Erich Mielke"
    kind: str  # the kind of record it would be: person or agency
    forms: tuple[str, ...]  # the names to look up, best first


def read_entry(listed: str) -> Entry:
    text = LIFE_DATES.sub("", listed.strip()).strip(" ,")
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if "." not in text and 2 <= len(parts) <= 3 and all(len(p.split()) <= 4 for p in parts):
        family, given = parts[0], parts[1]
        name = f"{given} {family}"
        return Entry(listed, name, "person", (name, text))
    last = text.rsplit(". ", 1)[-1].strip()
    return Entry(listed, last, "agency", tuple(dict.fromkeys((text, last))))


def suggest_associated(translation: Translation, listed: list[str], vocabulary: Vocabulary) -> int:
    """Write a suggestion for each listed entry not yet suggested; return how many."""
    known = set(
        Suggestion.objects.filter(
            translation=translation, start__isnull=True, source=Suggestion.Source.ASSOCIATED
        ).values_list("folded_name", flat=True)
    )
    new = []
    for item in listed:
        entry = read_entry(item)
        folded = fold_name(entry.name)
        if not entry.name or folded in known:
            continue
        known.add(folded)
        candidates = next(
            (found for form in entry.forms if (found := vocabulary.candidates(form))), ()
        )
        suggestion = Suggestion(
            translation=translation,
            quote=entry.listed[:500],
            name=entry.name[:500],
            folded_name=folded[:500],
            kind=kind_of(candidates),
            proposed_kind="" if candidates else entry.kind,
            source=Suggestion.Source.ASSOCIATED,
        )
        if len(candidates) == 1:
            setattr(suggestion, f"{candidates[0].kind}_id", candidates[0].pk)
        new.append((suggestion, candidates))
    save_with_candidates(new)
    return len(new)
