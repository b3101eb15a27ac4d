"""Who dealt with whom: the pairs of agencies on opposite sides of contact events.

``summarise`` reads the participants of the events once and gives the ``Summary`` that the
drawing lays out: per pair of agencies (and whether their contacts took place) how many
events, of which kinds, and the first of them by date; per agency, the events drawn through
it; and how many events gave no pair. It grows with the events; ``stored`` keeps the public's
summary, so that a page only reads it back.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse

from catalog.models import Agency, ContactEvent, Participant

Role = Participant.Role
# The side that came, asked or wrote, and the side that received.
INITIATING = "initiating"
RECEIVING = "receiving"
SIDES = {
    Role.VISITOR: INITIATING,
    Role.HEAD_OF_DELEGATION: INITIATING,
    Role.DELEGATION_MEMBER: INITIATING,
    Role.REQUESTER: INITIATING,
    Role.HOST: RECEIVING,
    Role.RECIPIENT: RECEIVING,
}
OPPOSITE = {INITIATING: RECEIVING, RECEIVING: INITIATING}
SIDE_ROLES = {side: [role for role, its in SIDES.items() if its == side] for side in OPPOSITE}
NOT_HELD = {ContactEvent.Kind.PLANNED_MEETING}
EVENTS_PER_EDGE = 5  # events named in the table for each pair
# What one page draws and lists of a network at archive scale (hundreds of agencies, thousands
# of pairs): a picture no one can read, and seconds to render. The page says how many more.
MOST_AGENCIES = 40  # the agencies with most contacts
MOST_PAIRS = 100  # the pairs among them with most contacts


@dataclass(frozen=True)
class EventRef:
    slug: str
    title: str
    kind: str

    def get_absolute_url(self) -> str:
        return reverse("catalog:event", args=[self.slug])


@dataclass
class Pair:
    """Two agencies (``source`` < ``target``) on opposite sides of ``count`` events."""

    source: int
    target: int
    held: bool  # False: planned contacts that did not take place
    count: int
    kinds: dict[str, int]  # kind: how many
    events: list[EventRef]  # by date; all of them, or the first ones (``named``)


@dataclass(frozen=True)
class Totals:
    """How many agencies and pairs the whole network has, drawn or not."""

    agencies: int
    held: int  # pairs whose contacts took place
    not_held: int  # pairs whose planned contacts did not


@dataclass
class Summary:
    contacts: dict[int, int]  # agency (or group) drawn: the events drawn through it
    pairs: list[Pair]
    not_drawn: int  # events with agencies that gave no pair
    whole: Totals | None = None  # when ``contacts`` and ``pairs`` are its busiest part only

    @property
    def totals(self) -> Totals:
        if self.whole is not None:
            return self.whole
        held = sum(1 for pair in self.pairs if pair.held)
        return Totals(len(self.contacts), held, len(self.pairs) - held)


def busiest(summary: Summary) -> Summary:
    """The ``MOST_AGENCIES`` agencies with most contacts and the ``MOST_PAIRS`` pairs among
    them with most contacts, with the totals of the whole; ``summary`` itself when it is no
    larger. Ties go to the agency, then the pair, catalogued first."""
    if len(summary.contacts) <= MOST_AGENCIES and len(summary.pairs) <= MOST_PAIRS:
        return summary
    ranked = sorted(summary.contacts.items(), key=lambda item: (-item[1], item[0]))
    contacts = dict(ranked[:MOST_AGENCIES])
    among = [p for p in summary.pairs if p.source in contacts and p.target in contacts]
    among.sort(key=lambda p: (-p.count, not p.held, p.source, p.target))
    return Summary(contacts, among[:MOST_PAIRS], summary.not_drawn, summary.totals)


def group_of(agencies: dict[int, Agency], agency_id: int) -> int:
    """The highest visible ancestor of an agency, itself if it has none."""
    group, node, seen = agency_id, agencies.get(agency_id), set()
    while node is not None and node.parent_id in agencies and node.pk not in seen:
        seen.add(node.pk)
        group, node = node.parent_id, agencies[node.parent_id]
    return group


def summarise(
    agencies: dict[int, Agency],
    visible_agencies,
    events,
    *,
    grouped: bool,
    named: int | None = None,
) -> Summary:
    """The pairs of ``visible_agencies`` (``agencies``: the same, by id) through ``events``,
    each with its first ``named`` events (all when None). Two queries.

    Only the events with agencies on both sides can join two: their participants are read;
    the others (most of them, in many catalogs: a host recorded, the visitors persons only)
    are only counted, among the events not drawn."""
    acting = Participant.objects.filter(agency__in=visible_agencies)
    with_agencies = events.filter(pk__in=acting.values("event_id")).count()
    on_both_sides = events.filter(
        pk__in=acting.filter(role__in=SIDE_ROLES[INITIATING]).values("event_id")
    ).filter(pk__in=acting.filter(role__in=SIDE_ROLES[RECEIVING]).values("event_id"))
    rows = (
        Participant.objects.filter(event__in=on_both_sides, agency__in=visible_agencies)
        .order_by(F("event__date_earliest").asc(nulls_last=True), "event__title", "event_id")
        .values_list("event_id", "agency_id", "role", "event__slug", "event__title", "event__kind")
    )
    sides: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    refs: dict[int, EventRef] = {}
    for event_id, agency_id, role, slug, title, kind in rows:
        refs[event_id] = EventRef(slug, title, kind)
        if role in SIDES:
            node = group_of(agencies, agency_id) if grouped else agency_id
            sides[event_id][SIDES[role]].add(node)

    pairs: dict[tuple[int, int, bool], list[int]] = defaultdict(list)
    through: dict[int, set[int]] = defaultdict(set)  # node: the events drawn through it
    for event_id, ref in refs.items():
        joined = {
            (min(a, b), max(a, b))
            for a in sides[event_id][INITIATING]
            for b in sides[event_id][RECEIVING]
            if a != b
        }
        for a, b in joined:
            pairs[a, b, ref.kind not in NOT_HELD].append(event_id)
            through[a].add(event_id)
            through[b].add(event_id)

    return Summary(
        contacts={pk: len(ids) for pk, ids in through.items()},
        pairs=[
            Pair(
                a,
                b,
                held,
                len(event_ids),
                dict(Counter(refs[event_id].kind for event_id in event_ids)),
                [refs[event_id] for event_id in event_ids[:named]],
            )
            for (a, b, held), event_ids in pairs.items()
        ],
        not_drawn=with_agencies - len(set().union(*through.values())),
    )


def contacts_of(agency: Agency, family: set[int], visible_agencies, visible_events):
    """The agencies on the other side of the contact events of ``agency`` or its
    sub-agencies (``family``), with how many events each: [(agency, count)], most
    frequent first. Agencies on the same side as the family are not its contacts."""
    events = ContactEvent.objects.filter(
        pk__in=visible_events.filter(participants__agency__in=family).values("pk")
    )
    rows = Participant.objects.filter(
        event__in=events, agency__in=visible_agencies, role__in=list(SIDES)
    ).values_list("event_id", "agency_id", "role")
    own: dict[int, set[str]] = defaultdict(set)
    others: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for event_id, agency_id, role in rows:
        if agency_id in family:
            own[event_id].add(SIDES[role])
        else:
            others[event_id].add((agency_id, SIDES[role]))
    counts: Counter = Counter()
    for event_id, members in others.items():
        facing = {OPPOSITE[side] for side in own[event_id]}
        counts.update({agency_id for agency_id, side in members if side in facing})
    found = {a.pk: a for a in visible_agencies.filter(pk__in=list(counts))}
    return sorted(
        ((found[pk], count) for pk, count in counts.items() if pk in found),
        key=lambda item: (-item[1], item[0].name),
    )
