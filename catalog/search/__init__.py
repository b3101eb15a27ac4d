"""Full-text search of documents: one interface, an engine per database.

- ``search_documents(queryset, query)``: the documents of ``queryset`` that
  match, annotated with ``rank`` (higher is better);
- ``snippets(documents, query)``: for each, a passage with the matched words
  in ``<mark>``, everything else escaped;
- ``reindex(document_ids)`` / ``rebuild()``: bring the index up to date.

The engine follows ``connection.vendor``: FTS5 on SQLite, tsvector on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalog.search.query import GT, LT, MARK_END, MARK_START, SearchQuery

__all__ = ["SearchQuery", "rebuild", "reindex", "search_documents", "snippets"]


def engine() -> ModuleType:
    if connection.vendor == "postgresql":
        from catalog.search import postgresql

        return postgresql
    if connection.vendor == "sqlite":
        from catalog.search import sqlite

        return sqlite
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")


def search_documents(queryset: QuerySet, query: str | SearchQuery) -> QuerySet:
    """The documents of ``queryset`` matching ``query``, annotated with ``rank``.

    An empty query (nothing searchable in it) matches nothing.
    """
    query = query if isinstance(query, SearchQuery) else SearchQuery.parse(query)
    if not query:
        return queryset.none()
    return engine().search(queryset, query)


def highlight(raw: str) -> SafeString:
    """Escape a snippet, then turn the engine's markers into ``<mark>``."""
    html = escape(raw)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    html = html.replace(LT, "&lt;").replace(GT, "&gt;")
    return mark_safe(html)  # noqa: S308 - built from escaped text and our own tags


def snippets(documents: Iterable, query: str | SearchQuery) -> dict[int, SafeString]:
    """Highlighted passages for ``documents`` (the page shown), keyed by pk."""
    query = query if isinstance(query, SearchQuery) else SearchQuery.parse(query)
    ids = [document.pk for document in documents]
    if not query or not ids:
        return {}
    raw = engine().raw_snippets(ids, query)
    return {pk: highlight(text) for pk, text in raw.items() if text and text.strip()}


def reindex(document_ids: Iterable[int]) -> None:
    from catalog.search.indexer import SearchIndexer

    SearchIndexer().reindex(document_ids)


def rebuild() -> int:
    from catalog.search.indexer import SearchIndexer

    return SearchIndexer().rebuild()
