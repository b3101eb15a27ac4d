"""A historian searches the catalog in a real browser."""

import pytest

from tests.search import records

pytestmark = pytest.mark.browser


def test_a_visitor_searches_narrows_by_a_facet_and_opens_the_memo(seed, page):
    records.document(
        "iraqi-request-1969",
        "Iraqi request for cooperation",
        "Iraqi counterintelligence asked for cooperation.",
        date="1969-10",
        original="ar",
    )
    page.goto("/documents/")
    page.get_by_label("Search the documents").fill("Iraqi counterintelligence")
    page.locator("#main").get_by_role("button", name="Search").click()
    results = page.locator(".results-list .result")
    assert results.count() == 2
    assert page.locator(".result-snippet mark").first.inner_text().lower() in {
        "iraqi",
        "counterintelligence",
    }

    page.locator(".facet-language").get_by_role("link", name="German").click()
    assert results.count() == 1
    assert "German" in page.locator(".facet-language .facet-active").inner_text()

    page.get_by_role("link", name="Relations between the Ministry for State Security").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Relations between")
    assert page.url.endswith(seed.get_absolute_url())
