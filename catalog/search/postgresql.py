"""The PostgreSQL engine: a generated tsvector with a GIN index (migration 0002).

The text search configuration ``liaison_search`` is 'simple' (no stemming, no
stop words, as FTS5's unicode61) with ``unaccent``, so both engines find the
same documents for the same query. A document's German texts are read again with
``liaison_german`` (migration 0017: unaccent, then the German snowball stemmer) into the same
tsvector, and a query is matched in both configurations, so that "Geheimdienst" finds
"Geheimdienstes" in a German original while English search is as before.
"""

from django.contrib.postgres.search import SearchQuery as PGSearchQuery
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from catalog.search.query import GT, LT, MARK_END, MARK_START, SearchQuery

CONFIG = "liaison_search"
GERMAN = "liaison_german"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def tsquery(query: SearchQuery) -> PGSearchQuery:
    text = query.as_websearch()
    return PGSearchQuery(text, search_type="websearch", config=CONFIG) | PGSearchQuery(
        text, search_type="websearch", config=GERMAN
    )


def ranked_ids(query: SearchQuery) -> list[int]:
    """Every match, best first (ts_rank, then id): the one full-text query of a page."""
    sql = (
        "SELECT document_id FROM catalog_document_search, (SELECT "
        "websearch_to_tsquery(%s::regconfig, %s) || websearch_to_tsquery(%s::regconfig, %s) "
        "AS query) AS asked WHERE vector @@ asked.query "
        "ORDER BY ts_rank(vector, asked.query) DESC, document_id"
    )
    text = query.as_websearch()
    with connection.cursor() as cursor:
        cursor.execute(sql, [CONFIG, text, GERMAN, text])
        return [pk for (pk,) in cursor.fetchall()]


def ranked_rows(queryset: QuerySet, query: SearchQuery, columns: dict) -> list[tuple]:
    """(id, *columns) of the documents of ``queryset`` that match, best first (ts_rank, then
    id), in one query: the GIN index finds the matches, each ranked once."""
    documents = queryset.order_by().annotate(ranked_id=F("pk"), **columns)
    sql, params = documents.values_list("ranked_id", *columns).query.sql_with_params()
    sql = (
        "SELECT documents.* FROM catalog_document_search, (SELECT "  # noqa: S608
        "websearch_to_tsquery(%s::regconfig, %s) || websearch_to_tsquery(%s::regconfig, %s) "
        f"AS query) AS asked, ({sql}) AS documents "
        "WHERE vector @@ asked.query AND documents.ranked_id = document_id "
        "ORDER BY ts_rank(vector, asked.query) DESC, documents.ranked_id"
    )
    text = query.as_websearch()
    with connection.cursor() as cursor:
        cursor.execute(sql, [CONFIG, text, GERMAN, text, *params])
        return cursor.fetchall()


def id_set(ids: list[int]) -> RawSQL:
    """A subquery of these ids, passed as one array parameter whatever their number."""
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])  # noqa: S611


def search(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    return queryset.filter(vector__vector=tsquery(query))


def relevance_order(
    queryset: QuerySet, query: SearchQuery, offset: int, limit: int | None
) -> list[int]:
    ranked = queryset.annotate(rank=SearchRank(F("vector__vector"), tsquery(query)))
    ids = ranked.order_by("-rank", "pk").values_list("pk", flat=True)
    return list(ids[offset : None if limit is None else offset + limit])


def raw_snippets(document_ids: list[int], query: SearchQuery) -> dict[int, str]:
    """ts_headline, for the documents shown only: it reads the whole text."""
    # ts_headline drops anything that looks like an XML tag; '<' and '>' are
    # swapped for private-use characters first so that the text survives, to
    # be escaped by the caller.
    sql = (
        "SELECT document_id, ts_headline(%s::regconfig, translate(body, '<>', %s), "
        "websearch_to_tsquery(%s::regconfig, %s), %s) "
        "FROM catalog_document_search WHERE document_id = ANY(%s)"
    )
    params = [CONFIG, LT + GT, CONFIG, query.as_websearch(), HEADLINE_OPTIONS, document_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
