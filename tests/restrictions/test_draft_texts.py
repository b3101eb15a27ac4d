"""A draft text (a machine-read transcript not yet corrected) is invisible to the public in
every output, and a mention or evidence in it attests nothing publicly; published, it is."""

import io

from catalog.interchange.exporter import CatalogExporter
from catalog.models import ContactEvent, EventEvidence, Language, Mention, Person, Translation
from tests.restrictions.public_urls import every_url, fetch_all

WORD = "Quellenschutzvermerk"
DRAFT = f"Vermerk: {WORD}. Genosse Gustav Geheim traf die irakische Delegation."


def draft_text(seed) -> Translation:
    german = Language.objects.get_or_create(code="de", defaults={"name": "German"})[0]
    text = Translation.objects.create(
        document=seed,
        kind="transcript",
        language=german,
        text=DRAFT,
        status="draft",
        machine_read=True,
        credit_line="Machine-read from the scans by Tesseract 5.3.0 on 2026-12-03.",
    )
    person = Person.objects.create(
        slug="gustav-geheim", preferred_name="Gustav Geheim", status="published"
    )
    start = DRAFT.index("Gustav Geheim")
    Mention.objects.create(
        translation=text, person=person, start=start, end=start + 13, quote="Gustav Geheim"
    )
    event = ContactEvent.objects.create(
        slug="quellen-treffen", title="Treffen im Entwurf", kind="meeting", status="published"
    )
    EventEvidence.objects.create(
        event=event, translation=text, start=0, end=len(DRAFT), quote=DRAFT
    )
    return text


def test_a_draft_text_is_nowhere_public(seed, client):
    draft_text(seed)
    pages = fetch_all(client, every_url(words=(WORD, "Gustav", "Geheim")))
    for url, status, text in pages:
        assert status in (200, 301, 302, 404), (url, status)
        if "q=" in url:  # a search repeats its query: it must find nothing
            assert seed.slug not in text, url
            continue
        assert WORD not in text, url
        assert "Machine-read from the scans" not in text, url
    # Gustav is named only in the draft: his page names no document.
    person_page = client.get("/persons/gustav-geheim/").content.decode()
    assert seed.slug not in person_page
    # The event's only evidence is in the draft: it quotes nothing on its page.
    event_page = client.get("/events/quellen-treffen/").content.decode()
    assert "Vermerk" not in event_page


def test_a_published_only_export_leaves_the_draft_text_out(seed, tmp_path):
    draft_text(seed)
    CatalogExporter(published_only=True, stderr=io.StringIO()).run(tmp_path)
    for name in ("translations", "mentions", "event_evidence"):
        assert WORD not in (tmp_path / f"{name}.csv").read_text(), name
    assert "transcript-de" not in (tmp_path / "translations.csv").read_text()
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "all")
    assert "transcript-de" in (tmp_path / "all" / "translations.csv").read_text()


def test_once_published_it_is_read_searched_and_attests(seed, client):
    text = draft_text(seed)
    text.status = "published"
    text.save()
    page = client.get(seed.get_absolute_url()).content.decode()
    assert WORD in page and "Machine-read, not yet corrected" in page
    assert seed.slug in client.get("/documents/", {"q": WORD}).content.decode()
    assert seed.slug in client.get("/persons/gustav-geheim/").content.decode()
    assert f'"{WORD}"' not in client.get(f"/api/documents/{seed.slug}/").content.decode()
    api = client.get("/api/texts/", {"document": seed.slug}).json()
    assert any(WORD in row["text"] for row in api["results"])
