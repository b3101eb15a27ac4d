"""The Content-Security-Policy blocks nothing the site itself needs, public or admin."""

import secrets

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

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

    # A superuser: the roles' groups come from a migration, which a browser test's
    # emptied database may not hold.
    password = secrets.token_urlsafe(12)
    get_user_model().objects.create_superuser("eva", password=password)
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
