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


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages cached by an earlier test were keyed by a
    catalog version that a rolled-back test leaves as it found it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def catalog_version_in_test_transactions(request, monkeypatch):
    """Django runs each database test in a transaction it rolls back and never commits, so the
    catalog version, bumped after a commit, would never change within a test. There the bump
    follows each write at once, as if every write committed; tests that commit for real
    (``django_db(transaction=True)``, the live server) keep the bump after commit.
    """
    marker = request.node.get_closest_marker("django_db")
    real_commits = {"transactional_db", "live_server"} & set(request.fixturenames)
    if real_commits or (marker is not None and marker.kwargs.get("transaction")):
        # A test that commits starts from a database that an earlier one emptied and
        # filled again, content types included, under new ids: forget the ids Django
        # keeps in memory, or a history entry or retired slug would name a type that is
        # gone.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        return
    from catalog.caching import version

    monkeypatch.setattr(
        version, "bump_after_commit", lambda connection: version.bump(connection.alias)
    )


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
