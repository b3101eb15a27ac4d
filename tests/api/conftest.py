"""What the API tests share: a clean throttle, and JSON from the test client."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Throttle counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def get_json(client, url: str, status: int = 200, **params) -> dict:
    response = client.get(url, params, HTTP_ACCEPT="application/json")
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    return response.json()


def every_page(client, url: str, **params) -> list[dict]:
    """Every record of a list, following the cursor from page to page."""
    found, page = [], get_json(client, url, **params)
    while True:
        found.extend(page["results"])
        if not page["next"]:
            return found
        page = get_json(client, page["next"])
