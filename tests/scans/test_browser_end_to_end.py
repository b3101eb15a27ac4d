# ruff: noqa: F811 - fixtures imported from other test modules are arguments here
"""Issue 14, end to end in a real browser: an archivist uploads a three-page PDF to the seed
memo (a draft) in the admin and publishes it; a visitor, who could not see the draft's scans,
opens the public page, pages through the scans in the viewer and reads the translation
beside them."""

import pytest
from playwright.sync_api import expect

from catalog.models import Document, Status
from tests.admin.helpers import log_in_as_superuser
from tests.scans.conftest import make_pdf
from tests.scans.iiif.test_browser import wait_for_page
from tests.views.test_browser_design import (  # noqa: F401 - page: the tab that lets axe-core in
    DESKTOP,
    ROOT,
    axe_violations,
    page,
    report,
)

pytestmark = pytest.mark.browser

SHOTS = ROOT / "var" / "shots"


def test_upload_publish_and_read_the_scans_beside_the_translation(
    seed, page, browser, live_server, tmp_path
):
    Document.objects.filter(pk=seed.pk).update(status=Status.DRAFT)
    public = f"/documents/{seed.slug}/"
    # A second browser, signed in nowhere (axe-core let in, as in the page fixture).
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    visitor = context.new_page()
    visitor.set_default_timeout(15_000)
    visitor.set_viewport_size(DESKTOP)
    assert visitor.goto(public).status == 404

    # The archivist: three pages from one PDF, labelled from "pp. 49-51", then published.
    page.set_viewport_size(DESKTOP)
    log_in_as_superuser(page)
    page.goto(f"/admin/catalog/document/{seed.pk}/change/")
    page.get_by_label("Add scanned pages").set_input_files(make_pdf(tmp_path / "HA X 104.pdf", 3))
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "3 scanned page(s) added: p. 49, p. 50, p. 51."
    )
    pages = list(seed.scan_pages.order_by("position"))
    # Not yet published: neither the manifest nor a tile is served to the visitor.
    assert visitor.goto(f"{public}manifest.json").status == 404
    assert visitor.goto(f"/iiif/3/{pages[0].pk}/info.json").status == 404
    page.locator("#id_status").select_option(Status.PUBLISHED)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The visitor: the scans in the viewer, the translation beside them.
    tiles = []
    visitor.on("response", lambda r: tiles.append(r.status) if "/iiif/3/" in r.url else None)
    assert visitor.goto(public).status == 200
    wait_for_page(visitor, "Page 1 of 3: p. 49")
    scan = visitor.locator(".scan-canvas").bounding_box()
    text = visitor.locator(".document-text").first
    expect(text).to_contain_text("Since 1969 counterintelligence organs of the Republic of Iraq")
    box = text.bounding_box()
    assert box["x"] >= scan["x"] + scan["width"] and box["y"] < scan["y"] + scan["height"]
    visitor.get_by_role("button", name="Next page").click()
    wait_for_page(visitor, "Page 2 of 3: p. 50")
    visitor.get_by_role("button", name="Next page").click()
    wait_for_page(visitor, "Page 3 of 3: p. 51")
    expect(visitor.locator(".scan-pages a[aria-current=page]")).to_have_text("p. 51")
    assert tiles and set(tiles) <= {200, 304}
    violations = axe_violations(visitor)
    assert not violations, report({public: violations})
    SHOTS.mkdir(parents=True, exist_ok=True)
    visitor.screenshot(path=str(SHOTS / "end-to-end-scans-1366x900.png"))
    assert visitor.goto(f"{public}manifest.json").status == 200
    context.close()
