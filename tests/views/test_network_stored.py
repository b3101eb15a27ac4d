"""The whole network as the public sees it, summarised once per catalog version and day and
stored (catalog.views.network.stored): read back in a fixed number of queries, drawn as the
computed one is, and never showing what the public may not see now."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import (
    Agency,
    ContactEvent,
    NetworkEdge,
    Participant,
    Person,
    Restriction,
    Status,
)
from catalog.views import network
from tests.restrictions.helpers import withhold
from tests.views import factories as make
from tests.views.test_network import main_html

URLS = ["/network/", "/network/?group=none"]
KINDS = ["delegation_visit", "meeting"]


def get(client, url: str):
    """The page drawn by the view: never the whole page from the cache (catalog.caching)."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response


def page(client, url: str) -> str:
    return main_html(get(client, url))


def queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return [query["sql"] for query in captured]


def reads_participants(sqls: list[str]) -> bool:
    return any("catalog_participant" in sql for sql in sqls)


@pytest.mark.parametrize("url", URLS)
def test_the_stored_network_is_read_in_the_same_few_queries_as_the_catalog_grows(seed, client, url):
    first, then = queries(client, url), queries(client, url)
    # The first page under a new version summarises and stores; the next reads it back:
    # the version, the restrictions (catalog.restrictions: here the cache, where they are kept
    # per version and day, is emptied before each page), the stored rows, the agencies drawn
    # and their names.
    assert reads_participants(first) and not reads_participants(then)
    assert len(then) == 5 and len(then) < len(first) <= 12
    make.grow(Person.objects.get(slug="saadoun-shaker"), Agency.objects.get(slug="mfs"), 30)
    grown_first, grown = queries(client, url), queries(client, url)
    assert (len(grown_first), len(grown)) == (len(first), len(then))
    assert not reads_participants(grown)
    html = page(client, url)
    assert 'href="/agencies/extra-agency-28/"' in html


@pytest.mark.parametrize("grouped", [True, False])
def test_the_stored_network_is_drawn_as_the_computed_one(seed, client, grouped):
    mfs = Agency.objects.get(slug="mfs")
    # More events for one pair than the table names: the stored rows keep the first five.
    make.grow(Person.objects.get(slug="saadoun-shaker"), mfs, 4)
    other = Agency.objects.get(slug="extra-agency-0")
    for n in range(7):
        event = ContactEvent.objects.create(
            slug=f"visit-{n}", title=f"Visit {n}", kind=KINDS[n % 2], date=f"{1980 + n}",
            status=Status.PUBLISHED,
        )  # fmt: skip
        Participant.objects.create(event=event, agency=other, role="visitor")
        Participant.objects.create(event=event, agency=mfs, role="host")
    url = "/network/" if grouped else "/network/?group=none"
    computed = get(client, url).content  # summarised and stored
    stored = get(client, url).content  # read back
    assert stored == computed
    assert NetworkEdge.objects.filter(grouped=grouped).exists()
    # The same as the network computed whole for the request, as staff's is.
    live = network.build(
        Agency.objects.published(), ContactEvent.objects.published(), grouped=grouped
    )
    read = network.draw(*network.stored.public_summary(get(client, url).wsgi_request, grouped))
    assert [(n.agency.pk, n.contacts, n.x, n.y, n.colour) for n in read.nodes] == [
        (n.agency.pk, n.contacts, n.x, n.y, n.colour) for n in live.nodes
    ]
    assert [
        (e.source.agency.pk, e.target.agency.pk, e.held, e.count, e.kinds, e.first_events, e.more)
        for e in read.edges
    ] == [
        (e.source.agency.pk, e.target.agency.pk, e.held, e.count, e.kinds, e.first_events, e.more)
        for e in live.edges
    ]
    assert (read.not_drawn, read.view_box) == (live.not_drawn, live.view_box)
    (edge,) = [e for e in read.edges if e.target.agency == other or e.source.agency == other]
    assert (edge.count, edge.more, len(edge.first_events)) == (8, 3, 5)
    assert "and 3 more, on the agencies’ pages" in page(client, url)


def secret_talks(bureau_status=Status.PUBLISHED) -> tuple[Agency, ContactEvent]:
    mfs = Agency.objects.get(slug="mfs")
    bureau = Agency.objects.create(
        slug="secret-bureau", name="Secret Bureau", country="Iraq", status=bureau_status
    )
    event = ContactEvent.objects.create(
        slug="secret-talks", title="Secret talks", kind="meeting", date="1980",
        status=Status.PUBLISHED,
    )  # fmt: skip
    Participant.objects.create(event=event, agency=bureau, role="visitor")
    Participant.objects.create(event=event, agency=mfs, role="host")
    return bureau, event


@pytest.mark.parametrize("url", URLS)
def test_publishing_and_unpublishing_replace_the_stored_network(seed, client, url):
    bureau, event = secret_talks()
    assert "Secret Bureau" in page(client, url)
    assert "Secret Bureau" in page(client, url)  # read back
    event.status = Status.DRAFT
    event.save()
    assert "Secret Bureau" not in page(client, url)
    assert "Secret Bureau" not in page(client, url)
    event.status = Status.PUBLISHED
    event.save()
    assert "Secret Bureau" in page(client, url)
    bureau.status = Status.DRAFT
    bureau.save()
    assert "Secret Bureau" not in page(client, url)
    assert "Secret Bureau" not in page(client, url)


def test_an_event_withheld_leaves_the_stored_network(seed, client):
    amin = Person.objects.get(slug="taher-ahmed-amin")
    bureau, event = secret_talks()
    event.title = f"Secret talks with {amin.preferred_name}"
    event.save()
    Participant.objects.create(event=event, person=amin, role="visitor")
    assert "Secret Bureau" in page(client, "/network/")
    assert "Secret Bureau" in page(client, "/network/")  # read back
    restriction = withhold(scope=Restriction.Scope.PERSON, person=amin)
    # The event names a withheld person taking part: withheld whole, and its pair with it.
    html = page(client, "/network/")
    assert "Secret Bureau" not in html and "/events/secret-talks/" not in html
    assert "Secret Bureau" not in page(client, "/network/")
    restriction.delete()
    assert "Secret Bureau" in page(client, "/network/")


def test_staff_see_drafts_in_the_network_and_nothing_of_theirs_is_stored(seed, client):
    secret_talks(bureau_status=Status.DRAFT)
    client.force_login(User.objects.create_user("archivist", is_staff=True))
    assert "Secret Bureau" in page(client, "/network/")
    assert not NetworkEdge.objects.exists()
    client.logout()
    assert "Secret Bureau" not in page(client, "/network/")
    assert NetworkEdge.objects.exists()
    client.force_login(User.objects.get(username="archivist"))
    assert "Secret Bureau" in page(client, "/network/")


def test_storing_the_network_does_not_change_the_catalog_version(seed, client):
    queries(client, "/network/")
    # Were the stored rows a write to the catalog, each page would store them again.
    assert not reads_participants(queries(client, "/network/"))
    assert not reads_participants(queries(client, "/network/"))
