"""Lists, filters, search and autocomplete: what an archivist finds, at a bounded cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import (
    Agency,
    AgencyName,
    ArchivalReference,
    ContactEvent,
    Document,
    Language,
    Participant,
    Person,
    PersonName,
    Status,
    Translation,
)

CHANGELISTS = [
    "document",
    "translation",
    "person",
    "personrole",
    "agency",
    "contactevent",
    "archivalreference",
    "repository",
    "language",
    "subject",
    "place",
    "mention",
    "participant",
    "eventevidence",
    "roleevidence",
    "personname",
    "agencyname",
]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_more_records(n: int) -> None:
    """Records like the seed's, with the relations the lists show."""
    mfs = Agency.objects.get(slug="mfs")
    event = ContactEvent.objects.first()
    for i in range(n):
        document = Document.objects.create(title=f"Memo {i}", slug=f"memo-{i}", date=f"197{i}")
        ArchivalReference.objects.create(document=document, as_written=f"BStU, ZA, HA X {i}")
        person = Person.objects.create(preferred_name=f"Officer {i}", slug=f"officer-{i}")
        PersonName.objects.create(person=person, name=f"Offizier {i}")
        agency = Agency.objects.create(name=f"Department {i}", slug=f"dep-{i}", parent=mfs)
        AgencyName.objects.create(agency=agency, name=f"Abt. {i}")
        Participant.objects.create(event=event, person=person, agency=agency)


@pytest.mark.parametrize("model", CHANGELISTS)
def test_a_changelist_costs_the_same_whatever_the_number_of_records(
    editor_client, seed, model, django_assert_max_num_queries
):
    url = reverse(f"admin:catalog_{model}_changelist")
    before = queries(editor_client, url)
    add_more_records(5)
    with django_assert_max_num_queries(before):
        editor_client.get(url)
    assert before <= 20


def changelist(client, model, **params):
    response = client.get(reverse(f"admin:catalog_{model}_changelist"), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_persons_are_found_by_their_name_variants(editor_client, seed):
    found = changelist(editor_client, "person", q="Salih Mahdi Ammash")
    assert [p.slug for p in found] == ["sali-mahdy-al-amash"]


def test_agencies_are_found_by_their_abbreviations(editor_client, seed):
    found = changelist(editor_client, "agency", q="Stasi")
    assert [a.slug for a in found] == ["mfs"]


def test_documents_are_found_by_their_archival_reference(editor_client, seed):
    assert changelist(editor_client, "document", q="HA X 104") == [seed]


def test_documents_are_filtered_by_decade_on_their_date_bounds(editor_client, seed):
    Document.objects.create(title="About 1970", slug="about-1970", date="1970~")
    Document.objects.create(title="Undated", slug="undated")
    assert {d.slug for d in changelist(editor_client, "document", decade="1960")} == {"about-1970"}
    assert changelist(editor_client, "document", decade="1980") == [seed]
    assert [d.slug for d in changelist(editor_client, "document", decade="undated")] == ["undated"]
    page = editor_client.get(reverse("admin:catalog_document_changelist")).content.decode()
    assert "1960s" in page and "1980s" in page


def test_events_are_filtered_by_a_range_of_years(editor_client, seed):
    found = changelist(editor_client, "contactevent", year_from="1969", year_to="1969")
    assert found
    for event in found:
        assert event.date_earliest is None or event.date_earliest.year <= 1969
        assert event.date_latest is None or event.date_latest.year >= 1969
    everything = changelist(editor_client, "contactevent")
    assert len(found) < len(everything)


def test_events_are_filtered_by_kind_and_country(editor_client, seed):
    meetings = changelist(editor_client, "contactevent", kind="meeting")
    assert meetings and all(e.kind == "meeting" for e in meetings)
    iraqi = changelist(editor_client, "contactevent", participants__agency__country="Iraq")
    assert iraqi
    for event in iraqi:
        assert event.participants.filter(agency__country="Iraq").exists()


def test_documents_are_filtered_by_status_language_and_repository(editor_client, seed):
    draft = Document.objects.create(title="A draft", slug="a-draft")
    german = Language.objects.get(code="de")
    Translation.objects.create(document=draft, language=german, text="Vermerk.")
    assert changelist(editor_client, "document", status__exact=Status.PUBLISHED) == [seed]
    assert changelist(editor_client, "document", translations__language__id__exact=german.pk) == [
        draft
    ]
    english = seed.translations.first().language
    assert changelist(editor_client, "document", translations__language__id__exact=english.pk) == [
        seed
    ]
    repository = seed.archival_references.first().repository
    found = changelist(
        editor_client, "document", archival_references__repository__id__exact=repository.pk
    )
    assert found == [seed]


def test_autocomplete_finds_a_person_by_a_variant_of_the_name(editor_client, seed):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Ammash",
            "app_label": "catalog",
            "model_name": "mention",
            "field_name": "person",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Sali Mahdy al-Amash"]


def test_the_agency_autocomplete_puts_an_exact_abbreviation_first(editor_client, db):
    department = Agency.objects.create(name="Main Department III", slug="mfs-ha-iii")
    AgencyName.objects.create(agency=department, name="MfS HA III")
    ministry = Agency.objects.create(name="Ministry for State Security", slug="mfs")
    AgencyName.objects.create(agency=ministry, name="MfS")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "MfS", "app_label": "catalog", "model_name": "personrole", "field_name": "agency"},
    )
    ids = [int(result["id"]) for result in response.json()["results"]]
    assert ids == [ministry.pk, department.pk]
