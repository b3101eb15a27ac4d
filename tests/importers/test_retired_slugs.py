"""Re-importing after an archivist renamed curated records: matched on their retired slugs."""

import pytest

from catalog.importers.wcda import WCDAImporter
from catalog.models import (
    Agency,
    ContactEvent,
    Document,
    Mention,
    Participant,
    Person,
    PersonRole,
    Place,
    RetiredSlug,
)
from tests.conftest import SEED_SLUG, SEEDS

pytestmark = pytest.mark.django_db

RENAMED = [
    (Person, "saadoun-shaker", "saadun-shakir"),
    (Agency, "mfs", "gdr-ministry-for-state-security"),
    (ContactEvent, "1969-10-mielke-receives-al-amash", "mielke-al-amash-october-1969"),
    (Place, "baghdad", "baghdad-iraq"),
    (Document, SEED_SLUG, "mfs-on-iraqi-intelligence-1986"),
]


def rename_curated_records():
    for model, old, new in RENAMED:
        record = model.objects.get(slug=old)
        record.slug = new
        record.save()
        if not RetiredSlug.lookup(model, old):  # models without their own retirement
            RetiredSlug.retire(record, old)


def counts():
    models = (Document, Person, Agency, ContactEvent, Participant, PersonRole, Mention, Place)
    return {model.__name__: model.objects.count() for model in models}


def test_a_dry_run_after_renames_reports_nothing_new(seed):
    rename_curated_records()
    report = WCDAImporter(dry_run=True).run([SEEDS])
    assert report.ok, report.lines()
    [outcome] = report.outcomes
    created = {key: n for key, n in outcome.changes.items() if key.startswith("created")}
    assert created == {}


def test_reimporting_after_renames_creates_no_duplicates_and_keeps_the_new_slugs(seed):
    rename_curated_records()
    before = counts()
    report = WCDAImporter().run([SEEDS])
    assert report.ok, report.lines()
    assert counts() == before
    for model, _old, new in RENAMED:
        assert model.objects.filter(slug=new).exists()
    shaker = Person.objects.get(slug="saadun-shakir")
    assert shaker.roles.exists()
    assert shaker.mentions.exists()
