"""How the pages look and read in a real browser, on a desktop screen and on phones.

axe-core, installed from npm into node_modules/ (package.json), is loaded into each page
from this checkout, never from another host. Screenshots of the pages a reviewer looks at
first are written to var/screenshots/.
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from catalog.models import Person
from tests.views.test_accessibility import PAGES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}

MEMO = "/documents/mfs-relations-with-iraqi-intelligence-1986/"
PUBLIC = [
    *PAGES,
    "/documents/",
    "/documents/?q=Saadoun",
    "/documents/?q=nothing-matches-this",
    "/help/search/",
    "/no-such-page/",
]
SHOWN = {
    "home": "/",
    "search-results": "/documents/?q=Saadoun",
    "memo": MEMO,
    "person": "/persons/saadoun-shaker/",
    "event": "/events/1975-08-29-scholz-meets-saadoun-shaker/",
    "network": "/network/",
}


@pytest.fixture
def page(browser, live_server):
    """A browser tab that lets the test inject axe-core: the site's Content-Security-Policy
    rightly refuses an inline script, and is itself tested in
    tests/admin/test_browser_security.py."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page, within: str = "html") -> list[str]:
    """Every axe-core violation on the page (or in the part ``within`` selects), one line
    each: rule, impact, where."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (within) => (await axe.run(within, {resultTypes: ["violations"]})).violations
            .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target)}`)""",
        within,
    )


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{url}: {line}" for url, lines in found.items() for line in lines)


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_public_page_has_no_axe_violations(seed, page, viewport):
    page.set_viewport_size(viewport)
    found = {}
    for url in PUBLIC:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert not found, report(found)


def test_the_admins_own_pages_have_no_axe_violations(seed, page):
    user = get_user_model().objects.create_superuser("eva", "eva@example.org", "a-long-password")
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "a-long-password")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    persons = Person.objects.order_by("pk").values_list("pk", flat=True)[:2]
    admin_pages = [
        # The history, field by field, and the changes to the record's parts.
        (f"/admin/catalog/document/{seed.pk}/history/", "html"),
        (f"/admin/catalog/person/merge/?ids={persons[0]},{persons[1]}", "html"),
        # A list page is Django's own; the year range filter in it is the catalog's.
        ("/admin/catalog/document/?year_from=1980&year_to=1989", "#changelist-filter"),
    ]
    found = {}
    for url, within in admin_pages:
        page.goto(url)
        violations = axe_violations(page, within)
        if violations:
            found[url] = violations
    assert not found, report(found)


@pytest.mark.parametrize("viewport", [PHONE, NARROWEST], ids=["390px", "320px"])
def test_no_public_page_scrolls_sideways_on_a_phone(seed, page, viewport):
    page.set_viewport_size(viewport)
    wide = []
    for url in PUBLIC:
        page.goto(url)
        if scrolls_sideways(page):
            wide.append(url)
    assert wide == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_memos_first_paragraph_is_on_the_first_screen(seed, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(MEMO)
    text = page.locator(".document-text p", has_text="Since 1969").first.bounding_box()
    assert text["y"] + 40 < viewport["height"]  # at least two lines of it show


def test_reading_text_keeps_to_about_seventy_characters_a_line(seed, page):
    page.set_viewport_size(DESKTOP)
    page.goto(MEMO)
    characters_per_line = page.evaluate(
        """() => {
            const p = [...document.querySelectorAll(".document-text p")]
                .find(p => p.textContent.startsWith("In October 1969"));
            const range = document.createRange();
            range.selectNodeContents(p);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return p.textContent.length / lines.size;
        }"""
    )
    assert 55 <= characters_per_line <= 72


def test_documents_are_set_in_a_serif_and_the_interface_in_a_sans(seed, page):
    page.goto(MEMO)
    text = page.locator(".document-text").evaluate("e => getComputedStyle(e).fontFamily")
    interface = page.locator(".site-header nav").evaluate("e => getComputedStyle(e).fontFamily")
    assert text.rstrip().endswith("serif") and not text.rstrip().endswith("sans-serif")
    assert interface.rstrip().endswith("sans-serif")


def test_a_printed_document_is_its_text_and_citation_without_navigation(seed, page):
    page.goto(MEMO)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.get_by_role("heading", name="Provenance").is_visible()
    assert page.locator(".document-text p", has_text="Since 1969").first.is_visible()
    assert page.locator(".citation").is_visible()
    assert "Relations between" in page.locator(".citation").inner_text()


def test_a_missing_page_offers_a_search_and_a_way_home(seed, page):
    response = page.goto("/documents/no-such-document/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "This page is not in the catalog"
    page.get_by_label("Search the documents").fill("Saadoun")
    page.get_by_label("Search the documents").press("Enter")
    page.wait_for_url("**/documents/?q=Saadoun")
    page.go_back()
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_function("location.pathname === '/'")


def test_the_favicon_is_served_by_the_catalog(seed, page):
    response = page.goto("/favicon.ico")
    assert response.ok
    assert response.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_screenshots_of_the_pages_a_reviewer_looks_at_first(seed, page, viewport):
    """Written to var/screenshots/NAME-WIDTH.png, the whole length of each page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    for name, url in SHOWN.items():
        page.goto(url)
        path = SCREENSHOTS / f"{name}-{viewport['width']}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000, path


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_network_drawn_in_part_has_no_axe_violations_and_fits_a_phone(seed, page, viewport):
    from tests.views.test_network_bounded import busy_agencies

    busy_agencies(50)
    page.set_viewport_size(viewport)
    page.goto("/network/?group=none")
    assert "the 40 agencies with most contacts, of 58" in page.inner_text("[role=status]")
    assert not axe_violations(page)
    assert not scrolls_sideways(page)
