"""The SQLite engine: FTS5 (``catalog_document_fts``, created by migration 0002)."""

import json

from django.db import connection
from django.db.models import F, QuerySet

from catalog.search.query import MARK_END, MARK_START, SearchQuery

SNIPPET_TOKENS = 40


def search(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    # A join on the FTS5 table, so that SQLite scans the full-text index once
    # and looks the documents up by primary key; bm25 is better when lower.
    return queryset.filter(fts__table__match=query.as_fts5()).annotate(rank=-F("fts__rank"))


def raw_snippets(document_ids: list[int], query: SearchQuery) -> dict[int, str]:
    """Passages of the body with the matches between the private-use markers."""
    sql = (
        "SELECT rowid, snippet(catalog_document_fts, 1, %s, %s, '…', %s) "
        "FROM catalog_document_fts WHERE catalog_document_fts MATCH %s "
        "AND rowid IN (SELECT value FROM json_each(%s))"
    )
    params = [MARK_START, MARK_END, SNIPPET_TOKENS, query.as_fts5(), json.dumps(document_ids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
