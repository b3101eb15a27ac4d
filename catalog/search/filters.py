"""The filters of the public document list (django-filter).

Every facet filter delegates to its ``catalog.search.facets.FacetSource``, so
that a facet's count and the documents its link shows cannot disagree. The
visitor's own user decides which persons, agencies and events can be chosen.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils.functional import cached_property

from catalog import search
from catalog.models import ContactEvent
from catalog.search.facets import (
    SOURCES,
    chosen_labels,
    sample,
    spread,
    year_columns,
    years_overlap,
)
from catalog.search.query import SearchQuery

INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        help_text='Words must all appear; put "a phrase" in quotes.',
    )
    year_from = YearFilter(method="filter_year_from", label="From year")
    year_to = YearFilter(method="filter_year_to", label="To year")
    # Slugs and codes, checked against what the visitor may choose in one query
    # for all of them (``chosen``), not one query each.
    language = django_filters.CharFilter(method="filter_facet", label="Language")
    repository = django_filters.CharFilter(method="filter_facet", label="Repository")
    agency = django_filters.CharFilter(method="filter_facet", label="Agency")
    person = django_filters.CharFilter(method="filter_facet", label="Person")
    subject = django_filters.CharFilter(method="filter_facet", label="Subject")
    place = django_filters.CharFilter(method="filter_facet", label="Place")
    collection = django_filters.CharFilter(method="filter_facet", label="Collection")
    classification = django_filters.CharFilter(
        method="filter_facet", label="Original classification"
    )
    event_kind = django_filters.ChoiceFilter(
        choices=ContactEvent.Kind.choices, method="filter_facet", label="Contact attested"
    )

    FACETS = tuple(SOURCES)
    YEARS = ("year_from", "year_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cleaned: dict | None = None
        self.labels: dict[str, str] = {}  # the label of each facet value chosen

    @property
    def user(self):
        return getattr(self.request, "user", None)

    @cached_property
    def query(self) -> SearchQuery:
        return SearchQuery.parse(self.cleaned().get("q"))

    @cached_property
    def matches(self) -> list[int]:
        """Every document matching the words, best first: the page's one full-text query."""
        return search.ranked_ids(self.query)

    @cached_property
    def matched_sample(self) -> tuple[list[int], float | None]:
        """The best-ranked matches a facet in use counts, and the scale of its estimates
        (``catalog.search.facets.sample``); read only when a facet is in use or the list is
        in date order, for a page in relevance order has its results' ids without them."""
        return sample(self.matches) if self.query else ([], None)

    def ranked_results(self) -> list[tuple[int, int | None, int | None]]:
        """The results, best first, each as (id, first year, last year): one query, the
        full-text match and every other filter together (``search.ranked_rows``)."""
        first, last = year_columns()
        rows = search.ranked_rows(self.queryset_without("q"), self.query, first=first, last=last)
        # Read without the ORM's converters: PostgreSQL's EXTRACT gives decimals.
        return [(pk, _year(first), _year(last)) for pk, first, last in rows]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not self.matches:
            return queryset.none()
        return queryset.filter(pk__in=search.id_set(self.matches))

    def filter_year_from(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(years_overlap(start=value))

    def filter_year_to(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(years_overlap(end=value))

    def filter_facet(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(SOURCES[name].documents_with(value, self.user))

    def cleaned(self) -> dict:
        """The valid filter values; invalid ones are dropped (and shown as errors)."""
        if self._cleaned is None:
            self.form.is_valid()
            values = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}
            self.labels = chosen_labels(
                {name: values[name] for name in self.FACETS if name in values}, self.user
            )
            for name in self.FACETS:
                if name in values and name not in self.labels:
                    self.form.add_error(name, INVALID_CHOICE)
                    del values[name]
            self._cleaned = values
        return self._cleaned

    def queryset_without(self, *names: str) -> QuerySet:
        """The results with every filter applied except ``names``: what a facet counts."""
        queryset = self.queryset.all()
        for name, value in self.cleaned().items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_documents(self, ranked: list[int] | None = None, total: int | None = None):
        """Per facet, the documents it counts, and the scale of the facets that count a
        sample (``catalog.search.facets.count_facets``'s arguments).

        ``ranked``: the results' ids, best first, when the page has them (relevance
        order). A facet not in use counts the results themselves, given by their ids, or
        their best-ranked ``SAMPLE_SIZE``. A facet in use counts the results without its
        own filter: for a search, among its best-ranked matches when there are more.
        A list without words (``total`` results, in date order) of more than
        ``APPROXIMATE_ABOVE`` counts one document in ``step`` of them, spread over the
        catalog by id (``spread``), and scales the counts by ``step``.
        """
        cleaned = self.cleaned()
        listing = ranked is None and not self.query
        step = spread(total) if listing else None
        documents, scales, sampled = {}, {}, None
        for name in SOURCES:
            if ranked is not None and name not in cleaned:
                ids, scales[name] = sample(ranked)
                documents[name] = search.id_set(ids)
            elif self.matched_sample[1] is not None:
                # The sample stands in for the full-text filter, which is left out.
                best, scales[name] = self.matched_sample
                without = self.queryset_without(name, "q")
                documents[name] = without.filter(pk__in=search.id_set(best))
            elif listing and name not in cleaned:
                # The facets not in use count the same documents, by their ids (one in
                # ``step`` of them above the threshold), read once: one query at any size.
                if sampled is None:
                    results = self.queryset_without().order_by()
                    if step is not None:
                        results = _spread(results, step)
                    sampled = search.id_set(list(results.values_list("pk", flat=True)))
                documents[name] = sampled
                scales[name] = step
            elif step is not None:
                documents[name] = _spread(self.queryset_without(name), step)
                scales[name] = step
            else:
                documents[name] = self.queryset_without(name)
        return documents, {name: scale for name, scale in scales.items() if scale is not None}


def _year(value) -> int | None:
    return None if value is None else int(value)


def _spread(queryset: QuerySet, step: int) -> QuerySet:
    """One document in ``step`` of ``queryset``, by id."""
    return queryset.order_by().alias(_spread=F("pk") % step).filter(_spread=0)
