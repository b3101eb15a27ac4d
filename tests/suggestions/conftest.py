"""The second real-format document: a 1985 report naming seed persons and agencies."""

from pathlib import Path

import pytest

from catalog.importers.wcda import WCDAImporter
from catalog.models import Document

DATA = Path(__file__).resolve().parent / "data"
SECOND = DATA / "mielke_shaker_1985.txt"


@pytest.fixture
def second(seed):
    """The seed, then the 1985 report (no annotations: nothing curated about it)."""
    report = WCDAImporter().run([SECOND])
    assert report.ok, report.lines()
    return Document.objects.get(publisher_record_id="900777")


from tests.admin.conftest import archivist, archivist_client  # noqa: E402, F401
