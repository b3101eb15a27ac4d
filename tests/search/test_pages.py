"""Pages of the document list: keyset pages in date order, numbered pages in
relevance order, and a constant number of queries however many documents."""

import pytest
from django.urls import reverse

from catalog.search.pagination import PAGE_SIZE
from tests.search import records

URL = reverse("catalog:documents")


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
    last = client.get(URL + "?sort=date&after=" + str(_last_id(client, forward)))
    assert last.context["page"].object_list == []  # after the last document: nothing
    response = client.get(URL + "?sort=date")
    for _ in range(2):
        response = client.get(URL + response.context["next_url"])
    back = []
    while response.context["previous_url"]:
        response = client.get(URL + response.context["previous_url"])
        back.append([d.slug for d in response.context["page"].object_list])
    assert back == [forward[1], forward[0]]


def _last_id(client, pages) -> int:
    from catalog.models import Document

    return Document.objects.get(slug=pages[-1][-1]).pk


def test_relevance_pages_are_numbered(client, db):
    make_documents(PAGE_SIZE + 3)
    pages = walk(client, {"q": "Iraqi"})
    assert [len(page) for page in pages] == [PAGE_SIZE, 3]
    assert client.get(URL, {"q": "Iraqi", "page": "x"}).context["page"].number == 1


def test_a_bad_cursor_shows_the_first_page(client, db):
    make_documents(3)
    assert len(client.get(URL, {"after": "nonsense"}).context["page"].object_list) == 3
    assert len(client.get(URL, {"after": "99999"}).context["page"].object_list) == 3


SEARCH_WITH_FACETS = {
    "q": "Iraqi contacts",
    "subject": "counterintelligence",
    "language": "de",
    "place": "berlin",
    "year_from": "1950",
    "year_to": "1990",
}
# Three choices checked (subject, language, place), eight facets, the date
# bounds and their counts, the total, the page (ids in relevance order, then
# the documents), the snippets, and the catalog version (catalog.caching): 18.
MAX_QUERIES = 18


@pytest.mark.parametrize("count", [3, 60])
def test_a_search_page_takes_the_same_queries_for_few_or_many_documents(
    client, db, django_assert_max_num_queries, count
):
    make_documents(count)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, SEARCH_WITH_FACETS)
    assert response.context["total"] > 0


@pytest.mark.parametrize("count", [3, 60])
def test_a_deep_date_page_takes_the_same_queries_for_few_or_many_documents(
    client, db, django_assert_max_num_queries, count
):
    make_documents(count)
    from catalog.models import Document

    middle = Document.objects.order_by("pk")[count // 2]
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, {"sort": "date", "after": middle.pk, "subject": "subject-1"})
    assert response.status_code == 200
