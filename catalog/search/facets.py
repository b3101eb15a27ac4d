"""Facets of the document list: what narrows it, and how many documents each would leave.

Each facet is defined once, as querysets of (value, label, document) pairs
(``FacetSource.pairs``). The same pairs serve both to filter documents
(``FacetSource.documents_with``, used by ``catalog.search.filters``) and to count them
(``count_facet``), so that a count always equals what the link then shows.

Counts are one aggregate query per facet over the current result set with the
other facets applied ("disjunctive" facets: within a facet you see the
alternatives to your choice). Only records visible to the visitor are offered:
a draft person is neither a facet value nor counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Max, Min, Q, QuerySet

from catalog.models import (
    Agency,
    ArchivalReference,
    ContactEvent,
    Document,
    EventEvidence,
    Mention,
    Person,
    Translation,
)

FACET_SIZE = 15
# Counts from here up are worded as approximate ("about 18,000").
APPROXIMATE_ABOVE = 10_000


def count_display(count: int, approximate: bool = False) -> str:
    """A count as a visitor reads it: "1,204", or "about 18,000" when approximate."""
    if approximate:
        return f"about {count:,}"
    return f"{count:,}"


def _pairs(queryset: QuerySet, value: str, label: str, document: str) -> QuerySet:
    return queryset.order_by().values(
        facet_value=F(value), facet_label=F(label), facet_document=F(document)
    )


def _languages(user) -> list[QuerySet]:
    originals = Document.original_languages.through.objects.all()
    return [
        _pairs(originals, "language__code", "language__name", "document_id"),
        _pairs(Translation.objects.all(), "language__code", "language__name", "document_id"),
    ]


def _repositories(user) -> list[QuerySet]:
    references = ArchivalReference.objects.filter(repository__isnull=False)
    return [_pairs(references, "repository__slug", "repository__name", "document_id")]


def _named(kind: str, label: str) -> Callable:
    """Persons or agencies: mentioned in a text, or taking part in an event it attests."""
    model = Person if kind == "person" else Agency

    def pairs(user) -> list[QuerySet]:
        visible = model.objects.visible_to(user)
        mentioned = Mention.objects.filter(**{f"{kind}__in": visible})
        attested = EventEvidence.objects.filter(
            event__in=ContactEvent.objects.visible_to(user),
            **{f"event__participants__{kind}__in": visible},
        )
        return [
            _pairs(mentioned, f"{kind}__slug", f"{kind}__{label}", "translation__document_id"),
            _pairs(
                attested,
                f"event__participants__{kind}__slug",
                f"event__participants__{kind}__{label}",
                "translation__document_id",
            ),
        ]

    return pairs


def _vocabulary(relation: str) -> Callable:
    def pairs(user) -> list[QuerySet]:
        through = getattr(Document, relation).through.objects.all()
        field = "subject" if relation == "subjects" else "place"
        return [_pairs(through, f"{field}__slug", f"{field}__name", "document_id")]

    return pairs


def _classifications(user) -> list[QuerySet]:
    documents = Document.objects.exclude(classification="")
    return [_pairs(documents, "classification", "classification", "pk")]


def _event_kinds(user) -> list[QuerySet]:
    evidence = EventEvidence.objects.filter(event__in=ContactEvent.objects.visible_to(user))
    return [_pairs(evidence, "event__kind", "event__kind", "translation__document_id")]


@dataclass(frozen=True)
class FacetSource:
    name: str
    label: str
    pairs: Callable[[object], list[QuerySet]]
    labels: dict[str, str] | None = None  # for coded values: event kinds

    def documents_with(self, value: str, user) -> Q:
        """The condition on documents for ``value`` of this facet."""
        condition = Q(pk__in=[])
        for pairs in self.pairs(user):
            condition |= Q(pk__in=pairs.filter(facet_value=value).values("facet_document"))
        return condition


SOURCES = {
    source.name: source
    for source in [
        FacetSource("language", "Language", _languages),
        FacetSource("repository", "Repository", _repositories),
        FacetSource("agency", "Agency", _named("agency", "name")),
        FacetSource("person", "Person", _named("person", "preferred_name")),
        FacetSource("subject", "Subject", _vocabulary("subjects")),
        FacetSource("place", "Place", _vocabulary("places")),
        FacetSource("classification", "Original classification", _classifications),
        FacetSource(
            "event_kind",
            "Contact attested",
            _event_kinds,
            labels=dict(ContactEvent.Kind.choices),
        ),
    ]
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    approximate: bool = False

    @property
    def count_display(self) -> str:
        return count_display(self.count, self.approximate)


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    active: str | None
    has_more: bool = False  # more values exist than the FACET_SIZE shown


def count_facet(source: FacetSource, documents: QuerySet, user, active: str | None) -> Facet:
    """The most frequent values of ``source`` among ``documents``: one query."""
    restricted = [
        pairs.filter(facet_document__in=documents.order_by().values("pk"))
        for pairs in source.pairs(user)
    ]
    first, *rest = restricted
    # UNION (not UNION ALL) drops repeated (value, document) pairs, so that a
    # document mentioning a person twice, or in two ways, counts once.
    union = first.union(*rest) if rest else first.distinct()
    try:
        sql, params = union.query.sql_with_params()
    except EmptyResultSet:  # the results are known to be empty (a query without words)
        return Facet(source.name, source.label, [], active)
    # Only Django's own compiled SQL is interpolated; every value is a parameter.
    grouped = (
        f"SELECT facet_value, facet_label, COUNT(*) AS n FROM ({sql}) AS pairs "  # noqa: S608
        "GROUP BY facet_value, facet_label ORDER BY n DESC, facet_label LIMIT %s"
    )
    with connection.cursor() as cursor:
        # One row beyond the top values says whether there are more.
        cursor.execute(grouped, [*params, FACET_SIZE + 1])
        rows = cursor.fetchall()
    has_more = len(rows) > FACET_SIZE
    rows = rows[:FACET_SIZE]
    labels = source.labels or {}
    values = [
        FacetValue(str(value), labels.get(label, label), count, str(value) == active)
        for value, label, count in rows
    ]
    return Facet(source.name, source.label, values, active, has_more)


MAX_BUCKETS = 12


def years_overlap(start: int | None = None, end: int | None = None) -> Q:
    """Documents whose span [earliest, latest] overlaps the years start to end.

    The date range filter and its counts both use it. An open end ("1969/..")
    runs on; an undated document is in no range.
    """
    condition = Q()
    if start is not None:
        condition &= Q(date_latest__gte=datetime.date(start, 1, 1)) | Q(
            date_latest__isnull=True, date_earliest__isnull=False
        )
    if end is not None:
        condition &= Q(date_earliest__lte=datetime.date(end, 12, 31)) | Q(
            date_earliest__isnull=True, date_latest__isnull=False
        )
    return condition


@dataclass
class YearBucket:
    start: int
    end: int
    count: int


def year_buckets(documents: QuerySet) -> list[YearBucket]:
    """Documents per decade (or wider span), each counted in every span it overlaps.

    Two queries: the bounds, then one conditional count per span.
    """
    bounds = documents.aggregate(first=Min("date_earliest"), last=Max("date_latest"))
    if bounds["first"] is None:
        return []
    first = bounds["first"].year // 10 * 10
    last = (bounds["last"] or bounds["first"]).year
    width = 10
    while (last - first) // width + 1 > MAX_BUCKETS:
        width *= 2
    starts = list(range(first, last + 1, width))
    counts = documents.aggregate(
        **{
            f"y{start}": Count(
                "pk",
                filter=years_overlap(start, start + width - 1),
            )
            for start in starts
        }
    )
    return [YearBucket(start, start + width - 1, counts[f"y{start}"]) for start in starts]
