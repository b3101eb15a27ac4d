"""The catalog's own words, and the spelling suggestions a search that finds nothing offers.

The words are those of the search text the index is built from
(``catalog.search.indexer``), split and folded as a query is
(``catalog.search.query``): "Dourí" is ``douri``. Only published documents
lend their words, so that a suggestion never tells of a word that stands only
in a draft. They are kept in ``SearchWord`` (word, initial, length, number of
published documents), which the indexer counts up and down as it rewrites a
document's text, on both engines alike.

Why a table of our own rather than each engine's vocabulary (FTS5's
``fts5vocab``, PostgreSQL's ``ts_stat``): both count every indexed document,
drafts too, and telling published documents apart would mean reading every
occurrence of a word (``fts5vocab`` 'instance') or every document's vector
(``ts_stat``) on each request.

A suggestion is the nearest word by Damerau-Levenshtein distance (at most 1
for words of up to five letters, 2 for longer ones; none for words shorter
than three), found among the words of similar length that begin with the
typed word's first or second letter (one query, by index); ties go to the word
more documents have, then to the alphabet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from catalog.search.query import WORD, fold

MAX_LENGTH = 64  # longer runs of letters are not words anyone misspells
TABLE = "catalog_search_word"


def words(text: str) -> set[str]:
    """The distinct words of ``text`` that the vocabulary keeps (no bare numbers)."""
    return {
        word
        for word in WORD.findall(fold(text))
        if 2 <= len(word) <= MAX_LENGTH and not word.isdigit()
    }


def count(delta: Counter) -> None:
    """Add ``delta`` (word: change in its number of published documents) to the
    vocabulary, and forget the words no published document has any more."""
    rows = sorted((word, word[0], len(word), n) for word, n in delta.items() if n)
    if not rows:
        return
    gone = [(word,) for word, _, _, n in rows if n < 0]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (word, initial, length, documents) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) ON CONFLICT (word) "
            f"DO UPDATE SET documents = {TABLE}.documents + excluded.documents",
            rows,
        )
        if gone:
            cursor.executemany(
                f"DELETE FROM {TABLE} WHERE word = %s AND documents <= 0",  # noqa: S608
                gone,
            )


def max_distance(word: str) -> int:
    """How far a suggestion may be from ``word``: longer words allow more mistakes."""
    if len(word) < 3:
        return 0
    return 1 if len(word) <= 5 else 2


def suggestions(typed: Iterable[str]) -> dict[str, str]:
    """For each folded word of ``typed`` that no published document has, the
    nearest word that one has, if any is near enough (numbers have none). One
    query however many words."""
    typed = [w for w in dict.fromkeys(typed) if max_distance(w) and not w.isdigit()]
    if not typed:
        return {}
    where, params = [], []
    for word in typed:
        distance = max_distance(word)
        where.append("(initial IN (%s, %s) AND length BETWEEN %s AND %s)")
        params.extend([word[0], word[1], len(word) - distance, len(word) + distance])
    sql = f"SELECT word, documents FROM {TABLE} WHERE documents > 0 AND ({' OR '.join(where)})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    documents = dict(rows)
    found = {}
    for word in typed:
        distance = max_distance(word)
        # Plain Levenshtein is much the faster; a transposition counts two there,
        # so twice the distance keeps every word Damerau-Levenshtein would.
        rough = process.extract(
            word,
            list(documents),
            scorer=Levenshtein.distance,
            score_cutoff=2 * distance,
            limit=None,
        )
        near = process.extract(
            word,
            [candidate for candidate, _, _ in rough],
            scorer=DamerauLevenshtein.distance,
            score_cutoff=distance,
            limit=None,
        )
        if not near or any(d == 0 for _, d, _ in near):
            continue  # nothing near, or the word is itself in the catalog
        best = min(near, key=lambda hit: (hit[1], -documents[hit[0]], hit[0]))
        found[word] = best[0]
    return found


def respelt(text: str, corrections: dict[str, str]) -> list[tuple[str, bool]]:
    """``text`` as typed, with each misspelt word replaced: its parts, each
    marked True where it is a correction. A correction takes the case of the
    word it replaces ("Sadoun" -> "Saadoun", "STASY" -> "STASI")."""
    parts, last = [], 0
    for match in WORD.finditer(text):
        correction = corrections.get(fold(match.group()))
        if correction is None:
            continue
        parts.append((text[last : match.start()], False))
        parts.append((_cased(correction, match.group()), True))
        last = match.end()
    parts.append((text[last:], False))
    return [(part, corrected) for part, corrected in parts if part]


def _cased(word: str, like: str) -> str:
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
