"""The network of agencies: who stood on opposite sides of which contact, as the seed
memo records it, and the filters, key and list that make the drawing readable."""

import re

import pytest
from django.contrib.auth.models import User

from catalog.models import Agency, ContactEvent, Participant, Person, Status
from catalog.views import network
from tests.views import factories as make


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def graph(grouped: bool = True, events=None) -> network.Network:
    events = ContactEvent.objects.published() if events is None else events
    return network.build(Agency.objects.published(), events, grouped=grouped)


def pairs(net: network.Network, *, held: bool = True) -> dict[frozenset, list[str]]:
    """{the two agencies' slugs: the slugs of their contact events}."""
    return {
        frozenset((edge.source.agency.slug, edge.target.agency.slug)): [
            event.slug for event in edge.events
        ]
        for edge in net.edges
        if edge.held == held
    }


def both(a: str, b: str) -> frozenset:
    return frozenset((a, b))


def test_co_recipients_of_one_request_are_not_joined(seed):
    # "Since 1969" Iraqi counterintelligence asked the MfS and the GDR's Ministry of
    # the Interior; in 1982 the GDR Ambassador and a government delegation.
    met = pairs(graph(grouped=False))
    assert both("mfs", "gdr-ministry-of-the-interior") not in met
    assert both("gdr-embassy-baghdad", "gdr-government") not in met
    # Each recipient is joined to the requester.
    request = "1969-1986-iraqi-requests-for-formal-cooperation"
    assert request in met[both("iraq-general-security", "mfs")]
    assert request in met[both("iraq-general-security", "gdr-ministry-of-the-interior")]
    assert (
        "1982-renewed-iraqi-requests-in-baghdad"
        in met[both("iraq-general-security", "gdr-embassy-baghdad")]
    )


def test_a_meeting_that_did_not_take_place_makes_no_met_edge(seed):
    planned = "1985-02-planned-meeting-shaker-mielke"
    net = graph(grouped=False)
    assert all(planned not in events for events in pairs(net).values())
    assert pairs(net, held=False) == {both("mfs", "iraq-ministry-of-the-interior"): [planned]}
    # The pair met at other times: those meetings keep their own, solid edge.
    assert (
        "1969-10-mielke-receives-al-amash"
        in pairs(net)[both("mfs", "iraq-ministry-of-the-interior")]
    )


def test_agencies_that_only_planned_to_meet_are_drawn_apart(seed, client):
    visitor = Agency.objects.create(slug="visitor", name="Visiting Service", country="Iraq")
    host = Agency.objects.create(slug="host", name="Hosting Service", country="Cuba")
    event = ContactEvent.objects.create(
        slug="cancelled", title="Cancelled talks", kind="planned_meeting", date="1984"
    )
    Participant.objects.create(event=event, agency=visitor, role="visitor")
    Participant.objects.create(event=event, agency=host, role="host")
    for record in (visitor, host, event):
        record.status = Status.PUBLISHED
        record.save()
    assert both("visitor", "host") not in pairs(graph())
    html = main_html(client.get("/network/"))
    took_place = html[html.index('id="pairs"') : html.index('id="not-held"')]
    assert 'href="/events/cancelled/"' not in took_place
    did_not = html[html.index('id="not-held"') :]
    assert 'href="/agencies/visitor/"' in did_not and 'href="/events/cancelled/"' in did_not
    dashed = re.findall(r'<line class="not-held"[^>]*><title>([^<]*)</title>', html)
    assert any("Hosting Service" in line and "Visiting Service" in line for line in dashed)


def test_agencies_on_the_same_side_are_never_joined(seed):
    """Every edge joins a visitor, a delegation's head or member, or a requester
    to a host or recipient of the same event."""
    initiating = {"visitor", "head_of_delegation", "delegation_member", "requester"}
    receiving = {"host", "recipient"}
    net = graph(grouped=False)
    assert net.edges
    for edge in net.edges:
        for ref in edge.events:
            roles = {
                (p.agency.slug, p.role)
                for p in Participant.objects.filter(event__slug=ref.slug).select_related("agency")
            }
            a, b = (
                {role for s, role in roles if s == slug}
                for slug in (edge.source.agency.slug, edge.target.agency.slug)
            )
            assert (a & initiating and b & receiving) or (a & receiving and b & initiating), ref
    # Two MfS departments travelled together in December 1975: no edge between them.
    assert both("mfs-operative-technological-services", "mfs-ha-iii") not in pairs(net)


def test_an_agency_without_a_recorded_side_is_joined_to_no_one(seed, client):
    event = ContactEvent.objects.create(
        slug="conference", title="A conference", kind="other", date="1980", status="published"
    )
    for slug in ("mfs", "iraq-foreign-ministry"):
        Participant.objects.create(event=event, agency=Agency.objects.get(slug=slug))
    assert "conference" not in {e for events in pairs(graph()).values() for e in events}
    before = graph().not_drawn
    event.delete()
    assert graph().not_drawn == before - 1
    assert "contact events are not drawn" in main_html(client.get("/network/"))


def test_departments_are_grouped_under_their_agency_unless_asked(seed, client):
    html = main_html(client.get("/network/"))
    assert "<svg" in html and 'href="/agencies/mfs/"' in html
    # Grouped: Main Department III counts as the MfS, General Security as its ministry.
    assert 'href="/agencies/mfs-ha-iii/"' not in html
    assert 'href="/agencies/iraq-general-security/"' not in html
    separate = main_html(client.get("/network/?group=none"))
    assert 'href="/agencies/iraq-general-security/"' in separate


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        # 1985: the talks with Dickel, the meeting that did not happen, and the
        # requests "since 1969", which may have been made then too.
        ("date_from=1985&date_to=1985",
         ["gdr-ministry-of-the-interior", "mfs"],
         ["iraq-foreign-ministry", "iraq-revolutionary-command-council", "gdr-embassy-baghdad"]),
        ("date_to=1972-06",
         ["iraq-foreign-ministry", "mfs"],
         ["iraq-revolutionary-command-council", "gdr-embassy-baghdad"]),
        ("kind=meeting",
         ["iraq-revolutionary-command-council", "mfs"],
         ["gdr-ministry-of-the-interior", "iraq-foreign-ministry", "gdr-embassy-baghdad"]),
        ("kind=request&kind=technical_assistance&date_from=1972&date_to=1979",
         ["iraq-foreign-ministry", "mfs", "gdr-ministry-of-the-interior"],
         ["iraq-revolutionary-command-council", "gdr-embassy-baghdad"]),
    ],
)  # fmt: skip
def test_the_network_is_filtered_by_period_and_kind(seed, client, query, present, absent):
    html = main_html(client.get(f"/network/?{query}"))
    drawing = html[html.index('class="network-drawing"') : html.index("</figure>")]
    for slug in present:
        assert f'href="/agencies/{slug}/"' in drawing, slug
    for slug in absent:
        assert f'href="/agencies/{slug}/"' not in html, slug


def test_a_filtered_period_keeps_what_was_asked_in_the_form(seed, client):
    html = main_html(client.get("/network/?date_from=1985&kind=meeting&group=none"))
    assert 'name="date_from" value="1985"' in html
    assert re.search(r'value="meeting"[^>]*checked', html)
    assert '<option value="none" selected>' in html
    # Only meetings from 1985 on: the one planned then did not take place.
    assert "No contacts between agencies match these filters." in html


def test_a_date_that_cannot_be_read_is_explained_and_nothing_is_drawn(seed, client):
    response = client.get("/network/?date_from=last+spring")
    assert response.status_code == 200
    html = main_html(response)
    assert "Give a year, a month or a day: 1975, 1975-08 or 1975-08-29." in html
    assert "<svg viewBox" not in html


def test_nodes_are_coloured_by_country_with_a_key_and_named_in_full(seed, client):
    net = graph()
    colours = {node.agency.country: node.colour for node in net.nodes}
    assert colours["German Democratic Republic"] != colours["Iraq"]
    assert {(c.name, c.colour) for c in net.countries} == set(colours.items())
    html = main_html(client.get("/network/"))
    key = html[html.index('class="network-legend"') : html.index("</ul>")]
    assert "German Democratic Republic" in key and "Iraq" in key
    # The drawing shows the abbreviation; the full name is the link's name and title.
    mfs = re.search(r'<a href="/agencies/mfs/"[^>]*>.*?</a>', html).group(0)
    assert 'aria-label="MfS: Ministry for State Security, German Democratic Republic: ' in mfs
    assert "<title>MfS: Ministry for State Security, German Democratic Republic" in mfs
    assert ">MfS</tspan>" in mfs


def test_the_pairs_are_listed_with_counts_and_their_events(seed, client):
    html = main_html(client.get("/network/?group=none"))
    table = html[html.index('id="pairs"') : html.index('id="not-held"')]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table, re.S)
    (row,) = [r for r in rows if "/agencies/iraq-general-security/" in r and "/agencies/mfs/" in r]
    # The requests "since 1969", Scholz and Amin, the study delegation, Daud's request.
    assert "4 contacts" in row
    assert 'href="/events/1979-daud-requests-training/"' in row


def test_anonymous_visitors_see_only_published_agencies_and_events(seed, client):
    mfs = Agency.objects.get(slug="mfs")
    bureau = Agency.objects.create(slug="secret-bureau", name="Secret Bureau", country="Iraq")
    event = ContactEvent.objects.create(
        slug="secret-talks", title="Secret talks", kind="meeting", date="1980"
    )
    Participant.objects.create(event=event, agency=bureau, role="visitor")
    Participant.objects.create(event=event, agency=mfs, role="host")
    assert "Secret Bureau" not in main_html(client.get("/network/"))
    bureau.status = Status.PUBLISHED
    bureau.save()
    assert "Secret Bureau" not in main_html(client.get("/network/"))  # the event is a draft
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    assert "Secret Bureau" in main_html(client.get("/network/"))


def test_the_network_makes_the_same_few_queries_as_the_catalog_grows(
    seed, client, django_assert_num_queries
):
    url = "/network/?date_from=1960&kind=meeting&kind=request&group=none"
    # The network's own four queries (the agencies, their names, the events with agencies
    # counted, the participants of those with agencies on both sides), the catalog version
    # (catalog.caching) and the restrictions of the withheld view, read once per catalog
    # version and day (catalog.restrictions).
    with django_assert_num_queries(6):
        client.get(url)
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 6)
    with django_assert_num_queries(6):
        html = main_html(client.get(url))
    assert 'href="/agencies/extra-agency-5/"' in html


def test_an_agency_page_lists_as_contacts_only_the_other_side(seed, client):
    html = main_html(client.get("/agencies/mfs/"))
    contacts = html[html.index('id="contacts"') : html.index('id="timeline"')]
    # A co-recipient of the requests "since 1969", never on the other side.
    assert 'href="/agencies/gdr-ministry-of-the-interior/"' not in contacts
    assert 'href="/agencies/iraq-general-security/"' in contacts
