"""The review queue in the admin: accept, reject, re-point, accept a whole name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Mention, Person, Suggestion
from catalog.suggestions.run import SuggestionRun
from tests.admin.helpers import change_form_data

pytestmark = pytest.mark.django_db
QUEUE = "admin:catalog_suggestion_changelist"


@pytest.fixture
def suggested(second):
    SuggestionRun().run()
    return second


def act(client, action, suggestions, url=QUEUE):
    return client.post(
        reverse(url),
        {"action": action, "_selected_action": [s.pk for s in suggestions]},
        follow=True,
    )


def test_an_archivist_sees_the_open_suggestions_at_constant_cost(
    archivist_client, suggested, django_assert_max_num_queries
):
    url = reverse(QUEUE)
    with CaptureQueriesContext(connection) as captured:
        response = archivist_client.get(url)
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert {s.name for s in shown} >= {"Mielke", "Saadoun Shaker", "MfS"}
    assert all(s.status == "open" and s.kind != "new" for s in shown)
    assert "<mark>Mielke</mark>" in response.content.decode()
    Person.objects.create(
        slug="klaus-scholz", preferred_name="Klaus Scholz", sort_name="Scholz, Klaus"
    )
    SuggestionRun(["mfs-relations-with-iraqi-intelligence-1986"]).run()
    Suggestion.objects.filter(name="Mielke").update(status="open")
    with django_assert_max_num_queries(len(captured)):
        archivist_client.get(url)


def test_accepting_makes_the_mention_with_its_span_and_history(
    archivist, archivist_client, suggested
):
    mielke = list(Suggestion.objects.filter(name="Mielke"))
    response = act(archivist_client, "accept_selected", mielke)
    assert "2 suggestions accepted" in response.content.decode()
    for suggestion in mielke:
        suggestion.refresh_from_db()
        mention = suggestion.mention
        assert suggestion.status == "accepted" and suggestion.decided_by == archivist
        assert (mention.start, mention.end, mention.quote) == (
            suggestion.start,
            suggestion.end,
            "Mielke",
        )
        assert mention.person.slug == "erich-mielke"
        assert mention.history.get().history_user == archivist


def test_a_rejection_is_kept_and_the_span_never_proposed_again(archivist_client, suggested):
    mfs = list(Suggestion.objects.filter(quote="MfS"))
    act(archivist_client, "reject_selected", mfs)
    SuggestionRun().run()
    assert set(Suggestion.objects.filter(quote="MfS").values_list("status", flat=True)) == {
        "rejected"
    }
    assert not Mention.objects.filter(translation__document=suggested, quote="MfS").exists()


def test_an_ambiguous_name_is_repointed_then_accepted(archivist_client, second):
    klaus = Person.objects.create(
        slug="klaus-scholz", preferred_name="Klaus Scholz", sort_name="Scholz, Klaus"
    )
    SuggestionRun().run()
    scholz = Suggestion.objects.get(translation__document=second, name="Scholz")
    response = act(archivist_client, "accept_selected", [scholz])
    assert "choose the person, agency or place" in response.content.decode()
    scholz.refresh_from_db()
    assert scholz.status == "open"
    url = reverse("admin:catalog_suggestion_change", args=[scholz.pk])
    form = archivist_client.get(url)
    assert "Alfred Scholz" in form.content.decode() and "Klaus Scholz" in form.content.decode()
    response = archivist_client.post(
        url, change_form_data(form, person=klaus.pk, status="accepted")
    )
    assert response.status_code == 302
    scholz.refresh_from_db()
    assert scholz.status == "accepted" and scholz.mention.person == klaus


def test_every_occurrence_of_a_name_is_accepted_at_once(archivist_client, suggested):
    one = Suggestion.objects.filter(name="Saadoun Shaker").first()
    response = act(archivist_client, "accept_names", [one])
    assert "4 suggestions accepted" in response.content.decode()
    shaker = Person.objects.get(slug="saadoun-shaker")
    assert Mention.objects.filter(translation__document=suggested, person=shaker).count() == 4


def test_a_text_page_lists_its_suggestions_to_decide_in_place(archivist_client, suggested):
    text = suggested.translations.get()
    url = reverse("admin:catalog_translation_change", args=[text.pk])
    page = archivist_client.get(url)
    assert "suggested mentions (open)" in page.content.decode().lower()
    data = change_form_data(page)
    prefix = next(
        k[: -len("-TOTAL_FORMS")] for k in data if k.endswith("-TOTAL_FORMS") and "suggestion" in k
    )
    rows = int(data[f"{prefix}-TOTAL_FORMS"])
    mielke = {s.pk for s in Suggestion.objects.filter(name="Mielke")}
    for index in range(rows):
        if int(data[f"{prefix}-{index}-id"]) in mielke:
            data[f"{prefix}-{index}-status"] = "accepted"
    response = archivist_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert Mention.objects.filter(translation=text, quote="Mielke").count() == 2
    document_page = archivist_client.get(
        reverse("admin:catalog_document_change", args=[suggested.pk])
    )
    assert "suggested mentions</a>" in document_page.content.decode()


def test_a_name_no_record_has_becomes_a_draft_person_with_its_occurrences(
    archivist_client, suggested
):
    listed = archivist_client.get(reverse("admin:catalog_newrecordsuggestion_changelist"))
    names = {s.name: s for s in listed.context["cl"].result_list}
    assert set(names) == {"Kratsch", "Günther Kratsch"}  # after a rank; in the publisher's list
    act(
        archivist_client,
        "create_records",
        [names["Günther Kratsch"]],
        url="admin:catalog_newrecordsuggestion_changelist",
    )
    person = Person.objects.get(preferred_name="Günther Kratsch")
    assert (person.status, person.sort_name) == ("draft", "Kratsch, Günther")
    # "Comrade Colonel Kratsch" in the text is now a suggestion of the new person.
    in_text = Suggestion.objects.get(name="Kratsch", source="title")
    assert (in_text.kind, in_text.person, in_text.status) == ("person", person, "open")
    assert list(in_text.candidate_persons.all()) == [person]
    listed = archivist_client.get(reverse("admin:catalog_newrecordsuggestion_changelist"))
    assert list(listed.context["cl"].result_list) == []


def test_editing_a_text_in_the_admin_suggests_the_names_it_now_holds(archivist_client, seed):
    text = seed.translations.get()
    url = reverse("admin:catalog_translation_change", args=[text.pk])
    page = archivist_client.get(url)
    added = text.text + "\n\nLater, Comrade Minister Mielke wrote to Saadoun Shaker again."
    response = archivist_client.post(url, change_form_data(page, text=added))
    assert response.status_code == 302
    suggested = Suggestion.objects.filter(translation=text, source="text")
    assert sorted(s.quote for s in suggested) == ["Mielke", "Saadoun Shaker"]
    assert all(s.start >= len(text.text) for s in suggested)  # the curated spans stay mentions
