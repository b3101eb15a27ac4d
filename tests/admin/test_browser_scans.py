# ruff: noqa: F811 - fixtures imported from other test modules are arguments here
"""A three-page PDF uploaded on the seed memo's admin page in a real browser: three pages with
their labels from "pp. 49-51", reordered with the keyboard and by dragging, saved; on a desktop
screen and a phone, with no axe-core violation in what scans add. Screenshots go to
var/shots/."""

import pytest
from playwright.sync_api import expect

from tests.admin.helpers import log_in_as_superuser
from tests.scans.conftest import make_pdf, media  # noqa: F401
from tests.views.test_browser_design import (
    DESKTOP,
    PHONE,
    ROOT,
    axe_violations,
    page,  # noqa: F401 - the tab that lets axe-core in
    scrolls_sideways,
)

pytestmark = pytest.mark.browser

SHOTS = ROOT / "var" / "shots"


def _labels(group) -> list[str]:
    return group.locator("tr.has_original input[name$='-label']").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )


def _positions(group) -> list[str]:
    return group.locator("tr.has_original input[name$='-position']").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_upload_a_pdf_reorder_its_pages_and_save(seed, page, viewport, tmp_path):
    width = viewport["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = make_pdf(tmp_path / "HA X 104.pdf", 3)
    page.set_viewport_size(viewport)
    log_in_as_superuser(page)
    page.goto(f"/admin/catalog/document/{seed.pk}/change/")

    upload = page.get_by_label("Add scanned pages")
    upload.set_input_files(pdf)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "3 scanned page(s) added: p. 49, p. 50, p. 51."
    )
    group = page.locator("#scan_pages-group")
    expect(group.locator("tr.has_original")).to_have_count(3)
    assert _labels(group) == ["p. 49", "p. 50", "p. 51"]
    assert _positions(group) == ["1", "2", "3"]
    thumbnails = group.locator(".scan-thumbnail img")
    expect(thumbnails).to_have_count(3)
    group.scroll_into_view_if_needed()
    for n in range(3):
        thumbnails.nth(n).scroll_into_view_if_needed()
        expect(thumbnails.nth(n)).to_have_attribute("alt", f"Scan of p. {49 + n}")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumbnails.nth(n).element_handle()
        )
    group.screenshot(path=SHOTS / f"admin-scans-uploaded-{width}.png")

    # The keyboard: p. 49 down one place.
    down = group.get_by_role("button", name="Move p. 49 down")
    down.focus()
    page.keyboard.press("Enter")
    assert _labels(group) == ["p. 50", "p. 49", "p. 51"]
    assert _positions(group) == ["1", "2", "3"]
    expect(group.get_by_role("status")).to_contain_text("p. 49 is now page 2 of 3")
    expect(down).to_be_focused()
    # Dragging: p. 51 onto the top of the first row.
    rows = group.locator("tr.has_original")
    rows.nth(2).locator("td.field-preview").drag_to(rows.nth(0), target_position={"x": 10, "y": 2})
    assert _labels(group) == ["p. 51", "p. 50", "p. 49"]
    group.screenshot(path=SHOTS / f"admin-scans-reordered-{width}.png")
    assert axe_violations(page, "#scan_pages-group .scan-move-controls") == []
    assert axe_violations(page, ".field-scan_files") == []
    assert not scrolls_sideways(page)

    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(seed.scan_pages.order_by("position").values_list("label", flat=True)) == [
        "p. 51",
        "p. 50",
        "p. 49",
    ]
    assert _labels(page.locator("#scan_pages-group")) == ["p. 51", "p. 50", "p. 49"]
    page.screenshot(path=SHOTS / f"admin-document-scans-{width}.png", full_page=True)
