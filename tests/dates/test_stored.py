"""Dates are worded and bounded once, when a record is written, and read back as stored."""

import datetime
from unittest import mock

import pytest

from catalog import dates
from catalog.dates import reading
from catalog.interchange.synthetic import SyntheticCatalog
from catalog.interchange.synthetic_words import Sizes
from catalog.models import Agency, ContactEvent, Document, Person, PersonRole


def test_facts_word_bound_and_grade_a_date_once():
    assert dates.facts("1982-33") == dates.DateFacts(
        "early 1982", "season", datetime.date(1982, 1, 1), datetime.date(1982, 3, 31)
    )
    assert dates.facts("") == dates.NO_DATE
    # A value only a bulk write could store is shown as written, with no bounds.
    assert dates.facts("not a date") == dates.DateFacts("not a date", "unknown", None, None)


@pytest.mark.django_db
def test_saving_a_record_stores_each_of_its_dates_in_words():
    event = ContactEvent.objects.create(slug="e", title="A visit", kind="meeting", date="1970~")
    person = Person.objects.create(slug="p", preferred_name="Erich Mielke", life_dates="1907/2000")
    agency = Agency.objects.create(slug="a", name="Ministry", existed="1950/1990")
    role = PersonRole.objects.create(person=person, title="Minister", start="../1975-08-29")

    event.refresh_from_db()
    assert (event.date_display, event.date_precision) == ("about 1970", "year")
    assert event.date_earliest == datetime.date(1969, 1, 1)
    person.refresh_from_db()
    assert person.life_display == "1907 – 2000" and person.life_precision == "interval"
    agency.refresh_from_db()
    assert agency.existed_display == "1950 – 1990"
    assert agency.existed_latest == datetime.date(1990, 12, 31)
    role.refresh_from_db()
    assert role.tenure_display == "in office by 29 August 1975"
    assert role.start_latest == datetime.date(1975, 8, 29)


@pytest.mark.django_db
def test_a_changed_date_is_worded_anew_on_save():
    document = Document.objects.create(slug="d", title="Memo", date="1986-02-27")
    document.date = "1986-02"
    document.save()
    document.refresh_from_db()
    assert (document.date_display, document.date_precision) == ("February 1986", "month")


@pytest.mark.django_db
def test_reading_records_back_parses_no_date(seed, client):
    """The public pages read the stored words: the EDTF library is never asked."""
    reading.read.cache_clear()  # nothing read before may hide a reading now
    with mock.patch(
        "catalog.dates.reading.read_with_library", side_effect=AssertionError("parsed")
    ):
        for url in [
            "/persons/",
            "/events/",
            f"/documents/{seed.slug}/",
            "/persons/saadoun-shaker/",
        ]:
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_bulk_written_synthetic_records_carry_their_stored_dates():
    SyntheticCatalog(Sizes.for_documents(20), seed=3).run()
    for document in Document.objects.exclude(date=""):
        assert document.date_display == dates.display_edtf(document.date)
    for event in ContactEvent.objects.exclude(date=""):
        assert event.date_display == dates.display_edtf(event.date)
    for role in PersonRole.objects.all():
        assert role.tenure_display == dates.describe_tenure(role.start, role.end)
