"""Fixtures shared by the tests: the real seed document, imported as make run does."""

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
