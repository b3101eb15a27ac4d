"""Reading the scans: German typewritten text, rendered to an image, read by Tesseract into a
draft transcript that is public only once published, and then found by search."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image, ImageDraw, ImageFont

from catalog.models import Language, ScanPage, TextPage, Translation
from catalog.scans import ocr

FONT = "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"
PAGES = [
    ["Ministerium für Staatssicherheit", "Betrifft: Zusammenarbeit mit dem"],
    ["irakischen Geheimdienst. Die Maßnahmen", "zur Überprüfung werden fortgesetzt."],
]
needs_tesseract = pytest.mark.skipif(
    ocr.tesseract_version() is None, reason="Tesseract is not installed (make test installs it)"
)


def typewritten(lines) -> bytes:
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("L", (1700, 140 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((80, 60 + 70 * number), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def scanned(seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for position, lines in enumerate(PAGES, start=1):
        page = ScanPage(document=seed, position=position, label=f"Bl. {48 + position}")
        page.image.save(f"page-{position}.png", ContentFile(typewritten(lines)), save=True)
    return seed


def search_finds(client, word) -> bool:
    html = client.get("/documents/", {"q": word}).content.decode()
    return "/documents/mfs-relations-with-iraqi-intelligence-1986/" in html


@needs_tesseract
def test_ocr_scans_makes_a_draft_transcript_found_once_published(scanned, client):
    out = io.StringIO()
    call_command("ocr_scans", scanned.slug, stdout=out)

    text = Translation.objects.get(document=scanned, machine_read=True)
    assert "2 page(s)" in out.getvalue() and text.slug in out.getvalue()
    assert (text.kind, text.language.code, text.status) == ("transcript", "de", "draft")
    assert text.credit_line.startswith("Machine-read from the scans by Tesseract 5")
    assert "not yet corrected" in text.credit_line
    for word in ("Staatssicherheit", "Zusammenarbeit", "Geheimdienst", "Maßnahmen"):
        assert word in text.text
    # Each page's span in the text holds that page's words.
    spans = list(TextPage.objects.filter(translation=text).order_by("start"))
    assert [span.scan_page.label for span in spans] == ["Bl. 49", "Bl. 50"]
    assert "Zusammenarbeit" in text.text[spans[0].start : spans[0].end]
    assert "Geheimdienst" in text.text[spans[1].start : spans[1].end]
    assert spans[0].end <= spans[1].start

    # A draft: not on the page, not found.
    page = client.get(scanned.get_absolute_url()).content.decode()
    assert "Staatssicherheit" not in page and "Zusammenarbeit" not in page
    assert not search_finds(client, "Zusammenarbeit")

    text.status = "published"
    text.save()

    for word in ("Zusammenarbeit", "Geheimdienst", "Massnahmen", "Maßnahmen"):
        assert search_finds(client, word), word
    page = client.get(scanned.get_absolute_url()).content.decode()
    assert "Zusammenarbeit" in page and "Machine-read, not yet corrected" in page


def test_without_tesseract_it_says_so_and_writes_nothing(scanned, monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_version", lambda: None)
    before = Translation.objects.count()
    with pytest.raises(CommandError, match="Tesseract is not installed.*Nothing was written"):
        call_command("ocr_scans", scanned.slug, stdout=io.StringIO())
    assert Translation.objects.count() == before
    assert not TextPage.objects.exists()


def test_a_document_without_scans_or_unknown_is_refused(seed):
    with pytest.raises(CommandError, match="No document with the slug"):
        call_command("ocr_scans", "no-such-memo", stdout=io.StringIO())
    if ocr.tesseract_version() is not None:
        with pytest.raises(CommandError, match="has no scanned pages"):
            call_command("ocr_scans", seed.slug, stdout=io.StringIO())


def test_the_language_is_the_documents_original_one_german_by_default(seed):
    assert ocr.tesseract_code(seed.original_languages.get()) == "deu"
    assert ocr.tesseract_code(Language(code="ru", name="Russian")) == "rus"
    assert ocr.tesseract_code(None) == "deu"
