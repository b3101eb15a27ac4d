"""The Content-Security-Policy blocks nothing the site itself needs, public or admin."""

import pytest
from playwright.sync_api import Page, expect

from tests.admin.helpers import log_in_as_superuser

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

    log_in_as_superuser(page)
    page.goto(f"/admin/catalog/document/{seed.pk}/change/")
    # The admin's own scripts run: the autocomplete boxes are drawn by select2.
    expect(page.locator("#id_subjects + .select2").first).to_be_visible()
    page.goto("/admin/catalog/contactevent/add/")
    page.locator("#participants-group .add-row a").click()
    expect(page.locator("#participants-1")).to_be_visible()
    assert refused == []
