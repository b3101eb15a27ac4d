"""The network drawn: agencies on a circle, country by country, joined by their contacts.

``draw`` lays out a ``Summary`` (``edges``): the same summary always gives the same picture,
whether it was computed for this request or read back from the stored network (``stored``).
A large network is drawn in part, its busiest agencies and pairs (``edges.busiest``), and
says so.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from catalog.models import Agency, ContactEvent
from catalog.views.network import edges as network_edges
from catalog.views.network.edges import EVENTS_PER_EDGE, EventRef, Summary, Totals, busiest

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


@dataclass
class Node:
    agency: Agency
    colour: str = OTHER_COLOUR
    contacts: int = 0  # its contact events with agencies on the other side, drawn or not
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
    count: int  # contact events between the two
    tally: dict[str, int] = field(default_factory=dict)  # kind: how many
    events: list[EventRef] = field(default_factory=list)  # the first ones, at least five
    # Where the line is drawn; a dashed line beside a solid one is moved aside.
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0

    @property
    def width(self) -> float:
        return round(1.5 + 2 * math.log2(self.count), 2)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        """(the kind in words, how many), most frequent first."""
        return [
            (ContactEvent.Kind(kind).label, n)
            for kind, n in sorted(self.tally.items(), key=lambda item: (-item[1], item[0]))
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
    totals: Totals  # of the whole network, of which the busiest part may be drawn

    @property
    def partial(self) -> str:
        """What is drawn of a network too large to draw whole, in words; else ""."""
        agencies, pairs = len(self.nodes), len(self.edges)
        in_all = self.totals.held + self.totals.not_held
        some = agencies < self.totals.agencies
        if not some and pairs == in_all:
            return ""
        drawn = []
        if some:
            drawn.append(
                f"the {agencies} agenc{'y' if agencies == 1 else 'ies'} with most contacts, "
                f"of {self.totals.agencies}"
            )
        among = " among them" if some else ""
        # Every pair among the agencies drawn, or (at the bound) those with most contacts.
        most = " with most contacts" if pairs == network_edges.MOST_PAIRS or not some else ""
        drawn.append(f"the {pairs} pair{_s(pairs)}{among}{most}, of {in_all} in all")
        return (
            f"Drawn and listed below: {', and '.join(drawn)}. Narrow the period or kinds of "
            "contact to see the others; each agency's page lists all of its contacts."
        )

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


def _s(n: int) -> str:
    return "" if n == 1 else "s"


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


def draw(agencies: dict[int, Agency], summary: Summary) -> Network:
    """Lay out ``summary``, its busiest part when it is large; ``agencies`` holds at least
    every agency it draws."""
    summary = busiest(summary)
    nodes = {
        pk: Node(agencies[pk], contacts=contacts)
        for pk, contacts in sorted(
            summary.contacts.items(), key=lambda item: _order(agencies[item[0]])
        )
    }
    edges = [
        Edge(nodes[pair.source], nodes[pair.target], pair.held, pair.count, pair.kinds, pair.events)
        for pair in sorted(summary.pairs, key=lambda p: (not p.held, -p.count, p.source, p.target))
    ]
    countries = _colour(list(nodes.values()))
    view_box = _lay_out(list(nodes.values()), edges)
    return Network(
        list(nodes.values()), edges, countries, summary.not_drawn, view_box, summary.totals
    )


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
