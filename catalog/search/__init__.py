"""Full-text search of documents: one interface, an engine per database.

- ``search_documents(queryset, query)``: the documents of ``queryset`` that
  match (a filter: count it, facet it, sort it by date);
- ``relevance_order(queryset, query, offset, limit)``: their ids, best first;
- ``ranked_rows(queryset, query, columns)``: the matches among ``queryset``, best first,
  with columns of theirs, in one query (a page of results and its date spans);
- ``ranked_ids(query)``: every match's id, best first, in one query; and
  ``id_set(ids)``: a subquery of such ids for further filters (a page runs the
  full-text query once and filters, counts and facets the ids it gave);
- ``snippets(documents, query)``: for each, a passage with the matched words
  in ``<mark>``, everything else escaped;
- ``reindex(document_ids)`` / ``rebuild()``: bring the index up to date;
  ``deferred_reindex()``: a block whose reindexing happens once, at its end.

The engine follows ``connection.vendor``: FTS5 on SQLite, tsvector on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager
from types import ModuleType

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalog.search.query import GT, LT, MARK_END, MARK_START, SearchQuery

__all__ = [
    "SearchQuery",
    "deferred_reindex",
    "id_set",
    "ranked_ids",
    "ranked_rows",
    "rebuild",
    "reindex",
    "relevance_order",
    "search_documents",
    "snippets",
]


def engine() -> ModuleType:
    if connection.vendor == "postgresql":
        from catalog.search import postgresql

        return postgresql
    if connection.vendor == "sqlite":
        from catalog.search import sqlite

        return sqlite
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")


def _parsed(query: str | SearchQuery) -> SearchQuery:
    return query if isinstance(query, SearchQuery) else SearchQuery.parse(query)


def search_documents(queryset: QuerySet, query: str | SearchQuery) -> QuerySet:
    """The documents of ``queryset`` matching ``query``.

    An empty query (nothing searchable in it) matches nothing.
    """
    query = _parsed(query)
    if not query:
        return queryset.none()
    return engine().search(queryset, query)


def relevance_order(
    queryset: QuerySet, query: str | SearchQuery, offset: int = 0, limit: int | None = None
) -> list[int]:
    """The ids of the documents of ``queryset`` that match ``query``, best first.

    Ties keep id order. ``queryset`` may carry any other filters.
    """
    query = _parsed(query)
    if not query:
        return []
    return engine().relevance_order(search_documents(queryset, query), query, offset, limit)


def ranked_rows(queryset: QuerySet, query: str | SearchQuery, **columns) -> list[tuple]:
    """(id, *columns) of the documents of ``queryset`` matching ``query``, best first (as
    ``relevance_order``), in one query: the full-text match and the documents' own
    conditions together, so that nothing reads the matches twice. ``columns`` are
    expressions on documents, by name."""
    query = _parsed(query)
    return engine().ranked_rows(queryset, query, columns) if query else []


def ranked_ids(query: str | SearchQuery) -> list[int]:
    """The ids of every document matching ``query`` (drafts too), best first."""
    query = _parsed(query)
    return engine().ranked_ids(query) if query else []


def id_set(ids: list[int]):
    """These ids as a subquery (``pk__in=id_set(ids)``), one parameter however many."""
    return engine().id_set(ids)


def highlight(raw: str) -> SafeString:
    """Escape a snippet, then turn the engine's markers into ``<mark>``."""
    html = escape(raw)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    html = html.replace(LT, "&lt;").replace(GT, "&gt;")
    return mark_safe(html)  # noqa: S308 - built from escaped text and our own tags


def snippets(documents: Iterable, query: str | SearchQuery) -> dict[int, SafeString]:
    """Highlighted passages for ``documents`` (the page shown), keyed by pk."""
    query = _parsed(query)
    ids = [document.pk for document in documents]
    if not query or not ids:
        return {}
    raw = engine().raw_snippets(ids, query)
    return {pk: highlight(text) for pk, text in raw.items() if text and text.strip()}


_deferred = threading.local()


def reindex(document_ids: Iterable[int]) -> None:
    from catalog.search.indexer import SearchIndexer

    pending = getattr(_deferred, "ids", None)
    if pending is not None:
        pending.update(document_ids)
        return
    SearchIndexer().reindex(document_ids)


@contextmanager
def deferred_reindex():
    """Collect the reindexing asked for inside the block and do it once at its end.

    An import saves a document's records one by one, and each save would
    otherwise rewrite the document's search text again.
    """
    if getattr(_deferred, "ids", None) is not None:
        yield  # already deferred by an enclosing block, which will reindex
        return
    _deferred.ids = set()
    try:
        yield
        ids = _deferred.ids
    finally:
        _deferred.ids = None
    reindex(ids)


def rebuild() -> int:
    from catalog.search.indexer import SearchIndexer

    return SearchIndexer().rebuild()
