"""The change history in the admin: who changed which field, from what to what."""

import pytest
from django.urls import reverse

from catalog.models import (
    ContactEvent,
    Document,
    Language,
    Participant,
    Person,
    PersonRole,
    Place,
    Translation,
)
from tests.admin.helpers import add_inline_row, change_form_data


@pytest.fixture
def document(db):
    return Document.objects.create(title="Memo on Iraq", slug="memo-on-iraq", date="1986")


def history_url(obj):
    return reverse(f"admin:catalog_{obj._meta.model_name}_history", args=[obj.pk])


def test_a_change_in_the_admin_shows_field_from_and_to_with_its_author(archivist_client, document):
    url = reverse("admin:catalog_document_change", args=[document.pk])
    data = change_form_data(archivist_client.get(url), title="Memo on Iraqi intelligence")
    assert archivist_client.post(url, data).status_code == 302
    page = " ".join(archivist_client.get(history_url(document)).content.decode().split())
    assert (
        "<strong>Title:</strong> Memo on Iraq &nbsp;&rarr;&nbsp;&nbsp;Memo on Iraqi intelligence"
        in page
    )
    assert ">ada<" in page
    # The bookkeeping timestamp is not shown as a change.
    assert "<strong>Modified:</strong>" not in page


def test_reverting_restores_the_old_value(editor_client, document):
    first = document.history.get()
    document.title = "Wrong title"
    document.save()
    url = reverse("admin:catalog_document_simple_history", args=[document.pk, first.history_id])
    response = editor_client.post(url, change_form_data(editor_client.get(url)))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Memo on Iraq"
    assert document.history.first().history_user.username == "eva"


def test_a_documents_history_shows_changes_to_its_texts(editor_client, document):
    english = Language.objects.create(code="en", name="English")
    text = Translation.objects.create(document=document, language=english, text="First.")
    text.text = "First, corrected."
    text.save()
    page = editor_client.get(history_url(document)).content.decode()
    assert "Changes to its parts" in page
    assert "text: Translation (English)" in page
    assert "<strong>Text:</strong> First. &rarr; First, corrected." in page


def test_an_import_is_in_the_history_under_the_commands_name(editor_client, seed):
    record = seed.history.earliest("history_date")
    assert record.history_user.username == "import_wcda"
    page = editor_client.get(history_url(seed)).content.decode()
    assert "import_wcda" in page


def revert(client, record, version):
    name = record._meta.model_name
    url = reverse(f"admin:catalog_{name}_simple_history", args=[record.pk, version.history_id])
    return client.post(url, change_form_data(client.get(url)))


def test_reverting_an_event_brings_back_a_deleted_participant(editor_client, seed):
    event = ContactEvent.objects.filter(participants__isnull=False).first()
    participants = list(event.participants.values("id", "person_id", "agency_id", "role"))
    evidence = list(event.evidence.values_list("id", "quote"))
    version = event.history.first()
    # On the event's page, one participant is deleted and another added.
    url = reverse("admin:catalog_contactevent_change", args=[event.pk])
    data = change_form_data(editor_client.get(url), **{"participants-0-DELETE": "on"})
    add_inline_row(data, "participants", person=Person.objects.first().pk, role="participant")
    assert editor_client.post(url, data).status_code == 302
    assert event.participants.count() == len(participants)
    removed = participants[0]["id"]
    assert not Participant.objects.filter(pk=removed).exists()

    assert revert(editor_client, event, version).status_code == 302
    assert list(event.participants.values("id", "person_id", "agency_id", "role")) == (participants)
    assert list(event.evidence.values_list("id", "quote")) == evidence
    back = Participant.history.filter(id=removed).first()
    assert back.history_user.username == "eva"
    assert back.history_change_reason.startswith("reverted to the version of")


def test_reverting_a_person_brings_back_names_and_offices_with_their_evidence(editor_client, seed):
    person = Person.objects.filter(roles__evidence__isnull=False, names__isnull=False).first()
    names = sorted(person.names.values_list("name", flat=True))
    role = person.roles.filter(evidence__isnull=False).first()
    quotes = sorted(role.evidence.values_list("quote", flat=True))
    version = person.history.first()
    url = reverse("admin:catalog_person_change", args=[person.pk])
    page = editor_client.get(url)
    deletions = {f"names-{i}-DELETE": "on" for i in range(len(names))}
    roles = [form.instance.pk for form in page.context["inline_admin_formsets"][1].formset]
    deletions[f"roles-{roles.index(role.pk)}-DELETE"] = "on"
    assert editor_client.post(url, change_form_data(page, **deletions)).status_code == 302
    assert not person.names.exists()

    assert revert(editor_client, person, version).status_code == 302
    assert sorted(person.names.values_list("name", flat=True)) == names
    restored = PersonRole.objects.get(pk=role.pk)
    assert sorted(restored.evidence.values_list("quote", flat=True)) == quotes


def test_the_history_names_linked_records_rather_than_ids(editor_client, document):
    berlin = Place.objects.create(name="Berlin", slug="berlin")
    baghdad = Place.objects.create(name="Baghdad", slug="baghdad")
    url = reverse("admin:catalog_document_change", args=[document.pk])
    data = change_form_data(editor_client.get(url), places=[berlin.pk, baghdad.pk])
    assert editor_client.post(url, data).status_code == 302
    page = " ".join(editor_client.get(history_url(document)).content.decode().split())
    assert "<strong>Places:</strong> — &nbsp;&rarr;&nbsp;&nbsp;Baghdad, Berlin" in page
    assert f"[{berlin.pk}" not in page


def test_the_history_of_a_part_names_its_linked_records(editor_client, seed):
    event = ContactEvent.objects.filter(participants__person__isnull=False).first()
    participant = event.participants.filter(person__isnull=False).first()
    other = Person.objects.exclude(pk=participant.person_id).first()
    participant.person = other
    participant.save()
    page = editor_client.get(history_url(event)).content.decode()
    assert f"<strong>Person:</strong> {participant.history.last().person} &rarr; {other}" in (
        page.replace("&#x27;", "'")
    )
