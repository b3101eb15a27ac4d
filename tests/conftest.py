"""Fixtures shared by the tests: the real seed document, imported as make run does."""

import os
from pathlib import Path

import pytest

from catalog.importers.wcda import WCDAImporter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_TEXT = SEEDS / "000_5f9541ecb8b953ae.txt"
SEED_SLUG = "mfs-relations-with-iraqi-intelligence-1986"


@pytest.fixture
def seed(db):
    """The seed memo with its curated annotations, imported once."""
    report = WCDAImporter().run([SEEDS])
    assert report.ok, report.lines()
    from catalog.models import Document

    return Document.objects.get(slug=SEED_SLUG)


@pytest.fixture
def published_seed(seed):
    """The seed with its persons, agencies and events published, as a visitor sees them
    once an archivist has reviewed them (the importer leaves them as drafts)."""
    from catalog.models import Agency, ContactEvent, Person, Status

    for model in (Person, Agency, ContactEvent):
        model.objects.update(status=Status.PUBLISHED)
    return seed


CHROMIUM = os.environ.get("LIAISON_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright. Never skipped: a
    missing browser is a failure, since CI installs it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs go to the test server."""
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
