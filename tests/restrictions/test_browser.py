"""The placeholder on the public page, in a real browser: visible, set apart from the text,
readable on a desktop screen and a phone, and with no axe-core violation. Screenshots go
to var/shots/."""

import datetime

import pytest

from catalog.models import Restriction
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
MEMO = "/documents/mfs-relations-with-iraqi-intelligence-1986/"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_placeholder_shows_on_the_public_page(seed, page, viewport):  # noqa: F811
    restriction = Restriction(
        scope=Restriction.Scope.PASSAGE,
        translation=seed.translations.get(),
        quote="Taher Ahmed Amin",
        reason=Restriction.Reason.THIRD_PARTY,
        rule=Restriction.Rule.FIXED,
        lift_date=datetime.date(2031, 1, 1),
    )
    restriction.full_clean()
    restriction.save()
    page.set_viewport_size(viewport)
    page.goto(MEMO)
    placeholder = page.locator(".text span.withheld, span.withheld").first
    placeholder.scroll_into_view_if_needed()
    assert placeholder.is_visible()
    assert placeholder.inner_text() == "[personal data withheld until 2031]"
    assert "Stasi Records Act" in placeholder.get_attribute("title")
    assert "Taher" not in page.content()
    style = placeholder.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.backgroundColor] }"
    )
    assert style[0] == "dashed" and style[1] != "rgba(0, 0, 0, 0)"
    assert not scrolls_sideways(page)
    violations = axe_violations(page)
    assert not violations, report({MEMO: violations})
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = f"withheld-passage-{viewport['width']}x{viewport['height']}.png"
    page.screenshot(path=str(SHOTS / name), full_page=False)
