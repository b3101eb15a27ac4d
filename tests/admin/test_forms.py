"""The admin's forms answer bad input with a message an archivist can act on."""

import pytest
from django.urls import reverse

from catalog.models import (
    ArchivalReference,
    ContactEvent,
    Document,
    Language,
    Mention,
    Person,
    PersonRole,
    Translation,
)
from tests.admin.helpers import add_inline_row, change_form_data

TEXT = (
    "Comrade Minister Mielke received the Iraqi Minister of the Interior in October 1969. "
    "Mielke promised help."
)


@pytest.fixture
def text(db):
    document = Document.objects.create(title="Memo", slug="memo")
    english = Language.objects.create(code="en", name="English")
    return Translation.objects.create(document=document, language=english, text=TEXT)


@pytest.fixture
def mielke(db):
    return Person.objects.create(preferred_name="Erich Mielke", slug="erich-mielke")


def test_an_invalid_edtf_date_is_refused_with_examples(editor_client):
    url = reverse("admin:catalog_document_add")
    data = change_form_data(editor_client.get(url), title="Memo", slug="memo", date="Feb 1986")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["date"]
    assert errors == [
        "“Feb 1986” is not a date in EDTF. Write dates in EDTF, for example 1969-10 "
        "(October 1969), 1975-08-29 (29 August 1975), 1986? (1986, uncertain), "
        "1982-01~/1982-03~ (about January to about March 1982), 1969/.. (1969 onwards)."
    ]


def test_the_form_shows_how_a_date_was_read(editor_client):
    document = Document.objects.create(title="Memo", slug="memo", date="1986-02-27")
    page = editor_client.get(reverse("admin:catalog_document_change", args=[document.pk]))
    assert "27 February 1986 (searched as 1986-02-27 to 1986-02-27)" in page.content.decode()


def mention_post(client, translation, **row):
    url = reverse("admin:catalog_translation_change", args=[translation.pk])
    data = change_form_data(client.get(url))
    add_inline_row(data, "mention_set", **row)
    return client.post(url, data)


def test_a_mention_is_placed_by_its_quote(archivist_client, text, mielke):
    response = mention_post(archivist_client, text, quote="Minister  Mielke", person=mielke.pk)
    assert response.status_code == 302
    mention = Mention.objects.get()
    assert (mention.start, mention.end) == (8, 23)
    assert mention.quote == "Minister Mielke"


def test_a_later_occurrence_of_a_quote_can_be_chosen(archivist_client, text, mielke):
    mention_post(archivist_client, text, quote="Mielke", occurrence=2, person=mielke.pk)
    mention = Mention.objects.get()
    assert mention.start == TEXT.rindex("Mielke")


def test_a_quote_not_in_the_text_is_refused(archivist_client, text, mielke):
    response = mention_post(archivist_client, text, quote="Minister Mielk e", person=mielke.pk)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["quote"] == [
        "“Minister Mielk e” does not occur in the text. Copy it from the text exactly, "
        "with its punctuation and capitals."
    ]
    response = mention_post(archivist_client, text, quote="Mielke", occurrence=3, person=mielke.pk)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["occurrence"] == [
        "“Mielke” occurs only 2 times in the text, not 3 times."
    ]
    assert not Mention.objects.exists()


def test_a_mention_names_one_record(archivist_client, text, mielke):
    response = mention_post(archivist_client, text, quote="Mielke")
    assert response.status_code == 200
    assert not Mention.objects.exists()


def event_post(client, text, participants=(), evidence=()):
    url = reverse("admin:catalog_contactevent_add")
    data = change_form_data(
        client.get(url), title="Mielke receives al-Amash", slug="mielke-al-amash", kind="meeting"
    )
    for row in participants:
        add_inline_row(data, "participants", **row)
    for row in evidence:
        add_inline_row(data, "evidence", **row)
    return client.post(url, data)


def test_a_contact_event_needs_a_participant_and_evidence(archivist_client, text, mielke):
    response = event_post(archivist_client, text)
    assert response.status_code == 200
    errors = [str(e) for e in response.context["errors"]]
    assert any("at least one participant" in e for e in errors)
    assert any("at least one passage" in e for e in errors)
    response = event_post(
        archivist_client,
        text,
        participants=[{"person": mielke.pk, "role": "host"}],
        evidence=[{"translation": text.pk, "quote": "Mielke received"}],
    )
    assert response.status_code == 302
    event = ContactEvent.objects.get()
    assert event.participants.get().person == mielke
    assert event.evidence.get().start == TEXT.index("Mielke received")


def test_a_role_cannot_end_before_it_starts(archivist_client, mielke):
    url = reverse("admin:catalog_person_change", args=[mielke.pk])
    data = change_form_data(archivist_client.get(url))
    add_inline_row(data, "roles", title="Minister", start="1989", end="1957")
    response = archivist_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.errors[0]["end"] == ["The office cannot end before it starts."]
    assert not PersonRole.objects.exists()


def test_an_unparsable_reference_is_kept_with_a_warning(editor_client, text):
    document = text.document
    url = reverse("admin:catalog_document_change", args=[document.pk])
    data = change_form_data(editor_client.get(url))
    add_inline_row(data, "archival_references", as_written="Box of loose papers", position=0)
    response = editor_client.post(url, data, follow=True)
    reference = ArchivalReference.objects.get()
    assert reference.needs_review
    messages = [str(m) for m in response.context["messages"]]
    assert any("“Box of loose papers” could not be parsed" in m for m in messages)
    page = editor_client.get(url).content.decode()
    assert "Could not be parsed — check it" in page


def test_a_parsed_reference_shows_its_parts(editor_client, text):
    ArchivalReference.objects.create(
        document=text.document, as_written="BStU, ZA, HA X 104, pp. 49-51"
    )
    page = editor_client.get(reverse("admin:catalog_document_change", args=[text.document.pk]))
    assert "unit: <code>HA X</code>" in page.content.decode()


def test_an_ambiguous_quote_shows_each_occurrence_to_choose_from(archivist_client, text, mielke):
    response = mention_post(archivist_client, text, quote="Mielke", person=mielke.pk)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["occurrence"] == [
        "“Mielke” occurs 2 times in the text. Enter the number of the one you mean: "
        "1: “Comrade Minister [Mielke] received the Iraqi Minister of the…”; "
        "2: “…of the Interior in October 1969. [Mielke] promised help.”."
    ]
    assert not Mention.objects.exists()


def test_an_authority_identifier_with_a_wrong_check_character_is_refused(editor_client, mielke):
    url = reverse("admin:catalog_person_change", args=[mielke.pk])
    data = change_form_data(editor_client.get(url), gnd_id="118540239", wikidata_id="q1234")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["gnd_id"]
    assert "check character" in errors["gnd_id"][0]

    data["gnd_id"] = "118540238"
    assert editor_client.post(url, data).status_code == 302
    mielke.refresh_from_db()
    assert (mielke.gnd_id, mielke.wikidata_id) == ("118540238", "Q1234")
