"""The catalog's names in one automaton, and the matches of a text against it.

Every name of every person, agency and place (published or draft): preferred names, the
name variants, transliterations, translations and abbreviations of ``PersonName`` and
``AgencyName``, and a person's surname as the first part of the sort name ("Mielke" of
"Mielke, Erich"), since documents name people by surname. Names are folded
(``catalog.suggestions.folding``) and put into one pyahocorasick automaton, so that a
text is read once whatever the number of names. A match counts only as whole words (no
letter or digit either side) and, of overlapping matches, the longest (then the first)
wins. A name shared by several records ("Scholz") is one key with several candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from catalog.suggestions.folding import Folded, fold_name

PERSON, AGENCY, PLACE = "person", "agency", "place"
# Whitespace other than a single space: runs of it stand for the one space of a name.
_SPACES = re.compile(r"\s{2,}|[^\S ]")
#: Names shorter than this (after folding) are too ambiguous to suggest: "Mr", "de".
MIN_LENGTH = 3


@dataclass(frozen=True)
class Candidate:
    kind: str  # PERSON, AGENCY or PLACE
    pk: int


@dataclass(frozen=True)
class Match:
    start: int  # in the original text
    end: int
    name: str  # the name as catalogued ("Scholz")
    folded: str
    candidates: tuple[Candidate, ...]


def surname(sort_name: str, preferred_name: str) -> str:
    """The family name of a person with a two-part sort name ("Mielke, Erich"), if it is a
    word of the preferred name; "" otherwise."""
    head, comma, _ = sort_name.partition(",")
    head = head.strip()
    if not comma or not head or head == preferred_name.strip():
        return ""
    return head if head.split()[-1] in preferred_name.replace("-", " ").split() else ""


class Vocabulary:
    """Names (folded) to their records; build with :meth:`from_catalog` or :meth:`add`."""

    def __init__(self):
        self.entries: dict[str, tuple[str, set[Candidate]]] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, name: str, kind: str, pk: int) -> None:
        folded = fold_name(name)
        if len(folded) < MIN_LENGTH:
            return
        shown, candidates = self.entries.setdefault(folded, (name.strip(), set()))
        candidates.add(Candidate(kind, pk))
        self._automaton = None

    def add_all(self, rows: Iterable[tuple[str, str, int]]) -> Vocabulary:
        for name, kind, pk in rows:
            self.add(name, kind, pk)
        return self

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        entry = self.entries.get(fold_name(name))
        return tuple(sorted(entry[1], key=lambda c: (c.kind, c.pk))) if entry else ()

    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for folded, (shown, candidates) in self.entries.items():
                ordered = tuple(sorted(candidates, key=lambda c: (c.kind, c.pk)))
                automaton.add_word(folded, (len(folded), folded, shown, ordered))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def find(self, text: str) -> list[Match]:
        """Every whole-word, longest, non-overlapping match of a name in ``text``."""
        if not self.entries or not text:
            return []
        folded = Folded.of(text)
        haystack = folded.text
        # Runs of whitespace in the text match the single spaces of the names.
        if _SPACES.search(haystack):
            return self._find_spaced(folded)
        return self._select(folded, self._raw(haystack))

    def _raw(self, haystack: str) -> list[tuple[int, int, tuple]]:
        found = []
        size = len(haystack)
        for last, value in self.automaton.iter(haystack):
            start = last - value[0] + 1
            end = last + 1
            if start > 0 and haystack[start - 1].isalnum():
                continue
            if end < size and haystack[end].isalnum():
                continue
            found.append((start, end, value))
        return found

    def _select(self, folded: Folded, found, back=None) -> list[Match]:
        # Leftmost-longest: by start, longer first; skip any that overlaps one kept.
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        matches, reach = [], 0
        for start, end, (_, key, shown, candidates) in found:
            if start < reach:
                continue
            reach = end
            if back is not None:
                start, end = back(start), back(end - 1) + 1
            original_start, original_end = folded.span(start, end)
            matches.append(Match(original_start, original_end, shown, key, candidates))
        return matches

    def _find_spaced(self, folded: Folded) -> list[Match]:
        """As ``find``, in a text whose whitespace runs are collapsed to one space first;
        matches are carried back through the runs (one bisection each)."""
        haystack = folded.text
        starts: list[int] = []  # where each run stands in the collapsed text
        runs: list[int] = []  # where it starts in the folded text
        removed: list[int] = []  # characters removed up to the end of it
        gone = 0
        for run in _SPACES.finditer(haystack):
            starts.append(run.start() - gone)
            runs.append(run.start())
            gone += len(run.group()) - 1
            removed.append(gone)

        def back(offset: int) -> int:
            index = bisect_right(starts, offset) - 1
            if index < 0:
                return offset
            if offset == starts[index]:
                return runs[index]
            return offset + removed[index]

        found = self._raw(_SPACES.sub(" ", haystack))
        return self._select(folded, found, back)

    @classmethod
    def from_catalog(cls) -> Vocabulary:
        return cls().add_from_catalog()

    def add_from_catalog(self, after: dict[str, int] | None = None) -> Vocabulary:
        """Add the catalog's names; with ``after``, only those of rows added after the
        given last id of each table (by model name)."""
        from catalog.models import Agency, AgencyName, Person, PersonName, Place

        after = after or {}

        def rows(model):
            last = after.get(model.__name__)
            return model.objects.filter(pk__gt=last) if last else model.objects.all()

        for pk, name, sort_name in rows(Person).values_list("pk", "preferred_name", "sort_name"):
            self.add(name, PERSON, pk)
            if family := surname(sort_name, name):
                self.add(family, PERSON, pk)
        self.add_all(
            (name, PERSON, pk) for pk, name in rows(PersonName).values_list("person", "name")
        )
        self.add_all((name, AGENCY, pk) for pk, name in rows(Agency).values_list("pk", "name"))
        self.add_all(
            (name, AGENCY, pk) for pk, name in rows(AgencyName).values_list("agency", "name")
        )
        self.add_all((name, PLACE, pk) for pk, name in rows(Place).values_list("pk", "name"))
        return self


_CACHE: dict[str, tuple[tuple, Vocabulary]] = {}
NAME_TABLES = ("Person", "PersonName", "Agency", "AgencyName", "Place")


def signature() -> tuple:
    """What the vocabulary is built from, cheaply: the catalog version (which changes after
    every committed write) and the size and last id of each table of names (which change
    within the transaction of an import that adds names)."""
    from django.apps import apps
    from django.db.models import Count, Max

    from catalog.caching import version

    parts: list = [version.current()]
    for name in NAME_TABLES:
        model = apps.get_model("catalog", name)
        parts.append(tuple(model.objects.aggregate(n=Count("pk"), last=Max("pk")).values()))
    return tuple(parts)


def _only_added(old: tuple, new: tuple) -> dict[str, int] | None:
    """The last ids to add after, if the tables only gained rows since ``old`` (same
    catalog version, and as many new rows above the old last id as the count grew by)."""
    from django.apps import apps

    if old[0] != new[0]:
        return None
    after = {}
    for name, (old_count, old_last), (new_count, new_last) in zip(
        NAME_TABLES, old[1:], new[1:], strict=True
    ):
        if (old_count, old_last) == (new_count, new_last):
            continue
        model = apps.get_model("catalog", name)
        if (
            old_last is None
            or new_count - old_count != model.objects.filter(pk__gt=old_last).count()
        ):
            return None
        after[name] = old_last
    return after


def current_vocabulary() -> Vocabulary:
    """The catalog's vocabulary, rebuilt only when the catalog has changed, and only added
    to when names were added since (an import adding a translator, a place): within one
    import, a renamed record keeps its old name here until the import commits."""
    key = signature()
    cached = _CACHE.get("vocabulary")
    if cached is not None and cached[0] == key:
        return cached[1]
    after = _only_added(cached[0], key) if cached is not None else None
    if after is not None:
        vocabulary = cached[1].add_from_catalog(after)
    else:
        vocabulary = Vocabulary.from_catalog()
    _CACHE["vocabulary"] = (key, vocabulary)
    return vocabulary
