"""The SQLite engine: FTS5 (``catalog_document_fts``, created by migration 0002).

Documents are matched with ``id IN (SELECT rowid ... MATCH ...)`` rather than a
join: with a join, SQLite's planner may start from the documents table (by its
status index) and run the full-text query once per document, which took
seconds at 20,000 documents (see bench/search.py). The subquery runs once.
"""

import json

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from catalog.search.query import MARK_END, MARK_START, SearchQuery

MATCHES = "SELECT rowid FROM catalog_document_fts WHERE catalog_document_fts MATCH %s"
SNIPPET_TOKENS = 40


def ranked_ids(query: SearchQuery) -> list[int]:
    """Every match, best first (bm25, then id): the one full-text query of a page."""
    sql = (
        "SELECT rowid FROM catalog_document_fts WHERE catalog_document_fts MATCH %s "
        "ORDER BY rank, rowid"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.as_fts5()])
        return [pk for (pk,) in cursor.fetchall()]


def ranked_rows(queryset: QuerySet, query: SearchQuery, columns: dict) -> list[tuple]:
    """(id, *columns) of the documents of ``queryset`` that match, best first, in one query:
    the matches ranked by FTS5 (kept apart, as in ``relevance_order``), each joined to its
    document by id, so that a rare word reads its few documents and no others."""
    documents = queryset.order_by().annotate(ranked_id=F("pk"), **columns)
    sql, params = documents.values_list("ranked_id", *columns).query.sql_with_params()
    sql = (
        "SELECT documents.* FROM (SELECT rowid, rank FROM catalog_document_fts "  # noqa: S608
        "WHERE catalog_document_fts MATCH %s ORDER BY rank LIMIT -1) AS ranked "
        f"CROSS JOIN ({sql}) AS documents ON documents.ranked_id = ranked.rowid "
        "ORDER BY ranked.rank, ranked.rowid"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.as_fts5(), *params])
        return cursor.fetchall()


def id_set(ids: list[int]) -> RawSQL:
    """A subquery of these ids, passed as one JSON parameter whatever their number."""
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])  # noqa: S611


def search(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    # A constant statement; the query is a parameter.
    return queryset.filter(pk__in=RawSQL(MATCHES, [query.as_fts5()]))  # noqa: S611


def relevance_order(
    queryset: QuerySet, query: SearchQuery, offset: int, limit: int | None
) -> list[int]:
    # FTS5 sorts its own matches by bm25 (``rank``, lower is better, weighted
    # per column in 0002); the subquery is kept apart (LIMIT -1 stops SQLite
    # from flattening it into a join) and only then narrowed to ``queryset``.
    documents, params = queryset.order_by().values("pk").query.sql_with_params()
    sql = (
        "SELECT ranked.rowid FROM (SELECT rowid, rank FROM catalog_document_fts "  # noqa: S608
        "WHERE catalog_document_fts MATCH %s ORDER BY rank LIMIT -1) AS ranked "
        f"WHERE ranked.rowid IN ({documents}) ORDER BY ranked.rank, ranked.rowid "
        "LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.as_fts5(), *params, -1 if limit is None else limit, offset])
        return [pk for (pk,) in cursor.fetchall()]


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
