"""Facets of the document list: what narrows it, and how many documents each would leave.

Each facet is defined once, as querysets of (value, label, document) pairs
(``FacetSource.pairs``). The same pairs serve both to filter documents
(``FacetSource.documents_with``, used by ``catalog.search.filters``) and to count them
(``count_facet``), so that a count always equals what the link then shows.

Counts are one grouped query per facet over the current result set with the
other facets applied ("disjunctive" facets: within a facet you see the
alternatives to your choice), bounded to its top values, all sent as one
statement (``count_facets``). Only records visible to the visitor are offered:
a draft person is neither a facet value nor counted.

A search matching more than ``SAMPLE_SIZE`` documents has its facets counted over its
``SAMPLE_SIZE`` best-ranked matches only (``sample``), as large search engines do:
the counts are then estimates, scaled to the whole match and shown as such ("about
1,200"). Counting every match of a common word cost 25 to 80 times the full-text query
itself at 20,000 documents; a sample costs the same at any size. A list without words of
more than ``APPROXIMATE_ABOVE`` documents has no ranking to sample by: its facets count one
document in ``spread(total)``, by id (about ``LIST_SAMPLE_SIZE``), and are estimates too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from catalog.models import (
    Agency,
    ArchivalReference,
    Collection,
    CollectionDocument,
    ContactEvent,
    Document,
    EventEvidence,
    Language,
    Mention,
    Person,
    Place,
    Repository,
    Status,
    Subject,
    Translation,
)
from catalog.restrictions import public

FACET_SIZE = 15
# The best-ranked matches a large search's facets are counted over (see ``sample``): the
# facets' cost is in proportion to it (a few index lookups per document and facet), and at
# 500 it was several times the full-text query of a mid-frequency word.
SAMPLE_SIZE = 200
# Counts from here up are worded as approximate ("about 18,000"); a list without words of
# more documents counts its facets over about LIST_SAMPLE_SIZE of them (see ``spread``).
APPROXIMATE_ABOVE = 10_000
LIST_SAMPLE_SIZE = 500


def count_display(count: int, approximate: bool = False) -> str:
    """A count as a visitor reads it: "1,204", or "about 18,000" when approximate."""
    if approximate:
        return f"about {count:,}"
    return f"{count:,}"


def estimate(count: int, scale: float) -> int:
    """``count`` in a sample, scaled up to the whole, to two significant figures."""
    value = count * scale
    if value < 100:
        return max(1, round(value))
    digits = len(str(round(value))) - 2
    return round(round(value), -digits)


def sample(ids: list[int]) -> tuple[list[int], float | None]:
    """The first ``SAMPLE_SIZE`` of ``ids`` (best first), and the scale of the estimates
    counted over them; all of them and no scale when there are no more."""
    if len(ids) <= SAMPLE_SIZE:
        return ids, None
    return ids[:SAMPLE_SIZE], len(ids) / SAMPLE_SIZE


def spread(total: int | None) -> int | None:
    """For a list of ``total`` documents without words: count the facets over one document
    in ``step`` (by id, so spread over the whole catalog), about ``LIST_SAMPLE_SIZE`` of
    them; None (count them all, exactly) up to ``APPROXIMATE_ABOVE``."""
    if total is None or total <= APPROXIMATE_ABOVE:
        return None
    return -(-total // LIST_SAMPLE_SIZE)


def _pairs(queryset: QuerySet, value: str, label: str, document: str) -> QuerySet:
    return queryset.order_by().values(
        facet_value=F(value), facet_label=F(label), facet_document=F(document)
    )


def _languages(user) -> list[QuerySet]:
    originals = Document.original_languages.through.objects.all()
    return [
        _pairs(originals, "language__code", "language__name", "document_id"),
        _pairs(
            Translation.objects.filter(public.texts_shown_q()),
            "language__code",
            "language__name",
            "document_id",
        ),
    ]


def _repositories(user) -> list[QuerySet]:
    references = ArchivalReference.objects.filter(repository__isnull=False)
    return [_pairs(references, "repository__slug", "repository__name", "document_id")]


def _visible(relation: str, user) -> Q:
    """The related record is visible to ``user``: a condition on the join, so that the
    database starts from the documents counted rather than from every visible record."""
    withheld = public.shown_q(f"{relation}__")
    if _sees_drafts(user):
        return withheld
    return Q(**{f"{relation}__status": Status.PUBLISHED}) & withheld


def _sees_drafts(user) -> bool:
    return user is not None and user.is_active and user.is_staff


def _named(kind: str, label: str) -> Callable:
    """Persons or agencies: mentioned in a text, or taking part in an event it attests."""

    def pairs(user) -> list[QuerySet]:
        # Not from withheld text: a facet would tell who it names (catalog.restrictions).
        shown = public.passages_shown_q()
        mentioned = Mention.objects.filter(
            shown, _visible(kind, user), **{f"{kind}__isnull": False}
        )
        attested = EventEvidence.objects.filter(
            shown,
            _visible("event", user),
            _visible(f"event__participants__{kind}", user),
            **{f"event__participants__{kind}__isnull": False},
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


def _collections(user) -> list[QuerySet]:
    """Published collections only (drafts too for staff): a draft collection's documents
    are neither counted under it nor offered its name."""
    memberships = CollectionDocument.objects.filter(_visible("collection", user))
    return [_pairs(memberships, "collection__slug", "collection__title", "document_id")]


def _classifications(user) -> list[QuerySet]:
    documents = Document.objects.exclude(classification="")
    return [_pairs(documents, "classification", "classification", "pk")]


def _event_kinds(user) -> list[QuerySet]:
    evidence = EventEvidence.objects.filter(public.passages_shown_q(), _visible("event", user))
    return [_pairs(evidence, "event__kind", "event__kind", "translation__document_id")]


def _choices(model, value: str, label: str, visible: bool = False) -> Callable:
    """What a visitor may choose in a facet, as (value, label) rows."""

    def choices(user) -> QuerySet:
        records = model.objects.visible_to(user) if visible else model.objects.all()
        return records.order_by().values(facet_value=F(value), facet_label=F(label))

    return choices


@dataclass(frozen=True)
class FacetSource:
    name: str
    label: str
    pairs: Callable[[object], list[QuerySet]]
    # (value, label) rows of the records one may choose; None for values that
    # are their own label (classifications) or coded (event kinds, ``labels``).
    choices: Callable[[object], QuerySet] | None = None
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
        FacetSource("language", "Language", _languages, _choices(Language, "code", "name")),
        FacetSource(
            "repository", "Repository", _repositories, _choices(Repository, "slug", "name")
        ),
        FacetSource(
            "agency", "Agency", _named("agency", "name"), _choices(Agency, "slug", "name", True)
        ),
        FacetSource(
            "person",
            "Person",
            _named("person", "preferred_name"),
            _choices(Person, "slug", "preferred_name", True),
        ),
        FacetSource(
            "subject", "Subject", _vocabulary("subjects"), _choices(Subject, "slug", "name")
        ),
        FacetSource("place", "Place", _vocabulary("places"), _choices(Place, "slug", "name")),
        FacetSource(
            "collection",
            "Collection",
            _collections,
            _choices(Collection, "slug", "title", True),
        ),
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


def chosen_labels(chosen: dict[str, str], user) -> dict[str, str]:
    """The label of each facet value chosen, if the visitor may choose it: one query.

    A value missing from the answer does not exist, or is a draft the visitor may not see.
    """
    labels, lookups = {}, []
    for name, value in chosen.items():
        source = SOURCES[name]
        if source.choices is None:
            if source.labels is None or value in source.labels:
                labels[name] = (source.labels or {}).get(value, value)
            continue
        rows = source.choices(user).filter(facet_value=value)
        lookups.append(rows.annotate(facet=Value(name)).values("facet", "facet_label"))
    if lookups:
        first, *rest = lookups
        for row in first.union(*rest, all=True) if rest else first:
            labels[row["facet"]] = row["facet_label"]
    return labels


def _union_sql(source: FacetSource, documents, user) -> tuple[str, list]:
    """The distinct (value, label, document) pairs of a facet among ``documents``."""
    restricted = [pairs.filter(facet_document__in=documents) for pairs in source.pairs(user)]
    first, *rest = restricted
    # UNION (not UNION ALL) drops repeated (value, document) pairs, so that a
    # document mentioning a person twice, or in two ways, counts once.
    union = first.union(*rest) if rest else first.distinct()
    sql, params = union.query.sql_with_params()
    return sql, list(params)


# Compiling a facet's querysets costs more than running it over a few hundred ids; over
# ids (``search.id_set``) its SQL is the same every time but for the ids, so it is
# compiled once per facet, engine, visibility and withheld view, with a marker where the
# ids go.
_IDS = object()
_compiled: dict[tuple, tuple[str, list]] = {}
# Restrictions placed and lifted make new shapes; the old ones are dropped past this many.
COMPILED_LIMIT = 256


def _facet_sql(index: int, source: FacetSource, documents, user, active):
    """One facet's top values among ``documents``, as SQL for ``count_facets``."""
    if isinstance(documents, QuerySet):
        sql, params = _union_sql(source, documents.order_by().values("pk"), user)
    else:
        # The withheld view's conditions are compiled into the SQL: its shape is in the key.
        shape = public.view().shape
        key = (connection.vendor, source.name, _sees_drafts(user), documents.sql, shape)
        if key not in _compiled:
            if len(_compiled) >= COMPILED_LIMIT:
                _compiled.clear()
            _compiled[key] = _union_sql(source, RawSQL(documents.sql, [_IDS]), user)  # noqa: S611
        sql, template = _compiled[key]
        (ids,) = documents.params
        params = [ids if param is _IDS else param for param in template]
    # The chosen value comes first, so that it is shown with its count
    # however rare; one row beyond the top values says whether there are more.
    ranked = (
        f"SELECT facet_value, facet_label, COUNT(*) AS n, ROW_NUMBER() OVER ("  # noqa: S608
        "ORDER BY CASE WHEN facet_value = %s THEN 0 ELSE 1 END, COUNT(*) DESC, facet_label"
        f") AS position FROM ({sql}) AS pairs GROUP BY facet_value, facet_label"
    )
    sql = (
        f"SELECT %s AS facet, facet_value, facet_label, n, position "  # noqa: S608
        f"FROM ({ranked}) AS counted{index} WHERE position <= %s"
    )
    return sql, [index, active, *params, FACET_SIZE + 1]


def count_facets(
    documents: dict[str, QuerySet | RawSQL],
    user,
    active: dict[str, str],
    scales: dict[str, float] | None = None,
) -> list[Facet]:
    """The most frequent values of every facet: one query for them all.

    ``documents`` holds, per facet, the results it counts (every filter but its own), as a
    queryset or as ids (``search.id_set``); a facet in ``scales`` counts a sample of them,
    and its counts are estimates scaled by that factor.
    """
    scales = scales or {}
    sources = list(SOURCES.values())
    parts, params = [], []
    for index, source in enumerate(sources):
        try:
            sql, part_params = _facet_sql(
                index, source, documents[source.name], user, active.get(source.name)
            )
        except EmptyResultSet:  # the results are known to be empty
            continue
        parts.append(f"SELECT * FROM ({sql}) AS facet{index}")  # noqa: S608
        params.extend(part_params)
    rows = []
    if parts:
        # Only Django's own compiled SQL is joined; every value is a parameter.
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = sorted(cursor.fetchall(), key=lambda row: (row[0], row[4]))
    facets = []
    for index, source in enumerate(sources):
        found = [row for row in rows if row[0] == index]
        chosen = active.get(source.name)
        labels = source.labels or {}
        scale = scales.get(source.name)
        values = [
            FacetValue(
                str(value),
                labels.get(label, label),
                count if scale is None else estimate(count, scale),
                str(value) == chosen,
                approximate=scale is not None,
            )
            for _, value, label, count, _ in found[:FACET_SIZE]
        ]
        facets.append(Facet(source.name, source.label, values, chosen, len(found) > FACET_SIZE))
    return facets


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


def _overlaps(first: int | None, last: int | None, start: int, end: int) -> bool:
    """``years_overlap(start, end)`` for a document dated from year ``first`` to ``last``."""
    after_start = last >= start if last is not None else first is not None
    before_end = first <= end if first is not None else last is not None
    return after_start and before_end


class Year(ExtractYear):
    """A date's year. On SQLite, read from the stored ISO text, rather than by Django's
    ``django_date_extract``, a Python function called for every row (most of the time
    of the date spans of a large search)."""

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS integer)", params


def year_columns() -> tuple[Year, Year]:
    """The first and last year of a document, as ``values_list`` columns."""
    return Year("date_earliest"), Year("date_latest")


def year_pairs(documents: QuerySet) -> dict[tuple[int | None, int | None], int]:
    """The documents counted per pair of first and last year: one query."""
    rows = documents.order_by().values_list(*year_columns()).annotate(n=Count("pk"))
    return {(first, last): n for first, last, n in rows}


def year_buckets(pairs: dict[tuple[int | None, int | None], int]) -> list[YearBucket]:
    """Documents per decade (or wider span), each counted in every span it overlaps,
    from the documents counted per pair of first and last year (``year_pairs``)."""
    firsts = [first for first, _ in pairs if first is not None]
    if not firsts:
        return []
    lasts = [last for _, last in pairs if last is not None]
    first = min(firsts) // 10 * 10
    last = max(lasts) if lasts else min(firsts)
    width = 10
    while (last - first) // width + 1 > MAX_BUCKETS:
        width *= 2
    return [
        YearBucket(
            start,
            start + width - 1,
            sum(n for (a, b), n in pairs.items() if _overlaps(a, b, start, start + width - 1)),
        )
        for start in range(first, last + 1, width)
    ]
