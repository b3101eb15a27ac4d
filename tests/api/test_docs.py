"""The API's documentation page: Swagger UI from the catalog's own static files, running
under the site's Content-Security-Policy."""

import re

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import Page, expect

from tests.admin.test_browser_security import watch_policy


def test_the_docs_page_loads_everything_from_the_site_itself(db, client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts)  # none inline
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses and not [a for a in addresses if a.startswith(("http:", "https:", "//"))]
    for address in addresses:
        if address.startswith("/static/"):
            assert finders.find(address.removeprefix("/static/")), address
        else:
            assert client.get(address).status_code == 200, address


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_docs_page_shows_every_endpoint_and_the_policy_refuses_nothing(page: Page):
    refused = watch_policy(page)
    page.goto("/api/docs/")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/documents/", "/api/persons/{slug}/", "/api/places/"} <= {
        p.replace("\u200b", "") for p in paths
    }
    assert refused == []
