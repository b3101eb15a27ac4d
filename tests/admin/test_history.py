"""The change history in the admin: who changed which field, from what to what."""

import pytest
from django.urls import reverse

from catalog.models import Document, Language, Translation
from tests.admin.helpers import change_form_data


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
