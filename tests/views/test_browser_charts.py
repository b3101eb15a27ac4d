"""The charts and the network in a real browser, on a desktop screen and on a phone:
axes that show, labels that do not collide, and no page that scrolls sideways."""

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def visible_boxes(locator) -> list[dict]:
    return [box for box in (item.bounding_box() for item in locator.all()) if box is not None]


def apart(boxes: list[dict]) -> bool:
    """No two boxes, in order from left to right, overlap."""
    boxes = sorted(boxes, key=lambda box: box["x"])
    return all(a["x"] + a["width"] <= b["x"] for a, b in zip(boxes, boxes[1:], strict=False))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_charts_keep_readable_axes_on_every_width(seed, page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/")
    counts = page.locator(".year-chart-ticks span")
    assert [text.strip() for text in counts.all_inner_texts()] == ["0", "1", "2", "3", "4", "5"]
    years = page.locator(".year-chart-bars .year-label")
    shown = visible_boxes(years.locator("visible=true"))
    assert len(shown) == (18 if viewport is DESKTOP else 4)
    assert apart(shown)
    assert all(box["height"] < 20 for box in shown)  # level, not turned into the bars
    assert not scrolls_sideways(page)

    page.goto("/agencies/mfs/")
    axis = page.locator(".timeline-axis").first
    assert axis.is_visible()
    ticks = visible_boxes(axis.locator(".timeline-scale span"))
    assert len(ticks) == 4 and apart(ticks)
    assert not scrolls_sideways(page)

    page.goto("/events/")
    assert not scrolls_sideways(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_network_names_an_agency_in_full_when_it_has_focus(seed, page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/network/")
    assert not scrolls_sideways(page)
    node = page.get_by_role("link", name="MfS: Ministry for State Security", exact=False)
    full_name = page.locator(".full-name", has_text="Ministry for State Security")
    assert not full_name.is_visible()
    node.focus()
    assert full_name.is_visible()
    assert page.locator(".network-pairs").first.is_visible()
