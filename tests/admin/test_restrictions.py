"""Restrictions in the admin, tried as each role: archivists see them, officers decide them,
and a restriction removed before its lift day is removed only with a written reason."""

import datetime

import pytest
from django.urls import reverse

from catalog.models import Person, Restriction
from catalog.restrictions import withheld
from tests.admin.helpers import change_form_data

Rule, Scope, Reason = Restriction.Rule, Restriction.Scope, Restriction.Reason
LIFTS = datetime.date(2031, 1, 1)


@pytest.fixture
def restriction(seed):
    restriction = Restriction(
        scope=Scope.PASSAGE,
        translation=seed.translations.get(),
        quote="Taher Ahmed Amin",
        reason=Reason.THIRD_PARTY,
        rule=Rule.FIXED,
        lift_date=LIFTS,
    )
    restriction.full_clean()
    restriction.save()
    return restriction


def url(name, *args):
    return reverse(f"admin:catalog_restriction_{name}", args=args)


def add_data(seed, **changes):
    data = {
        "scope": Scope.PASSAGE,
        "translation": seed.translations.get().pk,
        "quote": "Saadoun Shaker",
        "occurrence": "1",
        "reason": Reason.INFORMANT,
        "legal_basis": "StUG § 32 (1) Nr. 3",
        "rule": Rule.FIXED,
        "lift_date": "2040-05-01",
        "note": "",
        "removal_reason": "",
    }
    data.update(changes)
    return data


def test_an_archivist_sees_restrictions_but_may_not_add_change_or_remove_them(
    archivist_client, restriction, seed
):
    assert archivist_client.get(url("changelist")).status_code == 200
    page = archivist_client.get(url("change", restriction.pk))
    assert page.status_code == 200
    assert 'name="lift_date"' not in page.content.decode()  # read-only
    assert archivist_client.get(url("add")).status_code == 403
    assert archivist_client.post(url("add"), add_data(seed)).status_code == 403
    assert archivist_client.post(url("delete", restriction.pk), {"post": "yes"}).status_code == 403
    response = archivist_client.post(url("change", restriction.pk), {"lift_date": "2020-01-01"})
    assert response.status_code == 403
    restriction.refresh_from_db()
    assert restriction.lifts_on == LIFTS
    assert Restriction.objects.count() == 1


def test_an_officer_adds_a_restriction_found_by_its_quote_and_decided_by_them(
    officer_client, officer, seed
):
    response = officer_client.post(url("add"), add_data(seed))
    assert response.status_code == 302, response.context and response.context["errors"]
    restriction = Restriction.objects.get()
    text = seed.translations.get().text
    assert text[restriction.start : restriction.end] == "Saadoun Shaker"
    assert restriction.decided_by == officer
    assert restriction.lifts_on == datetime.date(2040, 5, 1)
    assert restriction.document == seed


def test_removing_a_restriction_early_needs_a_reason_which_the_history_keeps(
    officer_client, officer, restriction
):
    page = officer_client.get(url("delete", restriction.pk))
    assert "Reason for lifting early" in page.content.decode()
    refused = officer_client.post(url("delete", restriction.pk), {"post": "yes"})
    assert refused.status_code == 200
    assert "say why it is removed" in refused.content.decode()
    assert Restriction.objects.filter(pk=restriction.pk).exists()
    done = officer_client.post(
        url("delete", restriction.pk), {"post": "yes", "removal_reason": "Consent given 2026-11"}
    )
    assert done.status_code == 302
    assert not Restriction.objects.filter(pk=restriction.pk).exists()
    last = Restriction.history.filter(id=restriction.pk).latest()
    assert last.history_type == "-"
    assert last.history_change_reason == "Consent given 2026-11"
    assert last.history_user == officer


def test_moving_the_lift_day_earlier_needs_a_reason_which_the_history_keeps(
    officer_client, restriction
):
    form = officer_client.get(url("change", restriction.pk))
    data = change_form_data(form, lift_date="2027-01-01")
    refused = officer_client.post(url("change", restriction.pk), data)
    assert refused.status_code == 200
    assert "lift the restriction before its lift day: say why" in refused.content.decode()
    restriction.refresh_from_db()
    assert restriction.lifts_on == LIFTS
    data["removal_reason"] = "Court order of 2 December"
    done = officer_client.post(url("change", restriction.pk), data)
    assert done.status_code == 302, done.context and done.context["errors"]
    restriction.refresh_from_db()
    assert restriction.lifts_on == datetime.date(2027, 1, 1)
    last = restriction.history.latest()
    assert last.history_change_reason == "Court order of 2 December"


def test_switching_the_rule_so_it_lifts_earlier_counts_as_removal_too(officer_client, restriction):
    person = Person.objects.get(slug="taher-ahmed-amin")
    person.life_dates = "1900/1950"
    person.save()
    data = change_form_data(
        officer_client.get(url("change", restriction.pk)),
        rule=Rule.AFTER_DEATH,
        lift_date="",
        person=person.pk,
    )
    refused = officer_client.post(url("change", restriction.pk), data)
    assert refused.status_code == 200
    assert "say why" in refused.content.decode()
    # Lifting later needs no reason.
    data = change_form_data(
        officer_client.get(url("change", restriction.pk)), lift_date="2050-01-01"
    )
    assert officer_client.post(url("change", restriction.pk), data).status_code == 302


def test_a_restriction_already_lifted_is_deleted_without_a_reason(officer_client, restriction):
    Restriction.objects.filter(pk=restriction.pk).update(lifts_on=datetime.date(2001, 1, 1))
    done = officer_client.post(url("delete", restriction.pk), {"post": "yes"})
    assert done.status_code == 302
    assert not Restriction.objects.exists()


def test_the_list_filters_what_lifts_within_90_days(officer_client, restriction, seed):
    soon = Restriction(
        scope=Scope.DOCUMENT,
        document=seed,
        reason=Reason.LEGAL_HOLD,
        rule=Rule.FIXED,
        lift_date=withheld.today() + datetime.timedelta(days=30),
    )
    soon.save()
    listed = officer_client.get(url("changelist"), {"lifts": "soon"})
    assert list(listed.context["cl"].result_list) == [soon]
    index = officer_client.get(reverse("admin:index")).content.decode()
    assert "Lifting in the next 90 days" in index
    assert f"{url('changelist')}?lifts=soon" in index
    found = officer_client.get(url("changelist"), {"q": "Taher"})
    assert list(found.context["cl"].result_list) == [restriction]


def test_the_document_page_highlights_restricted_passages_with_reason_and_lift_day(
    archivist_client, restriction, seed
):
    Restriction.objects.create(
        scope=Scope.PASSAGE,
        translation=seed.translations.get(),
        quote="<b>",  # not in the text: shown escaped wherever it is shown
        start=10,
        end=20,
        reason=Reason.VICTIM,
        rule=Rule.UNTIL_REMOVED,
    )
    page = archivist_client.get(reverse("admin:catalog_document_change", args=[seed.pk]))
    html = page.content.decode()
    assert (
        '<mark class="restricted" title="Personal data of a third party: withheld until '
        '1 January 2031">Taher Ahmed Amin</mark>'
    ) in html
    assert 'title="Data of a person affected (victim): withheld until removed"' in html
    assert "<b>" not in html.split('class="restrictions-shown"')[1].split("</fieldset>")[0]
    assert "Marked</mark> passages are withheld from the public" in html
    # Listed inline, read-only, each linked to its own page.
    assert url("change", restriction.pk) in html
    assert 'name="restrictions-0-reason"' not in html
    text_page = archivist_client.get(
        reverse("admin:catalog_translation_change", args=[restriction.translation_id])
    )
    assert "Taher Ahmed Amin</mark>" in text_page.content.decode()


def test_moving_a_restriction_to_another_passage_releases_the_first_and_needs_a_reason(
    officer_client, restriction, seed
):
    text = seed.translations.get().text
    elsewhere = change_form_data(
        officer_client.get(url("change", restriction.pk)),
        quote="Saadoun Shaker",
        occurrence="1",
        start="",
        end="",
    )
    refused = officer_client.post(url("change", restriction.pk), elsewhere)
    assert refused.status_code == 200
    assert "release what the restriction withholds now" in refused.content.decode()
    restriction.refresh_from_db()
    assert text[restriction.start : restriction.end] == "Taher Ahmed Amin"
    # Widening it to the sentence around the name still withholds the name: no reason asked.
    sentence_start = text.rfind(".", 0, restriction.start) + 2
    wider = change_form_data(
        officer_client.get(url("change", restriction.pk)),
        quote=text[sentence_start : restriction.end],
        occurrence="1",
    )
    done = officer_client.post(url("change", restriction.pk), wider)
    assert done.status_code == 302, done.context and done.context["errors"]
    restriction.refresh_from_db()
    assert restriction.start == sentence_start


def test_the_rules_know_what_covers_what():
    from catalog.restrictions.rules import covers

    passage = (Scope.PASSAGE, 1, 10, 5, 9, None, None)
    assert covers(passage, (Scope.PASSAGE, 1, 10, 0, 20, None, None))
    assert not covers(passage, (Scope.PASSAGE, 1, 10, 6, 20, None, None))
    assert not covers(passage, (Scope.PASSAGE, 1, 11, 0, 20, None, None))
    assert covers(passage, (Scope.TEXT, 1, 10, None, None, None, None))
    assert covers(passage, (Scope.DOCUMENT, 1, None, None, None, None, None))
    assert not covers(passage, (Scope.DOCUMENT, 2, None, None, None, None, None))
    person = (Scope.PERSON, None, None, None, None, 7, None)
    assert covers(person, person)
    assert not covers(person, (Scope.DOCUMENT, 1, None, None, None, None, None))
    page = (Scope.SCAN_PAGE, 1, None, None, None, None, 3)
    assert covers(page, (Scope.DOCUMENT, 1, None, None, None, None, None))
    assert not covers(page, (Scope.SCAN_PAGE, 1, None, None, None, None, 4))
