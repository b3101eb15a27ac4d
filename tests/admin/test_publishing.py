"""Who may publish, unpublish and delete, tried through the admin as each role."""

import pytest
from django.urls import reverse

from catalog.models import Document, Person, Status
from tests.admin.helpers import change_form_data


@pytest.fixture
def draft(db):
    return Document.objects.create(title="Report on a visit to Baghdad", slug="visit-report")


@pytest.fixture
def published(db):
    return Document.objects.create(
        title="Memo on relations with Iraq", slug="memo-iraq", status=Status.PUBLISHED
    )


def change_url(obj):
    return reverse(f"admin:catalog_{obj._meta.model_name}_change", args=[obj.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, draft):
    response = client.get(reverse("admin:catalog_document_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_archivist_sees_the_status_but_cannot_change_it(archivist_client, draft):
    response = archivist_client.get(change_url(draft))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    data = change_form_data(response, title="Report on a visit to Baghdad, 1969")
    data["status"] = Status.PUBLISHED  # a forged field is ignored
    response = archivist_client.post(change_url(draft), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    draft.refresh_from_db()
    assert draft.title == "Report on a visit to Baghdad, 1969"
    assert draft.status == Status.DRAFT


def test_an_archivist_can_correct_a_published_record_without_unpublishing_it(
    archivist_client, published
):
    response = archivist_client.get(change_url(published))
    data = change_form_data(response, summary="Corrected summary.")
    assert archivist_client.post(change_url(published), data).status_code == 302
    published.refresh_from_db()
    assert published.summary == "Corrected summary."
    assert published.status == Status.PUBLISHED


def test_a_new_record_by_an_archivist_is_a_draft(archivist_client):
    response = archivist_client.get(reverse("admin:catalog_person_add"))
    data = change_form_data(
        response, preferred_name="Markus Wolf", slug="markus-wolf", status="published"
    )
    response = archivist_client.post(reverse("admin:catalog_person_add"), data)
    assert response.status_code == 302
    assert Person.objects.get(slug="markus-wolf").status == Status.DRAFT


def test_an_editor_publishes_from_the_form(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert 'name="status"' in response.content.decode()
    data = change_form_data(response, status=Status.PUBLISHED)
    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.history.first().history_user.username == "eva"


def bulk(client, action, *records):
    return client.post(
        reverse("admin:catalog_document_changelist"),
        {"action": action, "_selected_action": [r.pk for r in records]},
        follow=True,
    )


def test_an_archivist_is_not_offered_the_publish_actions(archivist_client, draft):
    response = archivist_client.get(reverse("admin:catalog_document_changelist"))
    actions = [value for value, _ in response.context["action_form"].fields["action"].choices]
    assert "publish" not in actions and "unpublish" not in actions
    bulk(archivist_client, "publish", draft)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_publishes_and_unpublishes_in_bulk(editor_client, draft, published):
    response = bulk(editor_client, "publish", draft, published)
    assert "1 document published." in response.content.decode()
    assert set(Document.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    bulk(editor_client, "unpublish", draft, published)
    assert set(Document.objects.values_list("status", flat=True)) == {Status.DRAFT}
    reasons = [h.history_change_reason for h in draft.history.all()[:2]]
    assert reasons == ["unpublished from the list", "published from the list"]


def test_an_archivist_cannot_delete_a_published_record(archivist_client, published):
    url = reverse("admin:catalog_document_delete", args=[published.pk])
    assert archivist_client.get(url).status_code == 403
    assert archivist_client.post(url, {"post": "yes"}).status_code == 403
    response = bulk(archivist_client, "delete_selected", published)
    assert "Cannot delete document" in response.content.decode()
    bulk_confirm = archivist_client.post(
        reverse("admin:catalog_document_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert bulk_confirm.status_code == 403
    assert Document.objects.filter(pk=published.pk).exists()


def test_an_archivist_can_delete_a_draft(archivist_client, draft):
    url = reverse("admin:catalog_document_delete", args=[draft.pk])
    assert archivist_client.post(url, {"post": "yes"}).status_code == 302
    assert not Document.objects.filter(pk=draft.pk).exists()


def test_an_editor_can_delete_a_published_record(editor_client, published):
    url = reverse("admin:catalog_document_delete", args=[published.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Document.objects.filter(pk=published.pk).exists()


def test_reverting_as_an_archivist_keeps_the_current_status(archivist_client, draft, editor):
    draft.title = "Renamed"
    draft.status = Status.PUBLISHED
    draft._history_user = editor
    draft.save()
    first = draft.history.order_by("history_date").first()
    url = reverse("admin:catalog_document_simple_history", args=[draft.pk, first.history_id])
    response = archivist_client.get(url)
    assert response.status_code == 200
    response = archivist_client.post(url, change_form_data(response))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Report on a visit to Baghdad"
    assert draft.status == Status.PUBLISHED
