"""The admin's forms fit a 1366 px screen: nothing scrolls sideways on a record's page."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

from catalog.models import ContactEvent, Person
from tests.admin.helpers import log_in_as_superuser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: Where the browser tests leave screenshots of the admin for a reviewer to look at.
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots" / "admin"


#: The widest thing on the page: the page itself, or a row of parts scrolling inside it.
SIDEWAYS = """Math.max(document.documentElement.scrollWidth,
    ...[...document.querySelectorAll('.inline-group .tabular')].map(
        (group) => document.documentElement.clientWidth + group.scrollWidth - group.clientWidth))"""


def test_record_pages_fit_a_1366_px_screen(page: Page, seed):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in_as_superuser(page)
    page.screenshot(path=SCREENSHOTS / "index-1366.png")
    person = Person.objects.filter(roles__isnull=False, names__isnull=False).first()
    event = ContactEvent.objects.filter(participants__isnull=False).first()
    pages = {
        "person": f"/admin/catalog/person/{person.pk}/change/",
        "event": f"/admin/catalog/contactevent/{event.pk}/change/",
        "document": f"/admin/catalog/document/{seed.pk}/change/",
        "text": f"/admin/catalog/translation/{seed.translations.first().pk}/change/",
    }
    widths = {}
    for name, address in pages.items():
        page.goto(address, timeout=60_000)
        page.screenshot(path=SCREENSHOTS / f"{name}-1366.png", full_page=True)
        widths[name] = page.evaluate(SIDEWAYS)
    assert widths == dict.fromkeys(pages, 1366)
