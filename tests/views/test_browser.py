"""A visitor reads, follows and cites in a real browser (Chromium, through Playwright)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Relations between the Ministry for State Security"


def test_a_visitor_follows_links_from_home_to_a_person_and_cites_the_document(seed, page):
    page.goto("/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/documents/mfs-relations-with-iraqi-intelligence-1986/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(TITLE)
    assert page.get_by_role("heading", name="Provenance").is_visible()

    # A mention in the text leads to the person's page.
    page.locator(".document-text a.mention", has_text="Saadoun Shaker").first.click()
    page.wait_for_url("**/persons/saadoun-shaker/")
    assert page.get_by_role("heading", level=1).inner_text() == "Saadoun Shaker"
    assert page.get_by_role("link", name="Scholz meets Saadoun Shaker in transit").is_visible()

    # Back on the document, the BibTeX citation downloads.
    page.go_back()
    with page.expect_download() as info:
        page.get_by_role("link", name="BibTeX (.bib)").click()
    download = info.value
    assert download.suggested_filename == "mfs-relations-with-iraqi-intelligence-1986.bib"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.startswith("@misc{mfs-relations-with-iraqi-intelligence-1986,")
    assert "translator = {Schaefer, Bernd}" in content


def test_evidence_links_land_on_the_highlighted_passage(seed, page):
    page.goto("/events/1975-08-29-scholz-meets-saadoun-shaker/")
    page.locator("section[aria-labelledby=evidence] blockquote a").first.click()
    # The document page loads after the click: wait for it rather than read the event's page.
    page.wait_for_url("**/documents/mfs-relations-with-iraqi-intelligence-1986/#p-*")
    passage = page.locator(".passage:target")
    expect(passage).to_have_count(1)
    expect(passage).to_have_text(re.compile(r"^\s*On 29 August 1975"))


def test_tab_reaches_the_skip_link_first_and_it_moves_to_the_content(seed, page):
    page.goto("/persons/saadoun-shaker/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_stylesheet_loads_and_the_layout_fits_a_phone(seed, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/documents/mfs-relations-with-iraqi-intelligence-1986/")
    # The project's own stylesheet applied: the skip link is moved out of sight.
    assert page.locator(".skip-link").bounding_box()["y"] < 0
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375


def test_the_events_can_be_filtered_with_the_keyboard(seed, page):
    page.goto("/events/")
    page.get_by_label("Country").select_option("Iraq")
    page.get_by_label("From (year, month or day)").fill("1985")
    page.get_by_label("From (year, month or day)").press("Enter")
    page.wait_for_url("**/events/?*country=Iraq*")
    rows = page.locator("tbody tr")
    assert rows.count() == 3  # the requests "since 1969" and the two contacts of 1985


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_the_memo_text_starts_on_the_first_screen(seed, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/documents/mfs-relations-with-iraqi-intelligence-1986/")
    first = page.locator(".document-text p", has_text="Since 1969").first.bounding_box()
    assert first["y"] < height
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The translator's credit is said once, not in three places.
    main = page.locator("main").inner_text()
    assert main.count("Translated for CWIHP by Bernd Schaefer.") <= 2  # source note + citation
    assert "own date line reads “Berlin, 27 February 1986”" in main
