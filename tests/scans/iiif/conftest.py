"""Scanned pages for the IIIF tests: images drawn with Pillow, stored in a throwaway
default storage, on a published document with a translation that marks its page breaks."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from catalog.models import Document, Language, ScanPage, Status, TextPage, Translation

PAGES = [("Bl. 49", (1100, 1500)), ("Bl. 50", (1100, 1500)), ("Bl. 51", (600, 400))]
TEXT = (
    "First page. The Ministry for State Security met the Iraqi delegation in Berlin.\n\n"
    "Second page. Taher Ahmed Amin asked for training in radio work.\n\n"
    "Third page. Signed by the head of Main Department X."
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Files go to a folder of the test's own (the default storage follows the setting)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def scan(label: str, size: tuple[int, int], shade: int = 230) -> ContentFile:
    """A PNG of a typed page: paper, and a dark band where the text stands."""
    image = Image.new("RGB", size, (shade, shade, shade - 10))
    draw = ImageDraw.Draw(image)
    draw.rectangle((size[0] // 10, size[1] // 10, size[0] * 9 // 10, size[1] // 5), fill=(40,) * 3)
    draw.text((size[0] // 10, size[1] // 4), label, fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name=f"{label}.png")


def store_page(document: Document, position: int, label: str, content: ContentFile) -> ScanPage:
    """A scanned page of ``document`` holding the image ``content``, with its checksum."""
    page = ScanPage(
        document=document,
        position=position,
        label=label,
        checksum=hashlib.sha256(content.read()).hexdigest(),
    )
    content.seek(0)
    page.image.save(content.name, content, save=False)
    page.save()
    return page


def add_page(document: Document, position: int, label: str, size=(1100, 1500)) -> ScanPage:
    return store_page(document, position, label, scan(label, size, shade=200 + position * 10))


def scanned_document(slug="scanned-memo", status=Status.PUBLISHED, pages=PAGES) -> Document:
    """A document with three scanned pages and an English translation whose paragraphs
    stand one on each page."""
    document = Document.objects.create(
        slug=slug,
        title="Memo on the Iraqi delegation",
        status=status,
        date="1986-02-27",
        publisher="Wilson Center Digital Archive",
        rights="CC BY 4.0, https://creativecommons.org/licenses/by/4.0/",
    )
    english, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    text = Translation.objects.create(document=document, language=english, text=TEXT)
    starts = [0, TEXT.index("Second page"), TEXT.index("Third page"), len(TEXT)]
    for position, (label, size) in enumerate(pages, start=1):
        page = add_page(document, position, label, size)
        TextPage.objects.create(
            translation=text,
            scan_page=page,
            start=starts[position - 1],
            end=starts[position],
        )
    return document


def typed_page(label: str, size=(1240, 1754), seed: int = 0) -> ContentFile:
    """A PNG that looks like a typewritten page at 150 dpi: yellowed paper, a folio number
    stamped at the top right, and lines of typing (grey bars of varying length)."""
    import random

    rng = random.Random(seed)
    image = Image.new("RGB", size, (236, 229, 212))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.text((width - 230, 60), label, fill=(60, 60, 90), font_size=44)
    y = 220
    while y < height - 200:
        if rng.random() < 0.12:
            y += 40  # a paragraph break
        length = rng.randint(int(width * 0.55), int(width * 0.78))
        draw.rectangle((150, y, 150 + length, y + 16), fill=(95, 92, 88))
        y += 44
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name=f"{label}.png")


def scan_the_seed(seed: Document) -> list[ScanPage]:
    """The seed memo's three folios (BStU, ZA, HA X 104, pp. 49-51) as typed pages, with the
    translation's paragraphs shared out among them."""
    from catalog.views.annotated_text import paragraphs

    text = seed.translations.get()
    pages = []
    for position, label in enumerate(["Bl. 49", "Bl. 50", "Bl. 51"], start=1):
        pages.append(store_page(seed, position, label, typed_page(label, seed=position)))
    starts = [start for start, _ in paragraphs(text.text)]
    cuts = [0, starts[len(starts) // 3], starts[2 * len(starts) // 3], len(text.text)]
    for page, start, end in zip(pages, cuts, cuts[1:], strict=False):
        TextPage.objects.create(translation=text, scan_page=page, start=start, end=end)
    return pages
