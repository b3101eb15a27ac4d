"""What a visitor typed, made into a query both engines read alike.

The syntax is small on purpose: words are ANDed, and "quoted phrases" must
appear as written. Everything else (``*``, ``(``, ``-``, ``:``, unbalanced
quotes) is punctuation between plain words, never an operator, so that no
input can make a search engine raise an error. The operators other search
boxes know, written in capitals outside quotes (``AND``, ``OR``, ``NOT``,
``NEAR``), are left out rather than required as words: "Stasi OR MfS" looks for
both words; "or" in lower case, or in quotes, is a word like any other.

Words are what FTS5's ``unicode61`` tokenizer calls words: runs of letters and
digits; the PostgreSQL index splits text the same way (see migration 0002).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters and digits; underscore is punctuation for both engines.
WORD = re.compile(r"[^\W_]+")
# A quoted phrase, or a run of text outside quotes. An unbalanced quote
# simply opens a phrase that runs to the end of the query.
PART = re.compile(r'"([^"]*)"?|([^"]+)')
# Private-use characters mark highlights in snippets; text never carries them.
MARK_START, MARK_END, LT, GT = "\ue000", "\ue001", "\ue002", "\ue003"
RESERVED = dict.fromkeys(map(ord, (MARK_START, MARK_END, LT, GT)))
MAX_TERMS = 32
OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def fold(word: str) -> str:
    """Lower case without diacritics: 'Dourí' -> 'douri', 'Straße' -> 'strasse', as both
    indexes fold (PostgreSQL's unaccent; SQLite's unicode61 with ß spelt ss as it is indexed)."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_reserved(text: str) -> str:
    return text.translate(RESERVED)


@dataclass(frozen=True)
class SearchQuery:
    """A sanitised query: a tuple of phrases, each a tuple of folded words.

    A one-word phrase is a plain word. All phrases must match.
    """

    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, text: str | None) -> SearchQuery:
        phrases: list[tuple[str, ...]] = []
        for quoted, loose in PART.findall(text or ""):
            if quoted:
                words = tuple(fold(w) for w in WORD.findall(quoted))
                if words:
                    phrases.append(words)
            else:
                words = [w for w in WORD.findall(loose) if w not in OPERATORS]
                phrases.extend((fold(w),) for w in words)
        unique = list(dict.fromkeys(phrases))[:MAX_TERMS]
        return cls(tuple(unique))

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def __str__(self) -> str:
        """The query in its canonical form: ``saadoun shaker "al duri"``."""
        return " ".join(f'"{" ".join(p)}"' if len(p) > 1 else p[0] for p in self.phrases)

    def as_fts5(self) -> str:
        """FTS5 MATCH syntax: every phrase quoted, so no word is an operator."""
        return " ".join('"' + " ".join(phrase) + '"' for phrase in self.phrases)

    def as_websearch(self) -> str:
        """websearch_to_tsquery syntax: quoted too, so 'or' and '-' stay words."""
        return self.as_fts5()
