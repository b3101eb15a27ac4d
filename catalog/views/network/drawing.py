"""Contacts between agencies: who dealt with whom, drawn on the server as SVG.

An edge joins two agencies that stood on opposite sides of a contact event: the host
and its visitors (the head and members of a delegation are visitors), the recipient
of a request or letter and its sender. Agencies on the same side are never joined: the
co-recipients of one request, or two departments travelling in one delegation, did
not deal with each other through that contact. An agency whose role is only
"participant" has no recorded side, so it is joined to no one. A contact that did
not take place (a planned meeting) makes an edge of its own, drawn dashed, so that
it never passes for a meeting.

Nodes are agencies, by default grouped up to their highest visible parent (Main
Department III counts as the MfS). They sit on a circle, country by country and by
name within a country, so that the same data always gives the same picture.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from catalog.models import Agency, ContactEvent, Participant
from catalog.views.filters import DateBoundField

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
NOT_HELD = {ContactEvent.Kind.PLANNED_MEETING}

# Colours for up to nine countries, each at least 4.5:1 against white; the rest grey.
PALETTE = [
    "#1a4f8b", "#a64b00", "#2e6b30", "#a1203a", "#6a3d9a",
    "#00695c", "#7a4f2a", "#ad1457", "#4d5a00",
]  # fmt: skip
OTHER_COLOUR = "#5f6368"
NO_COUNTRY = "Country not recorded"

FONT = 15  # label size, in the drawing's units
LABEL_LINE = 20  # characters on a line of a label
LINE = round(FONT * 1.2, 1)  # from one line of a label to the next
EVENTS_PER_EDGE = 5  # events named in the table for each pair


@dataclass(frozen=True)
class EventRef:
    slug: str
    title: str
    kind: str

    def get_absolute_url(self) -> str:
        return reverse("catalog:event", args=[self.slug])


@dataclass
class Node:
    agency: Agency
    colour: str = OTHER_COLOUR
    contacts: int = 0  # contact events drawn through this node
    x: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"

    @property
    def label(self) -> list[str]:
        """The abbreviation, else the name on at most three short lines."""
        if self.agency.abbreviation:
            return [self.agency.abbreviation]
        return _wrap(self.agency.name, LABEL_LINE, 3)

    @property
    def description(self) -> str:
        """In full, beginning with what the drawing shows: "MfS: Ministry for State
        Security, German Democratic Republic: 8 contacts"."""
        abbreviation = self.agency.abbreviation
        lead = f"{abbreviation}: " if abbreviation else ""
        plural = "" if self.contacts == 1 else "s"
        return f"{lead}{self.agency.name}, {self.country}: {self.contacts} contact{plural}"

    @property
    def country(self) -> str:
        return self.agency.country or NO_COUNTRY

    @property
    def radius(self) -> float:
        return round(6 + 2 * math.log2(1 + self.contacts), 1)


@dataclass
class Edge:
    source: Node
    target: Node
    held: bool  # False: the contact was planned and did not take place
    events: list[EventRef] = field(default_factory=list)
    # Where the line is drawn; a dashed line beside a solid one is moved aside.
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def width(self) -> float:
        return round(1.5 + 2 * math.log2(self.count), 2)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        """(the kind in words, how many), most frequent first."""
        counts = Counter(event.kind for event in self.events)
        return [
            (ContactEvent.Kind(kind).label, n)
            for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]

    @property
    def more(self) -> int:
        return max(self.count - EVENTS_PER_EDGE, 0)

    @property
    def first_events(self) -> list[EventRef]:
        return self.events[:EVENTS_PER_EDGE]


@dataclass(frozen=True)
class Country:
    name: str
    colour: str
    agencies: int


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    countries: list[Country]
    not_drawn: int  # contact events with agencies that gave no edge
    view_box: tuple[float, float, float, float]

    @property
    def held(self) -> list[Edge]:
        return [edge for edge in self.edges if edge.held]

    @property
    def not_held(self) -> list[Edge]:
        return [edge for edge in self.edges if not edge.held]

    @property
    def line(self) -> float:
        return LINE

    @property
    def caption_y(self) -> float:
        return round(self.view_box[1] + self.view_box[3] - 12, 1)

    @property
    def centre_x(self) -> float:
        return round(self.view_box[0] + self.view_box[2] / 2, 1)


def _wrap(text: str, width: int, most: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def group_of(agencies: dict[int, Agency], agency_id: int) -> int:
    """The highest visible ancestor of an agency, itself if it has none."""
    group, node, seen = agency_id, agencies.get(agency_id), set()
    while node is not None and node.parent_id in agencies and node.pk not in seen:
        seen.add(node.pk)
        group, node = node.parent_id, agencies[node.parent_id]
    return group


def build(visible_agencies, events, *, grouped: bool = True) -> Network:
    """The network of the ``visible_agencies`` through ``events``. Three queries."""
    agencies = {a.pk: a for a in visible_agencies.prefetch_related("names")}
    rows = (
        Participant.objects.filter(event__in=events, agency__in=visible_agencies)
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

    nodes = {
        pk: Node(agencies[pk], contacts=len(through[pk]))
        for pk in sorted(through, key=lambda pk: _order(agencies[pk]))
    }
    edges = [
        Edge(nodes[a], nodes[b], held, [refs[event_id] for event_id in event_ids])
        for (a, b, held), event_ids in sorted(
            pairs.items(), key=lambda item: (not item[0][2], -len(item[1]), item[0][:2])
        )
    ]
    countries = _colour(list(nodes.values()))
    view_box = _lay_out(list(nodes.values()), edges)
    not_drawn = len(set(refs) - set().union(*through.values()))
    return Network(list(nodes.values()), edges, countries, not_drawn, view_box)


def _order(agency: Agency) -> tuple[bool, str, str]:
    return (not agency.country, agency.country, agency.name)


def _colour(nodes: list[Node]) -> list[Country]:
    """Give each country a colour, the countries with most agencies first; the legend."""
    per_country = Counter(node.country for node in nodes)
    ranked = sorted((c for c in per_country if c != NO_COUNTRY), key=lambda c: (-per_country[c], c))
    colours = dict(zip(ranked, PALETTE, strict=False))
    for node in nodes:
        node.colour = colours.get(node.country, OTHER_COLOUR)
    legend = [Country(name, colours[name], per_country[name]) for name in sorted(colours)]
    others = sum(n for c, n in per_country.items() if c not in colours)
    if others:
        name = NO_COUNTRY if set(per_country) - set(colours) == {NO_COUNTRY} else "Other countries"
        legend.append(Country(name, OTHER_COLOUR, others))
    return legend


def _lay_out(nodes: list[Node], edges: list[Edge]) -> tuple[float, float, float, float]:
    """Place the nodes on a circle, a gap between countries; return the view box that
    holds them, their labels and a line for the name of the node in focus."""
    countries = [node.country for node in nodes]
    gaps = len(set(countries)) if len(set(countries)) > 1 else 0
    slots = len(nodes) + gaps
    # Wide enough that neighbouring labels do not touch.
    radius = max(200.0, slots * FONT * 1.6 / (2 * math.pi))
    slot, previous = 0, None
    for node in nodes:
        if gaps and node.country != previous and previous is not None:
            slot += 1
        previous = node.country
        angle = 2 * math.pi * slot / max(slots, 1) - math.pi / 2
        slot += 1
        cos, sin = math.cos(angle), math.sin(angle)
        node.x, node.y = round(radius * cos, 1), round(radius * sin, 1)
        # Labels point away from the centre, so they do not cross the edges.
        out = radius + node.radius + 6
        node.label_x = round(out * cos, 1)
        # The label's block sits above the nodes at the top, below those at the
        # bottom and beside those at the sides; label_y is its first baseline.
        height = len(node.label) * LINE
        node.label_y = round(out * sin - height * (1 - sin) / 2 + FONT * 0.8, 1)
        node.label_anchor = "start" if cos > 0.2 else ("end" if cos < -0.2 else "middle")

    solid = {(e.source.agency.pk, e.target.agency.pk) for e in edges if e.held}
    for edge in edges:
        edge.x1, edge.y1 = edge.source.x, edge.source.y
        edge.x2, edge.y2 = edge.target.x, edge.target.y
        if not edge.held and (edge.source.agency.pk, edge.target.agency.pk) in solid:
            # Move the dashed line aside, parallel to the solid one.
            dx, dy = edge.x2 - edge.x1, edge.y2 - edge.y1
            length = math.hypot(dx, dy) or 1
            ox, oy = -dy / length * 6, dx / length * 6
            edge.x1, edge.y1 = round(edge.x1 + ox, 1), round(edge.y1 + oy, 1)
            edge.x2, edge.y2 = round(edge.x2 + ox, 1), round(edge.y2 + oy, 1)

    left, right, top, bottom = -radius, radius, -radius, radius
    for node in nodes:
        width = max(len(line) for line in node.label) * FONT * 0.6
        start = {"start": 0, "middle": -width / 2, "end": -width}[node.label_anchor]
        left = min(left, node.label_x + start)
        right = max(right, node.label_x + start + width)
        top = min(top, node.label_y - FONT)
        bottom = max(bottom, node.label_y + (len(node.label) - 1) * LINE + 4)
    pad, caption = 12, 40
    return (
        round(left - pad, 1),
        round(top - pad, 1),
        round(right - left + 2 * pad, 1),
        round(bottom - top + 2 * pad + caption, 1),
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


class NetworkFilter(forms.Form):
    """What the network is drawn from: a period, kinds of contact, and departments."""

    date_from = DateBoundField(label="From (year, month or day)", required=False)
    date_to = DateBoundField(label="To (year, month or day)", required=False)
    kind = forms.MultipleChoiceField(
        label="Kinds of contact",
        choices=ContactEvent.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    group = forms.ChoiceField(
        label="Departments",
        choices=[("", "Counted with their agency"), ("none", "Shown separately")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].widget.attrs["placeholder"] = "1969"
        self.fields["date_to"].widget.attrs["placeholder"] = "1986-02"

    def events(self, events):
        """``events`` limited to the period and kinds asked for: an event counts when
        the time it may have happened overlaps the period."""
        data = self.cleaned_data
        if data["date_from"]:
            events = events.filter(date_latest__gte=data["date_from"][0])
        if data["date_to"]:
            events = events.filter(date_earliest__lte=data["date_to"][1])
        if data["kind"]:
            events = events.filter(kind__in=data["kind"])
        return events


def network_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = NetworkFilter(request.GET)
    events = ContactEvent.objects.visible_to(user)
    if form.is_valid():
        events = form.events(events)
        grouped = form.cleaned_data["group"] != "none"
    else:
        events, grouped = events.none(), True
    graph = build(Agency.objects.visible_to(user), events, grouped=grouped)
    filtered = any(request.GET.get(name) for name in ("date_from", "date_to", "kind"))
    return render(
        request,
        "catalog/network.html",
        {"network": graph, "grouped": grouped, "form": form, "filtered": filtered},
    )
