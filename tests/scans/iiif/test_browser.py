"""The scan viewer in a real browser: a published document with three scanned pages, paged
through with the buttons and the keyboard, the translation beside the scan with the shown
page's passage highlighted, under the site's own Content-Security-Policy; axe-clean at both
widths. Screenshots go to var/shots/."""

import pytest

from tests.scans.iiif.conftest import scanned_document
from tests.views.test_browser_design import (
    DESKTOP,
    PHONE,
    ROOT,
    axe_violations,
    page,  # noqa: F401 - the tab that lets axe-core in
    report,
    scrolls_sideways,
)

pytestmark = pytest.mark.browser

SHOTS = ROOT / "var" / "shots"
URL = "/documents/scanned-memo/"


def current_passage(tab) -> str:
    return tab.evaluate(
        """() => [...CSS.highlights.get("scan-page")].map(r => r.toString()).join("|")"""
    )


def wait_for_page(tab, label: str) -> None:
    tab.wait_for_function(
        "label => document.querySelector('.scan-status').textContent.endsWith(label)", arg=label
    )
    tab.wait_for_function(
        "() => { const v = document.querySelector('.openseadragon-canvas canvas');"
        " return v && v.width > 0; }"
    )


def test_the_viewer_pages_through_the_scans_beside_the_text(browser, live_server):
    """Under the site's Content-Security-Policy, as a visitor gets it."""
    scanned_document()
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    refused = []
    tab.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    tiles = []
    tab.on("response", lambda r: tiles.append(r.status) if "/iiif/3/" in r.url else None)
    tab.set_viewport_size(DESKTOP)
    tab.goto(URL)
    wait_for_page(tab, "Page 1 of 3: Bl. 49")
    assert "First page" in current_passage(tab)
    # The text stands beside the scan.
    scan = tab.locator(".scan-canvas").bounding_box()
    text = tab.locator(".document-text").first.bounding_box()
    assert text["x"] >= scan["x"] + scan["width"] and text["y"] < scan["y"] + scan["height"]

    next_button = tab.get_by_role("button", name="Next page")
    next_button.click()
    wait_for_page(tab, "Page 2 of 3: Bl. 50")
    assert "Second page" in current_passage(tab)
    assert "First page" not in current_passage(tab)
    assert tab.locator(".scan-pages a[aria-current=page]").inner_text() == "Bl. 50"

    # By keyboard: the button keeps the focus and Enter turns the page; in the scan itself,
    # Page Up turns back.
    next_button.focus()
    tab.keyboard.press("Enter")
    wait_for_page(tab, "Page 3 of 3: Bl. 51")
    assert "Third page" in current_passage(tab)
    assert tab.locator(".scan-pager [data-scan=next]").get_attribute("aria-disabled") == "true"
    tab.locator(".openseadragon-canvas").focus()
    tab.keyboard.press("PageUp")
    wait_for_page(tab, "Page 2 of 3: Bl. 50")
    tab.get_by_role("button", name="Rotate").click()
    tab.wait_for_function("() => true")
    tab.get_by_role("button", name="Previous page").click()
    wait_for_page(tab, "Page 1 of 3: Bl. 49")
    # A page's mark in the text turns the scan to it.
    tab.locator(".document-text a.page-break", has_text="Bl. 51").click()
    wait_for_page(tab, "Page 3 of 3: Bl. 51")

    assert tiles and set(tiles) <= {200, 304}
    assert refused == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / "scans-1366x900.png"))
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_page_with_scans_is_axe_clean_and_fits_a_phone(page, viewport):  # noqa: F811
    scanned_document()
    page.set_viewport_size(viewport)
    page.goto(URL)
    wait_for_page(page, "Page 1 of 3: Bl. 49")
    violations = axe_violations(page)
    assert not violations, report({URL: violations})
    assert not scrolls_sideways(page)
    if viewport == PHONE:
        scan = page.locator(".scan-canvas").bounding_box()
        text = page.locator(".document-text").first.bounding_box()
        assert text["y"] >= scan["y"] + scan["height"]  # stacked: the scan, then the text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"scans-{viewport['width']}x{viewport['height']}-axe.png"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_seed_memo_reads_beside_its_scans(seed, page, viewport):  # noqa: F811
    """The screenshots a reviewer looks at: the seed memo with three typed folios."""
    from tests.scans.iiif.conftest import scan_the_seed

    scan_the_seed(seed)
    page.set_viewport_size(viewport)
    page.goto(f"/documents/{seed.slug}/")
    wait_for_page(page, "Page 1 of 3: Bl. 49")
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = f"{viewport['width']}x{viewport['height']}"
    page.screenshot(path=str(SHOTS / f"seed-scans-{size}-first.png"))
    page.get_by_role("button", name="Next page").click()
    wait_for_page(page, "Page 2 of 3: Bl. 50")
    assert current_passage(page)
    violations = axe_violations(page)
    assert not violations, report({seed.slug: violations})
    assert not scrolls_sideways(page)
    page.screenshot(path=str(SHOTS / f"seed-scans-{size}-second.png"))
