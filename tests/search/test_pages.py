"""Pages of the document list: keyset pages in date order, numbered pages in
relevance order, and a constant number of queries however many documents."""

import pytest
from django.urls import reverse

from catalog.search.pagination import PAGE_SIZE
from tests.search import records

URL = reverse("catalog:documents")


@pytest.fixture(autouse=True)
def every_page_from_its_view(settings):
    """These tests read what the view gave its template, which a page served whole from
    the cache (catalog.caching.pages) no longer has: the list is not cached here."""
    settings.PAGE_CACHE_EXEMPT = (*settings.PAGE_CACHE_EXEMPT, URL)


def make_documents(count: int, start: int = 0) -> None:
    """Documents over many years, some sharing a date, some undated."""
    for n in range(start, start + count):
        date = "" if n % 7 == 0 else f"{1950 + n % 11}-0{1 + n % 3}"
        records.document(
            f"report-{n:03}",
            f"Report {n:03} on Iraqi contacts",
            f"Iraqi contacts, number {n}, with the MfS in Berlin.",
            date=date,
            subjects=("Counterintelligence", f"Subject {n % 4}"),
            places=("Berlin",),
            classification="Top Secret" if n % 2 else "",
            original="de" if n % 3 else "ar",
        )


def walk(client, params: dict, direction: str = "next") -> list[list[str]]:
    pages, url = [], URL + "?" + "&".join(f"{k}={v}" for k, v in params.items())
    while url:
        response = client.get(url)
        pages.append([d.slug for d in response.context["page"].object_list])
        link = response.context[f"{direction}_url"]
        url = URL + link if link else None
    return pages


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_keyset_pages_show_every_document_once_in_order(client, db, sort):
    make_documents(2 * PAGE_SIZE + 5)
    first = client.get(URL, {"sort": sort})
    everything = [d.slug for d in first.context["page"].object_list]
    pages = walk(client, {"sort": sort})
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 5]
    flat = [slug for page in pages for slug in page]
    assert flat[:PAGE_SIZE] == everything
    assert len(set(flat)) == 2 * PAGE_SIZE + 5
    # Undated documents come last either way.
    undated = {f"report-{n:03}" for n in range(0, 2 * PAGE_SIZE + 5, 7)}
    assert set(flat[-len(undated) :]) == undated


def test_previous_leads_back_to_the_same_pages(client, db):
    make_documents(3 * PAGE_SIZE)
    forward = walk(client, {"sort": "date"})
    response = client.get(URL + "?sort=date")
    for _ in range(2):
        response = client.get(URL + response.context["next_url"])
    back = []
    while response.context["previous_url"]:
        response = client.get(URL + response.context["previous_url"])
        back.append([d.slug for d in response.context["page"].object_list])
    assert back == [forward[1], forward[0]]


def test_relevance_pages_are_numbered(client, db):
    make_documents(PAGE_SIZE + 3)
    pages = walk(client, {"q": "Iraqi"})
    assert [len(page) for page in pages] == [PAGE_SIZE, 3]
    assert client.get(URL, {"q": "Iraqi", "page": "x"}).context["page"].number == 1


def test_a_bad_cursor_shows_the_first_page(client, db):
    make_documents(3)
    assert len(client.get(URL, {"after": "nonsense"}).context["page"].object_list) == 3
    assert len(client.get(URL, {"after": "99999"}).context["page"].object_list) == 3


def test_a_page_number_past_the_last_leads_to_the_last_page(client, db):
    make_documents(2 * PAGE_SIZE + 5)
    response = client.get(URL, {"q": "Iraqi", "page": "999999"})
    assert response.status_code == 302
    assert response["Location"] == URL + "?q=Iraqi&page=3"
    last = client.get(response["Location"])
    html = last.content.decode()
    assert "45 documents for" in html and "Page 3" in html
    assert len(last.context["page"].object_list) == 5
    assert "No documents match" not in html and 'rel="next"' not in html
    # A single page has no number to go to.
    assert client.get(URL, {"q": "contacts number 7", "page": "2"})["Location"] == (
        URL + "?q=contacts+number+7"
    )


def test_a_cursor_past_the_end_of_the_list_leads_to_its_last_page(client, db):
    make_documents(2 * PAGE_SIZE + 5)
    forward = walk(client, {"sort": "date"})
    from catalog.models import Document

    last_id = Document.objects.get(slug=forward[-1][-1]).pk
    response = client.get(URL, {"sort": "date", "after": last_id})
    assert response.status_code == 302
    last = client.get(response["Location"])
    # The last page is the last PAGE_SIZE documents, whatever the pages before it.
    flat = [slug for page in forward for slug in page]
    assert [d.slug for d in last.context["page"].object_list] == flat[-PAGE_SIZE:]
    assert last.context["next_url"] == "" and last.context["previous_url"]
    back = client.get(URL + last.context["previous_url"])
    assert [d.slug for d in back.context["page"].object_list] == flat[-2 * PAGE_SIZE : -PAGE_SIZE]


SEARCH_WITH_FACETS = {
    "q": "Iraqi contacts",
    "subject": "counterintelligence",
    "language": "de",
    "place": "berlin",
    "year_from": "1950",
    "year_to": "1990",
}
# The choices checked (one query for all), the full-text match, the ids it
# leaves after the filters, the page's documents with their archival
# references, the snippets, every facet (one statement), the date spans, and
# the catalog version (catalog.caching).
MAX_QUERIES = 12
PAGES = {
    "a search with facets chosen": SEARCH_WITH_FACETS,
    "page 2 of a search": {"q": "Iraqi", "page": "2"},
    "the list, no query": {},
    "page 2 of the list": {"sort": "date", "after": "SECOND"},
    "a search in date order": {"q": "Iraqi", "sort": "-date", "subject": "subject-1"},
}


def queries_per_page(client) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, params in PAGES.items():
        if params.get("after") == "SECOND":
            first = client.get(URL, {"sort": "date"})
            params = {"sort": "date", "after": first.context["page"].next["after"]}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, params)
        assert response.status_code == 200, label
        assert response.context["total"] > 0, label
        counts[label] = len(queries)
    return counts


def test_search_pages_take_the_same_few_queries_for_few_or_many_documents(client, db):
    make_documents(PAGE_SIZE + 5)
    few = queries_per_page(client)
    make_documents(5 * PAGE_SIZE, start=PAGE_SIZE + 5)
    many = queries_per_page(client)
    assert many == few
    assert max(many.values()) <= MAX_QUERIES, many


def test_a_zero_result_page_with_a_spelling_suggestion_takes_the_same_queries(client, db):
    """The explanation's one query for the unmatched words, and one for the suggestions."""

    def counted() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": "Iraqi contcts Berlln", "subject": "subject-1"})
        assert response.context["total"] == 0
        assert response.context["suggestion_url"] == "?subject=subject-1&q=Iraqi+contacts+Berlin"
        return len(queries)

    make_documents(PAGE_SIZE + 5)
    few = counted()
    make_documents(5 * PAGE_SIZE, start=PAGE_SIZE + 5)
    # With no results: the choices checked, the full-text match, the words that
    # match nothing, the suggestions for them, the catalog version, and the restrictions of
    # the withheld view (read once per catalog version: both counts follow a change).
    assert counted() == few == 6, few


def test_the_list_takes_the_same_queries_below_and_above_its_facet_sampling(
    client, db, monkeypatch
):
    """Above ``facets.APPROXIMATE_ABOVE`` documents the list counts its facets over a sample
    of ids, below it over all of them: read in one query either way."""
    from catalog.search import facets

    make_documents(PAGE_SIZE + 5)
    monkeypatch.setattr(facets, "APPROXIMATE_ABOVE", 100 * PAGE_SIZE)
    below = queries_per_page(client)
    make_documents(1, start=PAGE_SIZE + 5)  # a new catalog version: nothing cached
    monkeypatch.setattr(facets, "APPROXIMATE_ABOVE", 5)
    monkeypatch.setattr(facets, "LIST_SAMPLE_SIZE", 4)
    above = queries_per_page(client)
    assert above == below
    facet_counts = client.get(URL).context["facets"]
    assert any(value.approximate for facet in facet_counts for value in facet.values)


def test_a_search_reads_its_ranked_results_once_in_the_same_queries_at_any_size(client, db):
    """The catalog version, the withheld view, the ranked results with their years (the
    full-text match and the visibility together), the page's documents and their archival
    references, the snippets and the facets: the match is not read again by its ids."""

    def counted() -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": "Iraqi"})
        return len(queries), response.context["total"]

    make_documents(PAGE_SIZE + 5)
    few = counted()
    make_documents(5 * PAGE_SIZE, start=PAGE_SIZE + 5)
    assert counted() == (7, 6 * PAGE_SIZE + 5)
    assert few == (7, PAGE_SIZE + 5)
