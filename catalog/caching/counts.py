"""Counts on the public lists, stored once per catalog version and day, read per page.

A place's documents, a subject's, the contact events of an agency or a person: each is a
count over the whole catalog, so counting it on every request makes a list slower as the
catalog grows, however few rows the page shows. Here each kind is counted for all its
records at once (one GROUP BY), the first time a visitor asks for it under a new stamp, and
stored in ``ListCount``; then a page reads the counts of its own rows only (one indexed
query), or the records with the highest counts (the choices of a filter).

The stamp has the same parts as every cache key (``store.key``): the code's release, the
catalog version and today's date. Every write to the catalog (publishing, unpublishing,
restrictions) replaces the version, and restrictions that lift on a date change the day, so
a stored count is never read under another stamp than the one it was counted for: it never
counts what the public may not see now. Writes to ``ListCount`` itself do not change the
version (``version.changes_catalog``). Only the public's counts are stored: staff, who see
drafts on the public site, get theirs counted afresh (for the page's rows only).
"""

import functools
from collections.abc import Callable, Iterable

from django.db.models import CharField, Count, Min, OuterRef, Subquery, Value
from django.utils import timezone

from catalog.caching.store import release, request_version
from catalog.models import (
    Agency,
    Collection,
    ContactEvent,
    Document,
    ListCount,
    Participant,
    Person,
    Place,
    Subject,
)
from catalog.views.pages import sees_drafts, visible_q

# The row that says a kind was counted under a stamp; it sorts before every real count.
MARKER_ID = 0
MARKER_COUNT = 2**31 - 1


def _through(kind: str, relation: str, column: str, user):
    rows = getattr(Document, relation).through.objects.filter(visible_q(user, "document__"))
    rows = rows.values(column).annotate(n=Count("*"), kind=Value(kind))
    return rows.values_list("kind", column, "n")


def _place_events(user):
    events = ContactEvent.objects.visible_to(user).filter(place__isnull=False).order_by()
    rows = events.values("place").annotate(n=Count("*"), kind=Value("place-events"))
    return rows.values_list("kind", "place", "n")


def _places(user):
    """Visible documents and contact events per place, in one statement."""
    return _through("place-documents", "places", "place", user).union(_place_events(user), all=True)


# The record id under which the kind "events" stores the number of visible contact events.
ALL = 1


def _participants(user):
    """Visible contact events per agency and per person, and all of them (the total of the
    unfiltered list, as ``ALL`` of the kind "events"), in one statement."""
    events = ContactEvent.objects.visible_to(user)
    total = events.order_by().values(record=Value(ALL)).annotate(n=Count("*"), kind=Value("events"))

    def per(column: str):
        rows = Participant.objects.filter(event__in=events, **{f"{column}__isnull": False})
        rows = rows.order_by().values(column)
        rows = rows.annotate(n=Count("event", distinct=True), kind=Value(f"{column}-events"))
        return rows.values_list("kind", column, "n")

    # The countries of the visible agencies that took part, each stored under one of its
    # agencies (the lowest id): the choices of the contact events' country filter.
    countries = (
        Participant.objects.filter(visible_q(user, "agency__"), event__in=events)
        .exclude(agency__country="")
        .order_by()
        .values("agency__country")
        .annotate(
            record=Min("agency"),
            n=Count("event", distinct=True),
            kind=Value("agency-countries"),
        )
        .values_list("kind", "record", "n")
    )
    return per("agency").union(
        per("person"), countries, total.values_list("kind", "record", "n"), all=True
    )


# The records the sitemap lists, section by section (published and not withheld, or all
# subjects and places): their numbers are the kind "sitemap-sizes", record id 1 for the first.
SITEMAP_MODELS = (Document, Person, Agency, ContactEvent, Collection, Subject, Place)


def _sitemap_sizes(user):
    """The sitemap's published records per section, in one statement: the public's, whoever
    asks (it lists nothing else)."""

    def per(section: int, model):
        rows = model.objects.all() if model in (Subject, Place) else model.objects.visible_to(None)
        rows = rows.order_by()
        # Named apart from the models' own fields (an agency has a "kind").
        label = Value("sitemap-sizes", CharField())
        rows = rows.annotate(count_kind=label, section=Value(section))
        rows = rows.values("count_kind", "section").annotate(n=Count("*"))
        return rows.values_list("count_kind", "section", "n")

    first, *others = (per(n, model) for n, model in enumerate(SITEMAP_MODELS, start=1))
    return first.union(*others, all=True)


# Each kind, and what counts it for ``user`` as (kind, record id, count): kinds counted by
# the same statement are stored together.
KINDS: dict[str, Callable] = {
    "place-documents": _places,
    "subject-documents": functools.partial(_through, "subject-documents", "subjects", "subject"),
    "place-events": _places,
    "agency-events": _participants,
    "agency-countries": _participants,
    "person-events": _participants,
    "events": _participants,
    "sitemap-sizes": _sitemap_sizes,
}


def stamp(request) -> str:
    return f"{release()}:{request_version(request)}:{timezone.localdate().isoformat()}"


def _counted(request, kind: str) -> dict[int, int] | None:
    """The counts of ``kind`` this request has already read or counted whole."""
    return getattr(request, "_list_counts", {}).get(kind)


def _count(request, kind: str, user=None) -> dict[int, int]:
    """Count ``kind`` (and the kinds counted with it) whole, for ``user``; kept on the
    request."""
    found: dict[str, dict[int, int]] = {
        other: {} for other, counter in KINDS.items() if counter is KINDS[kind]
    }
    for other, pk, n in KINDS[kind](user):
        found[other][pk] = n
    if request is not None:
        request._list_counts = {**getattr(request, "_list_counts", {}), **found}
    return found


def _store(request, kind: str, current: str) -> dict[int, int]:
    """Count ``kind`` (and those counted with it) for the public, store it under
    ``current`` and return it."""
    found = _count(request, kind)
    rows = [
        ListCount(kind=other, stamp=current, record_id=pk, count=n)
        for other, counted in found.items()
        for pk, n in [*counted.items(), (MARKER_ID, MARKER_COUNT)]
    ]
    # The counts and the markers together (in one statement, unless the database limits
    # its parameters: SQLite's batches), each row taking the new stamp in place of the old.
    # A record that no longer has a count keeps its row under an old stamp, which is never
    # read again (at most one row per record and kind). Another worker storing the same
    # stamp at the same moment stores the same counts.
    ListCount.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kind", "record_id"],
        update_fields=["stamp", "count"],
    )
    return found[kind]


def _not_stored(request, kind: str) -> dict[int, int] | None:
    """The counts of ``kind`` that are not read from ``ListCount``: those this request has
    read already, or counted afresh for staff (who see drafts) and outside a request; None
    when a visitor's are to be read from the stored ones."""
    found = _counted(request, kind)
    user = getattr(request, "user", None)
    if found is None and (request is None or sees_drafts(user)):
        found = _count(request, kind, user)[kind]
    return found


def counts(request, kind: str, ids: Iterable[int]) -> dict[int, int]:
    """How many (documents, contact events) each of the records ``ids`` has for the visitor
    of ``request``; 0 for none."""
    ids = list(ids)
    found = _not_stored(request, kind)
    if found is None:
        current = stamp(request)
        rows = ListCount.objects.filter(kind=kind, stamp=current, record_id__in=[MARKER_ID, *ids])
        found = dict(rows.values_list("record_id", "count"))
        if MARKER_ID not in found:
            found = _store(request, kind, current)
    return {pk: found.get(pk, 0) for pk in ids}


def stored_total(request, kind: str, pk: int) -> int | None:
    """The public's stored count of ``kind`` for record ``pk`` (a place's documents: the
    total of its page's list), or None for staff and outside a request, whose lists count
    their own rows (with drafts) as they read them."""
    if request is None or sees_drafts(getattr(request, "user", None)):
        return None
    return counts(request, kind, [pk])[pk]


def top(request, kind: str, limit: int) -> list[int]:
    """The ids of the (at most ``limit``) records with the highest counts, highest first."""
    found = _not_stored(request, kind)
    if found is None:
        current = stamp(request)
        rows = ListCount.objects.filter(kind=kind, stamp=current).order_by("-count", "record_id")
        ranked = list(rows.values_list("record_id", "count")[: limit + 1])
        if ranked and ranked[0][0] == MARKER_ID:
            return [pk for pk, n in ranked[1:] if n]
        found = _store(request, kind, current)
    ranked = sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))
    return [pk for pk, n in ranked[:limit] if n]


def countries(request, kind: str = "agency-countries") -> list[str]:
    """The names of the countries stored as ``kind`` (each under one of its agencies) for the
    visitor of ``request``, sorted: one query once the kind is stored (the rows read with
    their agency's country), and when it is not, the counting that stores it, which the
    kinds counted with it (a list's total, a filter's choices) then read from the request."""
    found = _not_stored(request, kind)
    if found is None:
        current = stamp(request)
        country = Agency.objects.filter(pk=OuterRef("record_id")).values("country")[:1]
        rows = ListCount.objects.filter(kind=kind, stamp=current)
        named = dict(rows.annotate(country=Subquery(country)).values_list("record_id", "country"))
        if MARKER_ID in named:
            return sorted({name for pk, name in named.items() if pk != MARKER_ID and name})
        found = _store(request, kind, current)
    agencies = Agency.objects.filter(pk__in=[pk for pk, n in found.items() if n])
    return sorted(set(agencies.values_list("country", flat=True)) - {""})


# An order stored whole (``stored_page``): each row's count is its position times DEPTHS
# plus its depth in a tree; its group (the record at the top of its tree) is a kind of its own.
DEPTHS = 1024


def stored_page(request, kind: str, compute: Callable, start: int, stop: int):
    """(total, rows start..stop) of an order of records that only the whole catalog
    determines (the agencies' tree), as (record id, depth, group id).

    ``compute()`` gives the whole order as such triples; it runs once per stamp for the
    public, and the page's rows are then read back by position (two indexed queries)."""
    user = getattr(request, "user", None)
    if request is None or sees_drafts(user):
        rows = compute()
        return len(rows), rows[start:stop]
    current = stamp(request)
    at = ListCount.objects.filter(kind=kind, stamp=current)
    page = at.filter(record_id__gt=MARKER_ID, count__gte=start * DEPTHS, count__lt=stop * DEPTHS)
    found = dict((at.filter(record_id=MARKER_ID) | page).values_list("record_id", "count"))
    total = found.pop(MARKER_ID, None)
    if total is None:
        rows = compute()
        _store_order(kind, current, rows)
        return len(rows), rows[start:stop]
    groups = ListCount.objects.filter(kind=f"{kind}-group", stamp=current, record_id__in=found)
    group_of = dict(groups.values_list("record_id", "count"))
    ordered = sorted(found.items(), key=lambda pair: pair[1])
    return total, [(pk, count % DEPTHS, group_of.get(pk)) for pk, count in ordered]


def _store_order(kind: str, current: str, rows: list) -> None:
    stored = [
        ListCount(kind=kind, stamp=current, record_id=MARKER_ID, count=len(rows)),
    ]
    for position, (pk, depth, group) in enumerate(rows):
        stored.append(
            ListCount(
                kind=kind,
                stamp=current,
                record_id=pk,
                count=position * DEPTHS + min(depth, DEPTHS - 1),
            )
        )
        stored.append(ListCount(kind=f"{kind}-group", stamp=current, record_id=pk, count=group))
    ListCount.objects.bulk_create(
        stored,
        update_conflicts=True,
        unique_fields=["kind", "record_id"],
        update_fields=["stamp", "count"],
    )


__all__ = ["countries", "counts", "stamp", "stored_page", "stored_total", "top"]
