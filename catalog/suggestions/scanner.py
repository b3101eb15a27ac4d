"""Scanning texts for names: suggestions written for every match not yet decided.

``SuggestionScanner`` holds one vocabulary for a run (one automaton, however many texts) and
writes, per text, a suggestion for each match that no mention covers and that has no
suggestion yet (open, accepted or rejected: a decision is remembered for its span). Open
suggestions whose span no longer reads their quote (the text was corrected) are dropped.
Capitalised names after a title or rank ("Comrade Lieutenant General Kratsch") that match
no record become candidate new persons (source ``title``, no candidates).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from catalog.models import Mention, Suggestion, Translation
from catalog.suggestions.folding import fold_name
from catalog.suggestions.vocabulary import (
    AGENCY,
    PERSON,
    PLACE,
    Candidate,
    Match,
    Vocabulary,
    current_vocabulary,
)

#: Titles and ranks that the texts put before a person's name, in English and German.
TITLES = (
    "Comrade",
    "Comrades",
    "Genosse",
    "Genossin",
    "Genossen",
    "Minister",
    "Deputy",
    "General",
    "Lieutenant",
    "Major",
    "Colonel",
    "Captain",
    "Army",
    "Admiral",
    "Ambassador",
    "President",
    "Chairman",
    "Secretary",
    "Director",
    "Oberst",
    "Oberstleutnant",
    "Generalleutnant",
    "Generalmajor",
    "Generaloberst",
    "Armeegeneral",
    "Head",
    "Chief",
    "Commander",
    "Consul",
    "Mr.",
    "Dr.",
)
_TITLE = "|".join(sorted({re.escape(t) for t in TITLES}, key=len, reverse=True))
_WORD = r"[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*"
_PARTICLE = r"(?:al-|el-|ad-|as-|von\s|van\s|de\s)"
# One or more titles (with a translator's "[MfS]" between them), then the name: capitalised
# words, with particles ("al-Douri", "von Stauffenberg").
TITLED_NAME = re.compile(
    rf"\b(?:{_TITLE})(?:\s+(?:\[[^\]\n]{{1,40}}\]\s+)?(?:{_TITLE}))*\s+(?:\[[^\]\n]{{1,40}}\]\s+)?"
    rf"(?P<name>{_PARTICLE}?{_WORD}(?:\s+{_PARTICLE}?{_WORD}){{0,3}})"
)
_TITLE_WORDS = {t.lower() for t in TITLES}
#: The candidates kept for one suggestion: a surname that a hundred persons share is
#: resolved by re-pointing (any record can be chosen), not by reading a list of a hundred.
MAX_CANDIDATES = 25
RELATIONS = {
    PERSON: "candidate_persons",
    AGENCY: "candidate_agencies",
    PLACE: "candidate_places",
}


@dataclass
class ScanResult:
    texts: int = 0
    created: int = 0
    dropped: int = 0
    candidates: int = 0  # of ``created``: candidate new persons
    refreshed: int = 0  # open suggestions whose candidates changed
    by_text: dict[int, int] = field(default_factory=dict)


def kind_of(candidates: Iterable[Candidate]) -> str:
    kinds = {c.kind for c in candidates}
    if not kinds:
        return Suggestion.Kind.NEW
    return kinds.pop() if len(kinds) == 1 else Suggestion.Kind.SEVERAL


def titled_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each capitalised name after a title or rank."""
    found = []
    for match in TITLED_NAME.finditer(text):
        base = match.start("name")
        words = list(re.finditer(r"\S+", match["name"]))
        # A title caught as a name ("General Secretary Honecker") is not part of it.
        while words and words[0].group().lower() in _TITLE_WORDS:
            words.pop(0)
        if not words:
            continue
        start, end = base + words[0].start(), base + words[-1].end()
        found.append((start, end, " ".join(w.group() for w in words)))
    return found


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


class SuggestionScanner:
    """Scans texts against one vocabulary; ``scan`` writes the suggestions of one text."""

    def __init__(self, vocabulary: Vocabulary | None = None, *, titles: bool = True):
        self.vocabulary = vocabulary if vocabulary is not None else current_vocabulary()
        self.titles = titles
        self.result = ScanResult()

    @classmethod
    def for_catalog(cls) -> SuggestionScanner:
        return cls(current_vocabulary())

    def matches(self, text: str) -> tuple[list[Match], list[tuple[int, int, str]]]:
        """The vocabulary's matches, and the titled names that none of them covers."""
        matches = self.vocabulary.find(text)
        titled = []
        if self.titles:
            spans = [(m.start, m.end) for m in matches]
            titled = [t for t in titled_names(text) if not _overlaps(t[0], t[1], spans)]
        return matches, titled

    @transaction.atomic
    def scan(self, translation: Translation) -> int:
        """Write the suggestions of one text; return how many were created."""
        text = translation.text
        matches, titled = self.matches(text)
        mentions = list(Mention.objects.filter(translation=translation).values_list("start", "end"))
        existing = Suggestion.objects.filter(translation=translation, start__isnull=False)
        rows = list(existing.values_list("pk", "start", "end", "quote", "status"))
        stale = {
            pk
            for pk, start, end, quote, status in rows
            if status == Suggestion.Status.OPEN
            and (text[start:end] != quote or _overlaps(start, end, mentions))
        }
        if stale:
            Suggestion.objects.filter(pk__in=stale).delete()
            self.result.dropped += len(stale)
        taken = {(start, end) for pk, start, end, _, _ in rows if pk not in stale}
        # A place the document is already catalogued under needs no suggestion.
        linked = set()
        if any(c.kind == PLACE for match in matches for c in match.candidates):
            linked = {
                Candidate(PLACE, pk)
                for pk in Translation.objects.filter(pk=translation.pk).values_list(
                    "document__places", flat=True
                )
                if pk is not None
            }
        still_open = self._still_open(existing, taken)
        new: list[tuple[Suggestion, tuple[Candidate, ...]]] = []
        for match in matches:
            if (match.start, match.end) in taken:
                self._refresh(still_open.get((match.start, match.end)), match)
                continue
            if _overlaps(match.start, match.end, mentions):
                continue
            if set(match.candidates) <= linked:
                continue
            suggestion = Suggestion(
                translation=translation,
                start=match.start,
                end=match.end,
                quote=text[match.start : match.end],
                name=match.name,
                folded_name=match.folded,
                kind=kind_of(match.candidates),
                source=Suggestion.Source.TEXT,
            )
            if len(match.candidates) == 1:
                self._choose(suggestion, match.candidates[0])
            new.append((suggestion, match.candidates))
        for start, end, name in titled:
            if (start, end) in taken or _overlaps(start, end, mentions):
                continue
            suggestion = Suggestion(
                translation=translation,
                start=start,
                end=end,
                quote=text[start:end],
                name=name,
                folded_name=fold_name(name),
                kind=Suggestion.Kind.NEW,
                proposed_kind=Suggestion.Kind.PERSON,
                source=Suggestion.Source.TITLE,
            )
            new.append((suggestion, ()))
            self.result.candidates += 1
        save_with_candidates(new)
        self.result.texts += 1
        self.result.created += len(new)
        self.result.by_text[translation.pk] = len(new)
        return len(new)

    @staticmethod
    def _still_open(existing, taken) -> dict[tuple[int, int], Suggestion]:
        """The open suggestions of a text scanned before, with their candidates."""
        if not taken:
            return {}
        still_open = existing.filter(status=Suggestion.Status.OPEN).prefetch_related(
            "candidate_persons", "candidate_agencies", "candidate_places"
        )
        return {(s.start, s.end): s for s in still_open}

    def _refresh(self, suggestion: Suggestion | None, match: Match) -> None:
        """An open suggestion whose name has gained or lost records since (a second
        "Scholz" catalogued): its candidates follow, and a choice made for it by the scan
        alone is undone when the name has become ambiguous."""
        if suggestion is None or suggestion.folded_name != match.folded:
            return
        had = {
            Candidate(kind, record.pk)
            for kind, relation in RELATIONS.items()
            for record in getattr(suggestion, relation).all()
        }
        if had == set(match.candidates[:MAX_CANDIDATES]):
            return
        for kind, relation in RELATIONS.items():
            getattr(suggestion, relation).set(
                [c.pk for c in match.candidates[:MAX_CANDIDATES] if c.kind == kind]
            )
        suggestion.kind = kind_of(match.candidates)
        suggestion.person = suggestion.agency = suggestion.place = None
        if len(match.candidates) == 1:
            self._choose(suggestion, match.candidates[0])
        suggestion.save()
        self.result.refreshed += 1

    @staticmethod
    def _choose(suggestion: Suggestion, candidate: Candidate) -> None:
        setattr(suggestion, f"{candidate.kind}_id", candidate.pk)


def save_with_candidates(new: list[tuple[Suggestion, tuple[Candidate, ...]]]) -> None:
    """Create suggestions and their candidate links in a few statements."""
    if not new:
        return
    created = Suggestion.objects.bulk_create([s for s, _ in new])
    through = {
        PERSON: (Suggestion.candidate_persons.through, "person_id"),
        AGENCY: (Suggestion.candidate_agencies.through, "agency_id"),
        PLACE: (Suggestion.candidate_places.through, "place_id"),
    }
    rows: dict[str, list] = {PERSON: [], AGENCY: [], PLACE: []}
    for suggestion, (_, candidates) in zip(created, new, strict=True):
        for candidate in candidates[:MAX_CANDIDATES]:
            model, column = through[candidate.kind]
            rows[candidate.kind].append(
                model(suggestion_id=suggestion.pk, **{column: candidate.pk})
            )
    for kind, objects in rows.items():
        if objects:
            through[kind][0].objects.bulk_create(objects, ignore_conflicts=True)


def scan_document(document, scanner: SuggestionScanner | None = None) -> int:
    """Scan every text of a document (after an import or an edit)."""
    scanner = scanner or SuggestionScanner.for_catalog()
    return sum(scanner.scan(t) for t in document.translations.all())
