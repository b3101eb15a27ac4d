"""The Content-Security-Policy blocks nothing the site itself needs, public or admin."""

import pytest
from playwright.sync_api import Page, expect

from catalog.admin.accounts import create_catalog_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def watch_policy(page: Page) -> list[str]:
    """Every message the browser gives about something the policy refused."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def test_public_pages_and_the_admin_run_under_the_policy(page: Page, seed):
    refused = watch_policy(page)
    for address in ["/", "/documents/", seed.get_absolute_url(), "/network/", "/events/"]:
        page.goto(address)
        expect(page.locator("body")).to_be_visible()

    user, password = create_catalog_user("eva", "editor")
    page.goto("/admin/login/")
    page.fill("#id_username", "eva")
    page.fill("#id_password", password)
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("heading", name="Catalogue")).to_be_visible()
    page.goto(f"/admin/catalog/document/{seed.pk}/change/")
    # The admin's own scripts run: the autocomplete boxes are drawn by select2.
    expect(page.locator("#id_subjects + .select2").first).to_be_visible()
    page.goto("/admin/catalog/contactevent/add/")
    page.locator("#participants-group .add-row a").click()
    expect(page.locator("#participants-1")).to_be_visible()
    assert refused == []
