"""A restricted passage of the seed memo, highlighted in the admin with its reason and lift
day, in a real browser, on a desktop screen and a phone; no axe-core violation in what the
catalog adds. Screenshots go to var/shots/."""

import datetime

import pytest
from playwright.sync_api import expect

from catalog.models import Restriction
from tests.admin.helpers import log_in_as_superuser
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


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_document_admin_highlights_a_restricted_passage(seed, page, viewport):  # noqa: F811
    restriction = Restriction(
        translation=seed.translations.get(),
        quote="Taher Ahmed Amin",
        reason=Restriction.Reason.THIRD_PARTY,
        rule=Restriction.Rule.FIXED,
        lift_date=datetime.date(2031, 1, 1),
    )
    restriction.full_clean()
    restriction.save()
    page.set_viewport_size(viewport)
    log_in_as_superuser(page)
    width = viewport["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)

    index = page.locator("#restrictions-lifting-soon")
    expect(index).to_contain_text("Lifting in the next 90 days")
    page.screenshot(path=SHOTS / f"admin-index-{width}.png")

    page.goto(f"/admin/catalog/document/{seed.pk}/change/")
    shown = page.locator(".field-restricted_passages")
    mark = shown.locator("mark.restricted", has_text="Taher Ahmed Amin")
    expect(mark).to_have_count(1)
    expect(mark).to_have_attribute(
        "title", "Personal data of a third party: withheld until 1 January 2031"
    )
    expect(shown.locator(".restriction-legend")).to_contain_text("withheld from the public")
    mark.scroll_into_view_if_needed()
    expect(mark).to_be_visible()
    # Listed with the document's parts, linked to its own page.
    expect(page.locator("#restrictions-group")).to_contain_text("Personal data of a third party")
    assert axe_violations(page, ".field-restricted_passages") == []
    # (The inline's table is Django's own markup, with its empty header cells: not tried.)
    assert not scrolls_sideways(page)
    shown.screenshot(path=SHOTS / f"admin-document-restricted-{width}.png")

    page.goto("/admin/catalog/restriction/")
    expect(page.locator("#result_list")).to_contain_text("Taher Ahmed Amin")
    page.screenshot(path=SHOTS / f"admin-restrictions-{width}.png", full_page=True)
    page.goto(f"/admin/catalog/restriction/{restriction.pk}/delete/")
    expect(page.get_by_label("Reason for lifting early")).to_be_visible()
    page.screenshot(path=SHOTS / f"admin-restriction-delete-{width}.png", full_page=True)
