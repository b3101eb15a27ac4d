"""Folding a text for matching names: case folded, diacritics stripped, offsets kept.

``fold("Saʿdūn Šākir")`` gives the folded text and, for every folded character, the span of
the original text it came from, so that a match found in the folded text is reported at the
original text's offsets. A character may fold to several ("ß" to "ss", "ﬁ" to "fi"), each
pointing at the one original; a combining mark folds to nothing and joins the character
before it, so a span never ends between a letter and its accent.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_name(name: str) -> str:
    """A name folded as a text is, with runs of whitespace as one space."""
    return " ".join(Folded.of(name).text.split())


@dataclass(frozen=True)
class Folded:
    """A folded text; ``starts[k]`` and ``ends[k]`` delimit the original of folded char k."""

    original: str
    text: str
    starts: list[int] | None  # None: the identity (an ASCII text folds char for char)
    ends: list[int] | None

    @classmethod
    def of(cls, original: str) -> Folded:
        if original.isascii():
            return cls(original, original.lower(), None, None)
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        # ASCII stretches fold in bulk; only the other characters one by one.
        for run in _NON_ASCII.finditer(original):
            if run.start() > position:
                parts.append(original[position : run.start()].lower())
                starts.extend(range(position, run.start()))
                ends.extend(range(position + 1, run.start() + 1))
            for index in range(run.start(), run.end()):
                out = fold_char(original[index])
                if not out:
                    if ends:
                        ends[-1] = index + 1
                    continue
                parts.append(out)
                starts.extend([index] * len(out))
                ends.extend([index + 1] * len(out))
            position = run.end()
        if position < len(original):
            parts.append(original[position:].lower())
            starts.extend(range(position, len(original)))
            ends.extend(range(position + 1, len(original) + 1))
        return cls(original, "".join(parts), starts, ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``[start, end)`` (``end > start``)."""
        if self.starts is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    def boundaries(self) -> list[int]:
        """Folded offsets where an original character begins, and the end."""
        if self.starts is None:
            return list(range(len(self.text) + 1))
        return [
            k for k in range(len(self.text)) if k == 0 or self.starts[k] != self.starts[k - 1]
        ] + [len(self.text)]
