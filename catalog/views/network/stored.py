"""The public's network, summarised once per catalog version and day and stored.

Summarising reads every participant of every visible contact event (``edges.summarise``), so
doing it per request made the page grow with the catalog (2.3 s at 100,000 documents). Here
the public's summary of the whole network, grouped and not, is stored in ``NetworkEdge`` the
first time a visitor asks for it under a new stamp (``caching.counts.stamp``: the code's
release, the catalog version and the day), and each later page reads it back in one indexed
query. Every write to the catalog (publishing, unpublishing, a restriction) replaces the
version, and restrictions that lift on a date change the day, so a stored network is never
read under another stamp than the one it was drawn for. Writes to ``NetworkEdge`` do not
change the version (``caching.version``).

Only the public's network is stored, and only whole: staff (who see drafts) and the filtered
views (a period, kinds of contact) are summarised for their request. Of a large network only
what is drawn is stored (``edges.busiest``), with the totals of the whole, so that reading it
back does not grow with the catalog either.
"""

from dataclasses import asdict

from catalog.caching.counts import stamp
from catalog.models import Agency, ContactEvent, NetworkEdge
from catalog.views.network.edges import (
    EVENTS_PER_EDGE,
    EventRef,
    Pair,
    Summary,
    Totals,
    busiest,
    summarise,
)

# The row that says the network was stored under a stamp (its count: the events not drawn;
# its kinds: the ``Totals`` of the whole network); an agency's row has no target (its count:
# the events drawn through it).
MARKER = 0
NODE = 0


def _rows(current: str, grouped: bool, summary: Summary) -> list[NetworkEdge]:
    def row(source, target, count, held=True, kinds=None, events=()):
        return NetworkEdge(
            stamp=current, grouped=grouped, source=source, target=target, held=held,
            count=count, kinds=kinds or {}, events=[[e.slug, e.title, e.kind] for e in events],
        )  # fmt: skip

    return [
        row(MARKER, MARKER, summary.not_drawn, kinds=asdict(summary.totals)),
        *(row(pk, NODE, contacts) for pk, contacts in summary.contacts.items()),
        *(
            row(p.source, p.target, p.count, p.held, p.kinds, p.events[:EVENTS_PER_EDGE])
            for p in summary.pairs
        ),
    ]


def _store(current: str, grouped: bool, summary: Summary) -> None:
    # Rows under another stamp are never read again: drop them. Each row then takes the new
    # stamp; another worker storing the same stamp at the same moment stores the same rows.
    NetworkEdge.objects.filter(grouped=grouped).exclude(stamp=current).delete()
    NetworkEdge.objects.bulk_create(
        _rows(current, grouped, summary),
        update_conflicts=True,
        unique_fields=["grouped", "source", "target", "held"],
        update_fields=["stamp", "count", "kinds", "events"],
    )


def _read(rows) -> Summary | None:
    summary, found = Summary(contacts={}, pairs=[], not_drawn=0), False
    for source, target, held, count, kinds, events in rows:
        if source == MARKER:
            summary.not_drawn, found = count, True
            summary.whole = Totals(**kinds) if kinds else None
        elif target == NODE:
            summary.contacts[source] = count
        else:
            refs = [EventRef(*event) for event in events]
            summary.pairs.append(Pair(source, target, held, count, kinds, refs))
    return summary if found else None


def _within(summary: Summary, agencies: dict[int, Agency]) -> Summary:
    """``summary`` without agencies no longer visible: only when the catalog changed between
    reading its version and its agencies (the next page draws the new version)."""
    if set(summary.contacts) <= set(agencies):
        return summary
    return Summary(
        contacts={pk: n for pk, n in summary.contacts.items() if pk in agencies},
        pairs=[p for p in summary.pairs if p.source in agencies and p.target in agencies],
        not_drawn=summary.not_drawn,
        whole=summary.whole,
    )


def public_summary(request, grouped: bool) -> tuple[dict[int, Agency], Summary]:
    """The whole network as the public sees it, and its agencies (by id): read back in two
    queries (three with the agencies' names), or summarised and stored."""
    user = request.user
    visible = Agency.objects.visible_to(user)
    current = stamp(request)
    rows = NetworkEdge.objects.filter(stamp=current, grouped=grouped)
    summary = _read(rows.values_list("source", "target", "held", "count", "kinds", "events"))
    if summary is None:
        agencies = {a.pk: a for a in visible.prefetch_related("names")}
        events = ContactEvent.objects.visible_to(user)
        summary = busiest(
            summarise(agencies, visible, events, grouped=grouped, named=EVENTS_PER_EDGE)
        )
        _store(current, grouped, summary)
        return agencies, summary
    drawn = visible.filter(pk__in=list(summary.contacts)).prefetch_related("names")
    agencies = {a.pk: a for a in drawn}
    return agencies, _within(summary, agencies)
