# ruff: noqa: F811 - fixtures imported from other test modules are arguments here
"""A document's texts in a real browser: tabs by mouse and keyboard (WAI-ARIA tabs), the
original beside the translation on a wide screen and alone on a phone; axe-clean."""

import pytest
from playwright.sync_api import expect

from catalog.models import Translation
from tests.views.test_browser_design import (
    DESKTOP,
    PHONE,
    axe_violations,
    page,  # noqa: F401 - the tab that lets axe-core in
    report,
)
from tests.views.test_document_texts import GERMAN, SEED_URL, german

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_tabs_switch_the_texts_and_pair_the_original_on_a_wide_screen(seed, page, viewport):
    Translation.objects.create(document=seed, kind="original", language=german(), text=GERMAN)
    page.set_viewport_size(viewport)
    page.set_default_timeout(30_000)  # the live server's first page may be slow to come
    page.goto(SEED_URL)
    tabs = page.get_by_role("tablist", name="Texts of this document")
    english = tabs.get_by_role("tab", name="Translation into English")
    original = tabs.get_by_role("tab", name="Original text (German)")
    expect(english).to_have_attribute("aria-selected", "true")
    translation_panel = page.locator("#text-translation-en")
    original_panel = page.locator("#text-original-de")
    expect(translation_panel).to_be_visible()
    if viewport == DESKTOP:
        # The original stands beside the chosen translation, until the reader unpairs them.
        expect(original_panel).to_be_visible()
        assert original_panel.bounding_box()["x"] < translation_panel.bounding_box()["x"]
        page.get_by_label("Original and translation side by side").uncheck()
    expect(original_panel).to_be_hidden()
    # The keyboard: the arrow moves to the other tab and shows its text alone.
    english.focus()
    page.keyboard.press("ArrowLeft")
    expect(original).to_be_focused()
    expect(original).to_have_attribute("aria-selected", "true")
    expect(original_panel).to_contain_text(GERMAN)
    expect(translation_panel).to_be_hidden()
    violations = axe_violations(page)
    assert not violations, report({SEED_URL: violations})


def test_an_address_naming_a_passage_shows_the_text_it_stands_in(seed, page):
    """A contact's page links to its evidence in the German original: on a phone, where the
    translation is shown first and alone, the original is shown with the passage in view.
    An address from before passages named their text ("#p-136") still finds the passage."""
    from catalog.models import EventEvidence

    english = seed.translations.get()
    evidence = EventEvidence.objects.filter(translation=english).first()
    quote = english.text[evidence.start : evidence.end]
    text = "Vorbemerkung. " * 400 + quote + " Ende."
    original = Translation.objects.create(
        document=seed, kind="original", language=german(), text=text
    )
    start = text.index(quote)
    EventEvidence.objects.create(
        event=evidence.event, translation=original, start=start, end=start + len(quote), quote=quote
    )
    page.set_viewport_size(PHONE)
    page.set_default_timeout(30_000)
    page.goto(f"{SEED_URL}#p-original-de-{start}")
    passage = page.locator(f"#p-original-de-{start}")
    expect(page.locator("#text-original-de")).to_be_visible()
    expect(page.locator("#text-translation-en")).to_be_hidden()
    expect(passage).to_be_in_viewport()
    # The link the document's own list gives shows the English text again.
    page.goto(f"{SEED_URL}#p-{evidence.start}")
    expect(page.locator("#text-translation-en")).to_be_visible()
    expect(page.locator(f"#p-translation-en-{evidence.start}")).to_be_in_viewport()
    assert page.evaluate("window.location.hash") == f"#p-translation-en-{evidence.start}"
