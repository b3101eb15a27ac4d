"""A historian searches the catalog in a real browser."""

from pathlib import Path

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


SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.mark.parametrize("size", SIZES)
def test_the_first_result_is_on_the_first_screen(seed, page, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/documents/?q=Saadoun")
    first = page.locator(".results-list .result").first.bounding_box()
    assert first is not None and first["y"] + 40 < height, first
    # One search box: the header's is left out on this page.
    assert page.get_by_role("searchbox").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"search-saadoun-{size}.png", full_page=False)
    if size == "phone":
        filters = page.get_by_text("Filter", exact=True)
        assert filters.is_visible() and not page.locator(".facet-language").is_visible()
        filters.click()
        assert page.locator(".facet-language").is_visible()
    else:
        assert page.locator(".facet-language").is_visible()
    page.goto("/documents/?q=Saadoun+Kurdistan&language=de")
    assert "No document contains" in page.locator(".results-none").inner_text()
    page.screenshot(path=SCREENSHOTS / f"search-none-{size}.png", full_page=False)


@pytest.fixture
def axe_page(browser, live_server):
    """A tab that may inject axe-core past the site's Content-Security-Policy
    (see tests/views/test_browser_design.py)."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_misspelt_name_is_offered_respelt_and_the_offer_finds_the_memo(seed, axe_page, size):
    from tests.views.test_browser_design import axe_violations

    page = axe_page
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/documents/")
    page.get_by_label("Search the documents").fill("Sadoun Shakr")
    page.locator("#main").get_by_role("button", name="Search").click()
    offer = page.locator(".results-none .suggestion")
    assert offer.inner_text() == "Did you mean Saadoun Shaker?"
    link = offer.get_by_role("link", name="Saadoun Shaker")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] < height, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"search-suggestion-{size}.png", full_page=False)

    link.click()
    assert page.get_by_label("Search the documents").input_value() == "Saadoun Shaker"
    page.get_by_role("link", name="Relations between the Ministry for State Security").click()
    assert page.url.endswith(seed.get_absolute_url())
