"""Why a search of the document list found nothing, in words a visitor can act on.

Only the documents the visitor may see are consulted, so that an explanation
never tells of a word that stands only in a draft; spelling suggestions come
from the published documents' words alone (``catalog.search.vocabulary``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from catalog.search import search_documents, vocabulary
from catalog.search.query import SearchQuery


@dataclass
class Explanation:
    no_words: bool = False  # something was typed, but nothing to search for
    unmatched: list[str] = field(default_factory=list)  # words or phrases no document has
    apart: bool = False  # each term is found, but not all together (with the filters)
    filtered: bool = False  # filters are in use: removing one may help
    # The query as typed with each misspelt word respelt: (text, is a correction) parts.
    suggestion: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def suggested_query(self) -> str:
        return "".join(part for part, _ in self.suggestion)


def unmatched_terms(documents, query: SearchQuery) -> list[str]:
    """The words and phrases of ``query`` that no document of ``documents`` contains: one query."""
    terms = [SearchQuery((phrase,)) for phrase in query.phrases]
    parts, params = [], []
    for term in terms:
        sql, term_params = (
            search_documents(documents, term).values("pk")[:1].query.sql_with_params()
        )
        parts.append(f"EXISTS ({sql})")
        params.extend(term_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)  # noqa: S608 - Django's own SQL
        found = cursor.fetchone()
    return [str(term) for term, exists in zip(terms, found, strict=True) if not exists]


def explain(text: str, filterset) -> Explanation:
    """Why ``filterset`` (the page's filters, ``text`` its words as typed) finds nothing."""
    query = filterset.query
    filtered = any(name != "q" for name in filterset.cleaned())
    if not query:
        return Explanation(no_words=bool(text.strip()), filtered=filtered)
    unmatched = unmatched_terms(filterset.queryset, query)
    return Explanation(
        unmatched=unmatched,
        apart=not unmatched,
        filtered=filtered,
        suggestion=suggest(text, query, unmatched),
    )


def suggest(text: str, query: SearchQuery, unmatched: list[str]) -> list[tuple[str, bool]]:
    """``text`` respelt where words of its unmatched terms are near words of the
    catalog; nothing when none is. At most one query."""
    unmatched_words = [
        word
        for phrase in query.phrases
        if str(SearchQuery((phrase,))) in unmatched
        for word in phrase
    ]
    corrections = vocabulary.suggestions(unmatched_words)
    return vocabulary.respelt(text.strip(), corrections) if corrections else []
