"""Which agencies met which: a network drawn on the server as SVG.

Nodes are agencies, optionally grouped up to their highest visible parent (Main
Department III counts as the MfS); an edge joins two nodes for every contact event
in which both took part, and its weight is the number of such events. The layout
is a circle, ordered by country and name, so that the same data always gives the
same picture and each country's agencies sit together.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from catalog.models import Agency, ContactEvent, Participant

SIZE = 640
RADIUS = 230


@dataclass
class Node:
    agency: Agency
    x: float = 0.0
    y: float = 0.0
    degree: int = 0
    label_anchor: str = "start"
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    count: int

    @property
    def width(self) -> float:
        return round(1 + 2 * math.log2(self.count), 2)


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    size: int = SIZE


def group_of(agencies: dict[int, Agency], agency_id: int) -> int:
    """The highest visible ancestor of an agency, itself if it has none."""
    group, node, seen = agency_id, agencies.get(agency_id), set()
    while node is not None and node.parent_id in agencies and node.pk not in seen:
        seen.add(node.pk)
        group, node = node.parent_id, agencies[node.parent_id]
    return group


def build(visible_agencies, visible_events, *, grouped: bool = True) -> Network:
    """The network of the ``visible_agencies`` through the ``visible_events``. Two queries."""
    agencies = {a.pk: a for a in visible_agencies.prefetch_related("names")}
    rows = Participant.objects.filter(
        event__in=visible_events, agency__in=list(agencies)
    ).values_list("event_id", "agency_id")
    by_event: dict[int, set[int]] = defaultdict(set)
    for event_id, agency_id in rows:
        by_event[event_id].add(group_of(agencies, agency_id) if grouped else agency_id)
    counts: Counter = Counter()
    for members in by_event.values():
        counts.update(combinations(sorted(members), 2))

    ids = sorted({pk for pair in counts for pk in pair}, key=lambda pk: _order(agencies[pk]))
    nodes = {pk: Node(agencies[pk]) for pk in ids}
    _lay_out(list(nodes.values()))
    edges = []
    for (a, b), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        nodes[a].degree += count
        nodes[b].degree += count
        edges.append(Edge(nodes[a], nodes[b], count))
    return Network(list(nodes.values()), edges)


def _order(agency: Agency) -> tuple[str, str]:
    return (agency.country, agency.name)


def _lay_out(nodes: list[Node]) -> None:
    centre = SIZE / 2
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / max(len(nodes), 1) - math.pi / 2
        node.x = round(centre + RADIUS * math.cos(angle), 1)
        node.y = round(centre + RADIUS * math.sin(angle), 1)
        # Labels point away from the centre, so they do not cross the edges.
        node.label_x = round(centre + (RADIUS + 12) * math.cos(angle), 1)
        node.label_y = round(centre + (RADIUS + 12) * math.sin(angle) + 4, 1)
        node.label_anchor = (
            "start" if math.cos(angle) > 0.01 else ("end" if math.cos(angle) < -0.01 else "middle")
        )


def contacts_of(agency: Agency, family: set[int], visible_agencies, visible_events):
    """The other agencies that took part in events with ``agency`` or its sub-agencies
    (``family``), with how many events each: [(agency, count)], most frequent first."""
    events = ContactEvent.objects.filter(
        pk__in=visible_events.filter(participants__agency__in=family).values("pk")
    )
    rows = (
        Participant.objects.filter(event__in=events, agency__in=visible_agencies)
        .exclude(agency__in=family)
        .values_list("event_id", "agency_id")
        .distinct()
    )
    counts = Counter(agency_id for _, agency_id in rows)
    others = {a.pk: a for a in visible_agencies.filter(pk__in=list(counts))}
    return sorted(
        ((others[pk], count) for pk, count in counts.items() if pk in others),
        key=lambda item: (-item[1], item[0].name),
    )
