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

The package: ``edges`` finds the pairs (a ``Summary``), ``drawing`` lays a summary out,
``stored`` keeps the public's summary of the whole network per catalog version and day, and
``page`` serves it, filtered or whole.
"""

from catalog.views.network.drawing import Country, Edge, Network, Node, draw
from catalog.views.network.edges import EventRef, Summary, contacts_of, group_of, summarise
from catalog.views.network.page import NetworkFilter, build, network_page

__all__ = [
    "Country",
    "Edge",
    "EventRef",
    "Network",
    "NetworkFilter",
    "Node",
    "Summary",
    "build",
    "contacts_of",
    "draw",
    "group_of",
    "network_page",
    "summarise",
]
