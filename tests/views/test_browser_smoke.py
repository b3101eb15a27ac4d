"""The public catalog in a real browser: the seed is there to read."""

import pytest

pytestmark = pytest.mark.browser


def test_a_visitor_opens_the_seed_memo_from_the_home_page(seed, page):
    page.goto("/")
    page.get_by_role("link", name="Relations between the Ministry for State Security").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Relations between")
    assert "BStU, ZA, HA X 104, pp. 49-51" in page.content()
