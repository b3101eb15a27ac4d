"""The merge action in the admin: a confirmation page, then the merge, for editors."""

import html

import pytest
from django.urls import reverse

from catalog.models import Person, PersonName, Status

CHANGELIST = "admin:catalog_person_changelist"


@pytest.fixture
def two_persons(db):
    kept = Person.objects.create(preferred_name="Erich Mielke", slug="erich-mielke")
    duplicate = Person.objects.create(
        preferred_name="E. Mielke", slug="e-mielke", status=Status.PUBLISHED
    )
    PersonName.objects.create(person=duplicate, name="Genosse Minister")
    return kept, duplicate


def choose_merge(client, *persons):
    return client.post(
        reverse(CHANGELIST),
        {"action": "merge_selected", "_selected_action": [p.pk for p in persons]},
    )


def test_the_merge_action_leads_to_a_confirmation_page_that_changes_nothing(
    editor_client, two_persons
):
    kept, duplicate = two_persons
    response = choose_merge(editor_client, kept, duplicate)
    assert response.status_code == 302
    page = editor_client.get(response.url)
    content = page.content.decode()
    assert "New name variants of “Erich Mielke”" in content
    assert "Genosse Minister" in content and "E. Mielke" in content
    assert "/persons/e-mielke/" in content
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_an_editor_confirms_a_merge_and_the_old_address_leads_on(
    client, editor_client, two_persons
):
    kept, duplicate = two_persons
    url = choose_merge(editor_client, kept, duplicate).url
    response = editor_client.post(
        url.split("?")[0], {"ids": f"{kept.pk},{duplicate.pk}", "survivor": kept.pk, "confirm": "1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:catalog_person_change", args=[kept.pk])
    assert not Person.objects.filter(slug="e-mielke").exists()
    assert set(kept.names.values_list("name", flat=True)) == {"E. Mielke", "Genosse Minister"}
    kept.status = Status.PUBLISHED
    kept.save()
    response = client.get("/persons/e-mielke/")
    assert response.status_code == 301 and response.url == "/persons/erich-mielke/"


def test_the_survivor_can_be_either_record(editor_client, two_persons):
    kept, duplicate = two_persons
    url = reverse("admin:catalog_person_merge")
    editor_client.post(
        url, {"ids": f"{kept.pk},{duplicate.pk}", "survivor": duplicate.pk, "confirm": "1"}
    )
    assert list(Person.objects.values_list("slug", flat=True)) == ["e-mielke"]


def test_merging_needs_exactly_two_records(editor_client, two_persons):
    third = Person.objects.create(preferred_name="Mielke", slug="mielke")
    response = choose_merge(editor_client, *two_persons, third)
    assert response.status_code == 302
    messages = [str(m) for m in editor_client.get(response.url).context["messages"]]
    assert messages == ["Select exactly two persons to merge."]


def test_an_archivist_cannot_merge_a_published_record_away(archivist_client, two_persons):
    kept, duplicate = two_persons
    url = reverse("admin:catalog_person_merge")
    page = archivist_client.get(url, {"ids": f"{kept.pk},{duplicate.pk}", "survivor": kept.pk})
    assert "only an editor may merge it away" in page.content.decode()
    response = archivist_client.post(
        url, {"ids": f"{kept.pk},{duplicate.pk}", "survivor": kept.pk, "confirm": "1"}
    )
    assert response.status_code == 403
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_an_archivist_cannot_make_a_drafts_content_public_by_merging(
    client, archivist_client, two_persons
):
    draft, published = two_persons
    url = reverse("admin:catalog_person_merge")
    ids = {"ids": f"{draft.pk},{published.pk}", "survivor": published.pk}
    page = html.unescape(archivist_client.get(url, ids).content.decode())
    assert "merging would make the draft's names, offices and mentions public" in page
    assert 'name="confirm"' not in page
    response = archivist_client.post(url, {**ids, "confirm": "1"})
    assert response.status_code == 403
    assert Person.objects.count() == 2
    assert "Erich Mielke" not in client.get("/persons/e-mielke/").content.decode()


def test_an_editor_may_merge_a_draft_into_a_published_record(client, editor_client, two_persons):
    draft, published = two_persons
    url = reverse("admin:catalog_person_merge")
    editor_client.post(
        url, {"ids": f"{draft.pk},{published.pk}", "survivor": published.pk, "confirm": "1"}
    )
    survivor = Person.objects.get()
    assert survivor.slug == "e-mielke"
    assert "Erich Mielke" in client.get("/persons/e-mielke/").content.decode()


def test_an_archivist_may_merge_two_drafts(archivist_client, two_persons):
    draft, published = two_persons
    Person.objects.filter(pk=published.pk).update(status=Status.DRAFT)
    url = reverse("admin:catalog_person_merge")
    archivist_client.post(
        url, {"ids": f"{draft.pk},{published.pk}", "survivor": published.pk, "confirm": "1"}
    )
    assert Person.objects.get().names.filter(name="Erich Mielke").exists()
