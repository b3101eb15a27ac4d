"""A network at archive scale is drawn in part (catalog.views.network.edges.busiest): the
agencies with most contacts and the pairs among them with most contacts, the page saying how
many there are in all, in the same few queries however large the network grows."""

import re

import pytest
from django.contrib.auth.models import User

from catalog.models import Agency, ContactEvent, Participant, Status
from catalog.views.network import edges
from tests.views.test_network import main_html
from tests.views.test_network_stored import get, page, queries

URLS = ["/network/?group=none", "/network/?group=none&date_from=1960&kind=meeting"]


def busy_agencies(count: int, *, draft: tuple[int, ...] = ()) -> list[Agency]:
    """``count`` published agencies, the nth with n + 10 meetings with the MfS (its visitor),
    except the agencies numbered in ``draft``, which are drafts."""
    mfs = Agency.objects.get(slug="mfs")
    agencies = Agency.objects.bulk_create(
        Agency(
            slug=f"busy-agency-{n}",
            name=f"Busy Agency {n}",
            country=f"Country {n % 12}",
            status=Status.DRAFT if n in draft else Status.PUBLISHED,
        )
        for n in range(count)
    )
    events = [
        ContactEvent(
            slug=f"busy-{n}-{i}",
            title=f"Meeting {n}.{i}",
            kind="meeting",
            date=f"{1970 + i % 15}",
            status=Status.PUBLISHED,
        )
        for n in range(count)
        for i in range(n + 10)
    ]
    for event in events:
        event.compute_derived()
    ContactEvent.objects.bulk_create(events)
    by_slug = {a.slug: a for a in agencies}
    Participant.objects.bulk_create(
        Participant(event=event, agency=agency, role=role)
        for event in events
        for agency, role in [
            (by_slug[f"busy-agency-{event.slug.split('-')[1]}"], "visitor"),
            (mfs, "host"),
        ]
    )
    return agencies


def drawn_agencies(html: str) -> list[str]:
    svg = html[html.index("<svg viewBox") : html.index("</svg>", html.index("<svg viewBox"))]
    return re.findall(r'<a href="/agencies/([^/]+)/"', svg)


def listed_pairs(html: str) -> list[str]:
    table = html[html.index('id="pairs"') :]
    return re.findall(r'<tr>\s*<th scope="row">', table)


def test_the_seed_network_is_drawn_whole_and_says_nothing_of_a_bound(seed, client):
    html = page(client, "/network/?group=none")
    assert len(drawn_agencies(html)) == 8  # each department on its own
    assert "Drawn and listed below" not in html
    assert "The agencies with at least one contact, country by country." in html


@pytest.mark.parametrize("url", URLS)
def test_a_network_larger_than_the_bound_draws_its_busiest_agencies_and_says_how_many(
    seed, client, url
):
    before = len(drawn_agencies(page(client, url)))
    busy_agencies(50)
    html = page(client, url)
    drawn = drawn_agencies(html)
    assert len(drawn) == edges.MOST_AGENCIES == 40
    # The MfS, which met every one of them, and the 39 busiest (n + 10 meetings, n from 11
    # to 49); none of the seed's other agencies, which have fewer contacts.
    assert set(drawn) == {"mfs"} | {f"busy-agency-{n}" for n in range(11, 50)}
    status = html[html.index('<p role="status">') : html.index("</p>", html.index("role="))]
    total = before + 50
    assert f"{total} agencies in" in status
    drawn = f"the 40 agencies with most contacts, of {total}, and the 39 pairs among them, of "
    assert drawn in status
    assert "Narrow the period or kinds of contact to see the others" in status
    assert "The 40 agencies with most contacts, country by country." in html
    # The table lists exactly the pairs drawn: each busy agency with the MfS.
    assert len(listed_pairs(html)) == 39 == html.count("<line class=")


def test_of_many_pairs_only_the_busiest_are_drawn_and_listed(seed, client, monkeypatch):
    monkeypatch.setattr(edges, "MOST_PAIRS", 3)
    busy_agencies(5)
    html = page(client, "/network/?group=none")
    assert len(drawn_agencies(html)) == 13  # the seed's 8 and the 5: fewer than the bound
    assert len(listed_pairs(html)) == 3 == html.count("<line class=")
    # The three busy agencies with most meetings with the MfS: 14, 13 and 12.
    rows = html[html.index('id="pairs"') :]
    assert [n for n in range(5) if f'href="/agencies/busy-agency-{n}/"' in rows] == [2, 3, 4]
    assert "Drawn and listed below: the 3 pairs with most contacts, of 14 in all." in html


def test_past_both_bounds_the_page_names_both(seed, client, monkeypatch):
    monkeypatch.setattr(edges, "MOST_PAIRS", 20)
    busy_agencies(50)
    html = page(client, "/network/?group=none")
    assert len(drawn_agencies(html)) == 40
    assert len(listed_pairs(html)) == 20 == html.count("<line class=")
    assert (
        "Drawn and listed below: the 40 agencies with most contacts, of 58, and the 20 pairs "
        "among them with most contacts, of 59 in all." in html
    )


@pytest.mark.parametrize("url", URLS)
def test_the_bounded_network_makes_the_same_few_queries_however_large(seed, client, url):
    first, then = len(queries(client, url)), len(queries(client, url))
    busy_agencies(50)
    assert (len(queries(client, url)), len(queries(client, url))) == (first, then)


def test_drafts_take_no_place_among_the_busiest_and_are_not_counted(seed, client):
    # The busiest of all is a draft, and so are the events of another.
    busy_agencies(50, draft=(49,))
    ContactEvent.objects.filter(slug__startswith="busy-48-").update(status=Status.DRAFT)
    for url in ["/network/?group=none", "/network/?group=none"]:  # stored, then read back
        html = page(client, url)
        drawn = drawn_agencies(html)
        assert "busy-agency-49" not in drawn and "busy-agency-48" not in drawn
        assert set(drawn) == {"mfs"} | {f"busy-agency-{n}" for n in range(9, 48)}
        assert "Busy Agency 49" not in html and "/events/busy-48-" not in html
        # The seed's 8 agencies and 48 published busy ones; its 9 pairs and their 48.
        assert "of 56, and the 39 pairs among them, of 57 in all." in html
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    html = main_html(get(client, "/network/?group=none"))
    assert {"busy-agency-49", "busy-agency-48"} <= set(drawn_agencies(html))
