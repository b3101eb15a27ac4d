"""Two archivists in one record: the second save is refused, and nothing is overwritten."""

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.admin.versions import VersionedModelForm
from catalog.models import Document, Language, Person, PersonName, Translation
from tests.admin.helpers import change_form_data


@pytest.fixture
def person(db):
    person = Person.objects.create(preferred_name="Saadoun Shaker", slug="saadoun-shaker")
    PersonName.objects.create(person=person, name="Sa'dun Shakir")
    return person


def person_url(person):
    return reverse("admin:catalog_person_change", args=[person.pk])


def test_the_second_save_of_a_record_is_refused_with_what_changed(
    archivist_client, editor_client, person
):
    url = person_url(person)
    first = archivist_client.get(url)
    second = editor_client.get(url)
    # The editor saves a new description; the archivist, who opened the form before that
    # save, then corrects the life dates.
    assert editor_client.post(url, change_form_data(second, description="Iraqi minister."))
    response = archivist_client.post(url, change_form_data(first, life_dates="1930"))

    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "Someone else saved this person after you opened it" in page
    assert "Saved by eva (Description: “—” → “Iraqi minister.”)." in page
    person.refresh_from_db()
    assert person.description == "Iraqi minister."
    assert person.life_dates == ""


def test_a_save_on_the_version_opened_goes_through(archivist_client, person):
    url = person_url(person)
    response = archivist_client.post(
        url, change_form_data(archivist_client.get(url), life_dates="1930")
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.life_dates == "1930"


def test_a_change_made_outside_the_admin_also_stops_the_save(archivist_client, person):
    url = person_url(person)
    opened = archivist_client.get(url)
    Person.objects.filter(pk=person.pk).update(description="Set by a script.")
    response = archivist_client.post(url, change_form_data(opened, life_dates="1930"))
    assert "It was changed outside the admin" in response.content.decode()
    person.refresh_from_db()
    assert (person.description, person.life_dates) == ("Set by a script.", "")


def test_an_inline_row_saved_by_someone_else_is_not_overwritten(
    archivist_client, editor_client, person
):
    url = person_url(person)
    first = archivist_client.get(url)
    second = editor_client.get(url)
    row = "names-0-name"
    assert editor_client.post(url, change_form_data(second, **{row: "Saadun Shakir"}))
    # The archivist changes only the person's description, but the form still carries the
    # name row as it was when they opened it.
    response = archivist_client.post(url, change_form_data(first, description="Minister."))
    assert response.status_code == 200
    assert "Someone else saved this person name after you opened it" in (response.content.decode())
    assert PersonName.objects.get().name == "Saadun Shakir"
    person.refresh_from_db()
    assert person.description == ""


def test_a_documents_links_are_part_of_its_version(archivist_client, editor_client, db):
    document = Document.objects.create(title="Memo", slug="memo")
    german = Language.objects.create(code="de", name="German")
    url = reverse("admin:catalog_document_change", args=[document.pk])
    opened = archivist_client.get(url)
    document.original_languages.add(german)
    response = archivist_client.post(url, change_form_data(opened, title="Memo on Iraq"))
    assert response.status_code == 200
    assert list(document.original_languages.all()) == [german]
    document.refresh_from_db()
    assert document.title == "Memo"


def test_reverting_is_based_on_the_current_version(editor_client, db):
    document = Document.objects.create(title="Memo", slug="memo")
    first = document.history.get()
    document.title = "Wrong"
    document.save()
    url = reverse("admin:catalog_document_simple_history", args=[document.pk, first.history_id])
    assert editor_client.post(url, change_form_data(editor_client.get(url))).status_code == 302
    document.refresh_from_db()
    assert document.title == "Memo"


def test_every_form_and_inline_of_the_admin_is_versioned(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    forms = []
    for model_admin in admin.site._registry.values():
        catalog = model_admin.model._meta.app_label == "catalog"
        if not catalog or not model_admin.has_change_permission(request):
            continue
        forms.append(model_admin.form)
        forms.extend(inline.form for inline in model_admin.inlines)
    assert forms
    assert all(issubclass(form, VersionedModelForm) for form in forms)


def test_a_translations_mentions_are_versioned_rows(archivist_client, db):
    document = Document.objects.create(title="Memo", slug="memo")
    english = Language.objects.create(code="en", name="English")
    text = Translation.objects.create(document=document, language=english, text="Mielke.")
    page = archivist_client.get(reverse("admin:catalog_translation_change", args=[text.pk]))
    assert 'name="record_version"' in page.content.decode()
