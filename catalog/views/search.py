"""The public document list: full-text search, facets, pages, and the list as CSV.

Anonymous visitors see published documents only, in the results, the counts
and the CSV alike; staff see drafts too.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from catalog import search
from catalog.caching import cached
from catalog.caching.summaries import stored
from catalog.models import ArchivalReference, Document
from catalog.search.explain import explain
from catalog.search.export import CHUNK_SIZE, csv_documents, csv_response
from catalog.search.facets import (
    SOURCES,
    Facet,
    FacetValue,
    count_display,
    count_facets,
    year_buckets,
    year_pairs,
)
from catalog.search.filters import DocumentFilter
from catalog.search.pagination import (
    DATE_KEYS,
    LAST,
    MAX_PAGE,
    PAGE_SIZE,
    keyset_page,
    numbered_page,
)

SORTS = {
    "relevance": "Relevance",
    "date": "Date, oldest first",
    "-date": "Date, newest first",
}
# The filters beside the words; a facet shows its first values, the rest on request.
FILTERS = (*SOURCES, *DocumentFilter.YEARS)
FACET_SHOWN = 5
# What a result shows of its archival references.
REFERENCES = Prefetch(
    "archival_references", queryset=ArchivalReference.objects.select_related("repository")
)
# Parameters that say where in the list one is: any other change starts afresh.
POSITION = ("after", "before", "page", "format")


def with_params(params: QueryDict, **changes) -> str:
    """The query string of ``params`` with ``changes`` (None removes a key)."""
    # As ``QueryDict.copy`` and ``urlencode`` would give, without the deep copy: a page
    # builds a link per facet value (about a hundred).
    left_out = {*POSITION, *changes}
    pairs = [(name, v) for name, values in params.lists() if name not in left_out for v in values]
    pairs += [(name, value) for name, value in changes.items() if value is not None]
    encoded = urlencode(pairs)
    return f"?{encoded}" if encoded else "?"


def ordered(results: QuerySet, sort: str) -> QuerySet:
    """Results in date order, undated last."""
    return results.order_by(*(key.order(nulls_last=True) for key in DATE_KEYS[sort]))


@dataclass
class Chip:
    name: str
    value: str
    url: str


def chips(params: QueryDict, filterset: DocumentFilter) -> list[Chip]:
    """The filters in use, each with the address of the list without it."""
    cleaned = filterset.cleaned()
    found = [
        Chip(SOURCES[name].label, filterset.labels[name], with_params(params, **{name: None}))
        for name in SOURCES
        if name in cleaned
    ]
    first, last = cleaned.get("year_from"), cleaned.get("year_to")
    if first or last:
        years = (
            f"{first}–{last}" if first and last else (f"from {first}" if first else f"to {last}")
        )
        found.append(Chip("Date", years, with_params(params, year_from=None, year_to=None)))
    return found


def in_relevance_order(results: QuerySet, ranked: list[int], offset=0, limit=None):
    """The documents of ``results`` in the order of ``ranked`` (ids), from ``offset``."""
    ids = ranked[offset : None if limit is None else offset + limit]
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        found = results.in_bulk(chunk)
        yield from (found[pk] for pk in chunk if pk in found)


def relevance_page(request: HttpRequest, filterset: DocumentFilter, years: bool):
    """The numbered page asked for and the results' ids, best first; or a redirect from
    beyond the last page. With ``years``, also the results' first and last years, counted
    (``year_pairs``), read in the same query as the results (``ranked_results``)."""
    rows = filterset.ranked_results()
    pairs = Counter((first, last) for _, first, last in rows) if years else None
    ranked = [pk for pk, _, _ in rows]
    last = min(max(1, math.ceil(len(ranked) / PAGE_SIZE)), MAX_PAGE)
    number = request.GET.get("page")
    if number and number.isdigit() and int(number) > last:
        return (
            redirect(request.path + with_params(request.GET, page=str(last) if last > 1 else None)),
            ranked,
            pairs,
        )
    # The ids are known to be visible and to pass the filters: fetch them by id alone.
    documents = Document.objects.prefetch_related(REFERENCES)
    page = numbered_page(
        lambda offset, limit: list(in_relevance_order(documents, ranked, offset, limit)), number
    )
    page.last = last
    return page, ranked, pairs


def date_page(request: HttpRequest, results: QuerySet, sort: str, total: int | None = None):
    """The keyset page asked for, and the total (counted unless given); past the end, a
    redirect to the last page."""
    after = request.GET.get("after")
    page = keyset_page(results.prefetch_related(REFERENCES), sort, after, request.GET.get("before"))
    if total is None:
        total = results.count()
    if after and not page.object_list and total:
        return redirect(request.path + with_params(request.GET, sort=sort, before=LAST)), total
    return page, total


def _counted(request: HttpRequest, filterset: DocumentFilter, ranked, pairs, total: int):
    """The facets and date spans of the results: (facets, year pairs)."""
    documents, scales = filterset.facet_documents(ranked, total)
    active = {name: value for name, value in filterset.cleaned().items() if name in SOURCES}
    counted = count_facets(documents, request.user, active, scales)
    spans = pairs
    if spans is None:
        spans = year_pairs(filterset.queryset_without(*DocumentFilter.YEARS))
    return counted, spans


def whole_list(request: HttpRequest, filterset: DocumentFilter) -> dict:
    """The list without words or filters (the landing page): its total, facets and date
    spans, as JSON, stored once per catalog stamp for the public (``caching.summaries``):
    each is a pass over every published document, however few the page shows."""

    def compute() -> dict:
        total = filterset.queryset_without().count()
        facets, spans = _counted(request, filterset, None, None, total) if total else ([], {})
        return {
            "total": total,
            "facets": [dataclasses.asdict(facet) for facet in facets],
            "spans": [[first, last, n] for (first, last), n in spans.items()],
        }

    return stored(request, "documents", compute)


def _facets_from(data: list[dict]) -> list[Facet]:
    return [
        Facet(**{**facet, "values": [FacetValue(**value) for value in facet["values"]]})
        for facet in data
    ]


def document_list(request: HttpRequest, format: str | None = None) -> HttpResponse:
    filterset = DocumentFilter(
        request.GET, queryset=Document.objects.visible_to(request.user), request=request
    )
    cleaned = filterset.cleaned()
    query = filterset.query
    sort = request.GET.get("sort")
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "relevance" if query else "date"

    if format == "csv" or request.GET.get("format") == "csv":
        results = filterset.queryset_without()
        if sort == "relevance":
            documents = in_relevance_order(csv_documents(results), filterset.matches)
        else:
            documents = ordered(csv_documents(results), sort).iterator(chunk_size=CHUNK_SIZE)
        return csv_response(documents, request, "liaison-documents.csv")

    ranked, pairs, whole = None, None, None
    if sort == "relevance":
        # Without a date range, the date spans count the results themselves.
        years = not any(name in cleaned for name in DocumentFilter.YEARS)
        page, ranked, pairs = relevance_page(request, filterset, years)
        total = len(ranked)
    else:
        # Without words or filters, the total, facets and spans are the whole catalog's.
        whole = None if cleaned else whole_list(request, filterset)
        given = whole["total"] if whole else None
        page, total = date_page(request, filterset.queryset_without(), sort, given)
    if isinstance(page, HttpResponse):
        return page

    snippets = search.snippets(page.object_list, query)
    for document in page.object_list:
        document.snippet = snippets.get(document.pk)

    facets, years = [], []
    if whole is not None:
        facets = _facets_from(whole["facets"])
        years = year_buckets({(first, last): n for first, last, n in whole["spans"]})
    elif total:

        def count():
            counted, spans = _counted(request, filterset, ranked, pairs, total)
            return counted, year_buckets(spans)

        # The counts depend on the words, filters and order asked for, not on the position
        # in the list (``with_params`` drops it): every page of a list, and every visitor,
        # shares them until the catalog changes.
        facets, years = cached(request, ("document facets", with_params(request.GET)), count)
    for facet in facets:
        for value in facet.values:
            value.url = with_params(
                request.GET, **{facet.name: None if value.active else value.value}
            )
        facet.active_label = filterset.labels.get(facet.name, "")
        facet.remove_url = with_params(request.GET, **{facet.name: None})
    for bucket in years:
        bucket.url = with_params(request.GET, year_from=str(bucket.start), year_to=str(bucket.end))

    explanation = None if total else explain(request.GET.get("q", ""), filterset)
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
        "facet_shown": FACET_SHOWN,
        "facet_head": f":{FACET_SHOWN}",
        "facet_tail": f"{FACET_SHOWN}:",
        "chips": chips(request.GET, filterset),
        "clear_url": with_params(request.GET, **dict.fromkeys(FILTERS)),
        "explanation": explanation,
        "suggestion_url": (
            with_params(request.GET, q=explanation.suggested_query)
            if explanation and explanation.suggestion
            else ""
        ),
        "next_url": with_params(request.GET, **page.next) if page.next else "",
        "previous_url": with_params(request.GET, **page.previous) if page.previous else "",
        "csv_url": with_params(request.GET, format="csv"),
        "hidden_filters": [
            (name, request.GET[name]) for name in (*FILTERS, "sort") if request.GET.get(name)
        ],
        "year_hidden": [
            (name, request.GET[name]) for name in ("q", *SOURCES, "sort") if request.GET.get(name)
        ],
    }
    return render(request, "catalog/search/documents.html", context)
