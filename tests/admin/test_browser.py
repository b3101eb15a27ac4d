"""An editor catalogues a new document from nothing to published, in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from catalog.admin.accounts import create_catalog_user
from catalog.models import ContactEvent, Document, Language, Mention, Person, Status

pytestmark = [
    pytest.mark.browser,
    # The roles come from a data migration; a browser test's database is emptied after
    # each test, so it is restored from the migrated state first.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = (
    "In October 1969 Comrade Minister Mielke received the Iraqi Minister of the Interior "
    "in Berlin. Mielke promised training for Iraqi security officers."
)


def pick(page: Page, select_id: str, search: str, option: str) -> None:
    """Choose ``option`` in the autocomplete (select2) box of the select ``select_id``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def save_and_continue(page: Page) -> None:
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_an_editor_catalogues_a_document_end_to_end(page: Page):
    user, password = create_catalog_user("eva", "editor")
    Language.objects.create(code="en", name="English")
    Person.objects.create(preferred_name="Erich Mielke", slug="erich-mielke")

    page.goto("/admin/login/")
    page.fill("#id_username", "eva")
    page.fill("#id_password", password)
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("heading", name="Catalogue")).to_be_visible()

    # A new document, with its English translation.
    page.goto("/admin/catalog/document/add/")
    # Typed key by key, as the address is filled in from the title while typing.
    page.locator("#id_title").press_sequentially(
        "Mielke receives the Iraqi Minister of the Interior"
    )
    expect(page.locator("#id_slug")).to_have_value(
        "mielke-receives-the-iraqi-minister-of-the-interior"
    )
    page.fill("#id_date", "1969-10")
    page.get_by_role("button", name="Add another text").click()
    pick(page, "id_translations-0-language", "Engl", "English")
    page.fill("#id_translations-0-text", TEXT)
    save_and_continue(page)
    document = Document.objects.get()
    assert document.status == Status.DRAFT
    assert document.translations.get().language.code == "en"

    # A mention of a person, linked through autocomplete, on the translation's page.
    page.locator("#translations-0 a.inlinechangelink").click()
    page.fill("#id_mention_set-0-quote", "Minister Mielke")
    pick(page, "id_mention_set-0-person", "Mielke", "Erich Mielke")
    save_and_continue(page)
    mention = Mention.objects.get()
    assert mention.person.slug == "erich-mielke"
    assert TEXT[mention.start : mention.end] == "Minister Mielke"

    # The contact event the document attests, with a participant and its evidence.
    page.goto("/admin/catalog/contactevent/add/")
    page.locator("#id_title").press_sequentially("Mielke receives al-Amash in Berlin")
    page.select_option("#id_kind", "meeting")
    page.fill("#id_date", "1969-10")
    pick(page, "id_participants-0-person", "Mielke", "Erich Mielke")
    page.select_option("#id_participants-0-role", "host")
    pick(page, "id_evidence-0-translation", "Mielke receives", "Translation (English)")
    page.fill("#id_evidence-0-quote", "Mielke received the Iraqi Minister")
    save_and_continue(page)
    event = ContactEvent.objects.get()
    assert event.participants.get().person.slug == "erich-mielke"
    assert event.evidence.get().quote == "Mielke received the Iraqi Minister"

    # Publish the document, then find the changes in its history.
    page.goto(f"/admin/catalog/document/{document.pk}/change/")
    page.select_option("#id_status", "published")
    save_and_continue(page)
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED

    page.get_by_role("link", name="History").click()
    history = page.locator("#change-history")
    expect(history).to_contain_text("Status:")
    expect(history).to_contain_text("Draft")
    expect(history).to_contain_text("Published")
    expect(history).to_contain_text("eva")
    parts = page.locator("#related-changes")
    expect(parts).to_contain_text("mention: “Minister Mielke”")
    expect(parts).to_contain_text("text: Translation (English)")

    # The public now sees it.
    page.goto(document.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(document.title)
