"""The home page: what the catalog holds, the newest documents, subjects and the chart of
contacts, in the same few queries however large the catalog, and published records only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import ContactEvent, Status
from tests.search import records

# The first request after a change: the catalog version, the withheld view, the stored
# summary (missing), the four counts (one statement), the chart, the subjects and the
# collections, storing them (catalog.caching.summaries), and the newest documents.
QUERIES = 9
# The next ones: the version, the withheld view, the stored summary and the newest documents.
STORED = 4


def add_catalog(start: int, count: int) -> None:
    """Documents with subjects and dated contact events, a third of each a draft."""
    for n in range(start, start + count):
        status = Status.DRAFT if n % 3 == 0 else Status.PUBLISHED
        records.document(
            f"report-{n:03}",
            f"Report {n:03} on Iraqi contacts",
            f"Iraqi contacts, number {n}.",
            date=f"{1960 + n % 20}",
            subjects=(f"Subject {n}",),
            status=status,
        )
        ContactEvent.objects.create(
            slug=f"meeting-{n:03}",
            title=f"Meeting {n:03}",
            kind="meeting",
            date=f"{1960 + n % 20}/{1962 + n % 20}",
            status=status,
        )


def home_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_home_page_takes_the_same_queries_as_the_catalog_grows(db, client):
    add_catalog(0, 6)
    few, _ = home_queries(client)
    few_stored, _ = home_queries(client)
    add_catalog(6, 60)
    many, _ = home_queries(client)
    many_stored, html = home_queries(client)
    assert many == few == QUERIES
    assert many_stored == few_stored <= STORED
    assert "<strong>44</strong> documents" in html


def test_the_home_page_shows_visitors_published_records_only(db, client):
    add_catalog(0, 12)
    _, html = home_queries(client)
    recent = html[html.index('id="recent"') : html.index('id="timeline"')]
    # The ten newest published documents, newest first; no draft (every third).
    newest = [f"Report {n:03}" for n in (11, 10, 8, 7, 5, 4, 2, 1)]
    assert [title for title in newest if title in recent] == newest
    assert all(f"Report {n:03}" not in recent for n in (0, 3, 6, 9))
    assert recent.index("Report 011") < recent.index("Report 001")
    subjects = html[html.index('id="subjects"') :]
    assert "Subject 1<" in subjects and "Subject 3<" not in subjects
    assert "<strong>8</strong> contact events" in html
    # 1961: the published meetings of 1960/1962 (n=0 is a draft) and 1961/1963 (n=1).
    assert "1961: 1 contact event<" in html
    assert "1962: 2 contact events<" in html
