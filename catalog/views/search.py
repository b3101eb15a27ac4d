"""The public document list: full-text search, facets, pages, and the list as CSV.

Anonymous visitors see published documents only, in the results, the counts
and the CSV alike; staff see drafts too.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from catalog import search
from catalog.models import Document
from catalog.search.export import CHUNK_SIZE, csv_documents, csv_response
from catalog.search.facets import SOURCES, count_display, count_facet, year_buckets
from catalog.search.filters import DocumentFilter
from catalog.search.pagination import DATE_KEYS, keyset_page, numbered_page

SORTS = {
    "relevance": "Relevance",
    "date": "Date, oldest first",
    "-date": "Date, newest first",
}
# Parameters that say where in the list one is: any other change starts afresh.
POSITION = ("after", "before", "page", "format")


def with_params(params: QueryDict, **changes) -> str:
    """The query string of ``params`` with ``changes`` (None removes a key)."""
    query = params.copy()
    for name in (*POSITION, *changes):
        query.pop(name, None)
    for name, value in changes.items():
        if value is not None:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def ordered(results: QuerySet, sort: str) -> QuerySet:
    """Results in date order, undated last."""
    return results.order_by(*(key.order(nulls_last=True) for key in DATE_KEYS[sort]))


def in_relevance_order(filtered: QuerySet, query, offset: int = 0, limit: int | None = None):
    """The documents of ``filtered`` (every filter but the text) matching ``query``, best first."""
    ids = search.relevance_order(filtered, query, offset, limit)
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        found = filtered.in_bulk(chunk)
        yield from (found[pk] for pk in chunk if pk in found)


def document_list(request: HttpRequest, format: str | None = None) -> HttpResponse:
    filterset = DocumentFilter(
        request.GET, queryset=Document.objects.visible_to(request.user), request=request
    )
    cleaned = filterset.cleaned()
    query = search.SearchQuery.parse(cleaned.get("q"))
    sort = request.GET.get("sort")
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "relevance" if query else "date"
    results = filterset.queryset_without()

    if format == "csv" or request.GET.get("format") == "csv":
        if sort == "relevance":
            documents = in_relevance_order(csv_documents(filterset.queryset_without("q")), query)
        else:
            documents = ordered(csv_documents(results), sort).iterator(chunk_size=CHUNK_SIZE)
        return csv_response(documents, request, "liaison-documents.csv")

    if sort == "relevance":
        filtered = filterset.queryset_without("q")
        page = numbered_page(
            lambda offset, limit: list(in_relevance_order(filtered, query, offset, limit)),
            request.GET.get("page"),
        )
    else:
        page = keyset_page(results, sort, request.GET.get("after"), request.GET.get("before"))

    snippets = search.snippets(page.object_list, query)
    for document in page.object_list:
        document.snippet = snippets.get(document.pk)

    facets = []
    for name, source in SOURCES.items():
        active = cleaned.get(name)
        facet = count_facet(
            source,
            filterset.queryset_without(name),
            request.user,
            filterset.facet_value(name, active) if active is not None else None,
        )
        for value in facet.values:
            value.url = with_params(request.GET, **{name: None if value.active else value.value})
        facet.active_label = str(active) if active is not None else ""
        if name == "event_kind" and active:
            facet.active_label = source.labels.get(active, active)
        facet.remove_url = with_params(request.GET, **{name: None})
        facets.append(facet)

    years = year_buckets(filterset.queryset_without(*DocumentFilter.YEARS))
    for bucket in years:
        bucket.url = with_params(request.GET, year_from=str(bucket.start), year_to=str(bucket.end))

    total = results.count()
    context = {
        "filterset": filterset,
        "query": query,
        "q": request.GET.get("q", ""),
        "sort": sort,
        "sorts": [
            (key, label, with_params(request.GET, sort=key))
            for key, label in SORTS.items()
            if key != "relevance" or query
        ],
        "page": page,
        "total": total,
        # Exact for now; the names let a later estimate show as "about …".
        "total_display": count_display(total),
        "total_is_estimate": False,
        "facets": facets,
        "years": years,
        "filters_active": any(name != "q" for name in cleaned),
        "years_active": any(name in cleaned for name in DocumentFilter.YEARS),
        "years_remove_url": with_params(request.GET, year_from=None, year_to=None),
        "next_url": with_params(request.GET, **page.next) if page.next else "",
        "previous_url": with_params(request.GET, **page.previous) if page.previous else "",
        "csv_url": with_params(request.GET, format="csv"),
        "hidden_filters": [
            (name, request.GET[name]) for name in (*SOURCES, "sort") if request.GET.get(name)
        ],
    }
    return render(request, "catalog/search/documents.html", context)
