"""A document's texts on its page: any number, each with its credits, switchable; the seed
memo's German original waits in a slot of its own, with nothing invented for it."""

from catalog.models import Agency, Language, Person, Translation

SEED_URL = "/documents/mfs-relations-with-iraqi-intelligence-1986/"
SLOT = "The German original (BStU, ZA, HA X 104, pp. 49-51) has not been transcribed yet."
GERMAN = "Zusammenarbeit mit den Sicherheitsorganen der Republik Irak."


def german():
    return Language.objects.get_or_create(code="de", defaults={"name": "German"})[0]


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_seed_memo_shows_its_original_slot_and_invents_nothing(seed, client):
    html = main_html(client.get(SEED_URL))
    assert SLOT in html
    assert 'id="text-original-slot"' in html
    assert "text-switch" not in html  # one text: no picker; the slot is a note after it
    assert 'id="text-translation-en"' in html
    # One text of German: none; the slot holds no words of its own.
    assert 'lang="de"' not in html
    assert seed.translations.count() == 1


def test_several_texts_are_shown_each_with_its_credits(seed, client):
    hand = Person.objects.create(
        slug="second-hand", preferred_name="Second Hand", status="published"
    )
    body = Agency.objects.create(slug="some-body", name="Some Body", status="published")
    english = seed.translations.get()
    second = Translation.objects.create(
        document=seed,
        language=english.language,
        text="Another reading of the memo, by another hand.",
        translator=hand,
        commissioned_by=body,
        credit_line="Translated for Some Body by Second Hand.",
    )
    original = Translation.objects.create(
        document=seed, kind="original", language=german(), text=GERMAN
    )
    assert (second.slug, original.slug) == ("translation-en-2", "original-de")

    html = main_html(client.get(SEED_URL))

    assert SLOT not in html  # the original is there now
    for anchor in ("text-original-de", "text-translation-en", "text-translation-en-2"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert html.index('id="text-original-de"') < html.index('id="text-translation-en"')
    assert 'lang="de"' in html and GERMAN in html
    assert "Translated for Some Body by Second Hand." in html
    assert 'href="/persons/second-hand/"' in html and 'href="/agencies/some-body/"' in html
    assert "Translated for CWIHP by Bernd Schaefer." in html
    assert "texts-paired" in html  # original and translation may stand side by side
    assert "document-texts.js" in html


def test_a_published_machine_read_text_says_so(seed, client):
    Translation.objects.create(
        document=seed, kind="transcript", language=german(), text=GERMAN, machine_read=True
    )
    html = main_html(client.get(SEED_URL))
    assert "Machine-read, not yet corrected" in html
    assert GERMAN in html


def test_a_draft_text_is_not_on_the_page_and_the_slot_stays(seed, client):
    Translation.objects.create(
        document=seed,
        kind="transcript",
        language=german(),
        text=GERMAN,
        status="draft",
        machine_read=True,
    )
    html = main_html(client.get(SEED_URL))
    assert GERMAN not in html and "Machine-read" not in html
    assert SLOT in html


def test_each_passage_has_one_anchor_among_all_the_texts_and_pages_link_to_it(seed, client):
    """An original and its translation each attest the contact at the same offset: each
    passage has an id of its own, naming its text, and the contact's page links to each."""
    import re

    from catalog.models import EventEvidence

    english = seed.translations.get()
    evidence = EventEvidence.objects.filter(translation=english).select_related("event").first()
    quote = english.text[evidence.start : evidence.end]
    # A German text whose words stand at the same offset as the English passage.
    words = "Zusammenarbeit. " * (evidence.start // 16 + 1)
    text = words[: evidence.start] + quote + " Ende."
    original = Translation.objects.create(
        document=seed, kind="original", language=german(), text=text
    )
    EventEvidence.objects.create(
        event=evidence.event, translation=original, start=evidence.start, end=evidence.end,
        quote=quote,
    )  # fmt: skip

    html = main_html(client.get(SEED_URL))
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    english_anchor = f"p-translation-en-{evidence.start}"
    german_anchor = f"p-original-de-{evidence.start}"
    assert f'id="{english_anchor}"' in html and f'id="{german_anchor}"' in html
    event_page = client.get(evidence.event.get_absolute_url()).content.decode()
    for anchor in (english_anchor, german_anchor):
        assert f'href="{SEED_URL}#{anchor}"' in event_page
    # The document's own list of what it attests leads to the passages on the page.
    assert f'href="#{english_anchor}"' in html and f'href="#{german_anchor}"' in html
