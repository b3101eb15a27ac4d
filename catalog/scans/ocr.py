"""Reading a document's scans with Tesseract: a draft transcript, page by page.

``ScanReader(document).run()`` reads each scanned page in order with Tesseract (through
pytesseract), in the document's original language (German, ``deu``, when it has none or
Tesseract lacks it is refused), and writes one new text: kind transcript, in that language,
a **draft** marked **machine-read**, with a credit line naming the engine, its version and
the day, and a ``TextPage`` for each page's span in it. A draft is not public: an archivist
corrects it in the admin and publishes it (``catalog.restrictions.withheld``).

Everything is read before anything is written: without Tesseract, without its language
data, or with a page it cannot open, the reader says so and writes nothing. The catalog
works fully without Tesseract; only this reader needs it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from catalog.models import Document, Language, ScanPage, TextPage, Translation
from catalog.models.base import Status

DEFAULT_LANGUAGE = "deu"
PAGE_BREAK = "\n\n"


class OCRError(Exception):
    """Why the scans could not be read; nothing was written."""


def tesseract_version() -> str | None:
    """The installed Tesseract's version, or None when it (or pytesseract) is missing."""
    try:
        import pytesseract
    except ImportError:
        return None
    try:
        return str(pytesseract.get_tesseract_version()).split()[0]
    except (pytesseract.TesseractNotFoundError, OSError):
        return None


def tesseract_code(language: Language | None) -> str:
    """Tesseract's name for a language (ISO 639-2/T: 'deu', 'rus'), from its ISO code."""
    if language is None:
        return DEFAULT_LANGUAGE
    import pycountry

    code = language.code.split("-")[0].lower()
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    found = found or pycountry.languages.get(alpha_3=code)
    return found.alpha_3 if found is not None else DEFAULT_LANGUAGE


@dataclass
class PageReading:
    page: ScanPage
    text: str


class ScanReader:
    def __init__(self, document: Document, *, today: datetime.date | None = None):
        self.document = document
        self.today = today or timezone.localdate()

    def language(self) -> Language:
        """The document's original language; German when it names none."""
        original = self.document.original_languages.order_by("pk").first()
        if original is not None:
            return original
        return Language.objects.get_or_create(code="de", defaults={"name": "German"})[0]

    def run(self) -> Translation:
        version = tesseract_version()
        if version is None:
            raise OCRError(
                "Tesseract is not installed, so the scans cannot be read: install it "
                "(Debian: apt-get install tesseract-ocr tesseract-ocr-deu) and run again. "
                "Nothing was written."
            )
        import pytesseract

        language = self.language()
        code = tesseract_code(language)
        installed = set(pytesseract.get_languages(config=""))
        if code not in installed:
            raise OCRError(
                f"Tesseract has no data for {language.name} ('{code}'): install it "
                f"(Debian: apt-get install tesseract-ocr-{code}) and run again. "
                "Nothing was written."
            )
        pages = list(self.document.scan_pages.order_by("position", "pk"))
        if not pages:
            raise OCRError(f"“{self.document}” has no scanned pages to read. Nothing was written.")
        readings = [PageReading(page, self.read_page(page, code)) for page in pages]
        return self.write(readings, language, version)

    def read_page(self, page: ScanPage, code: str) -> str:
        import pytesseract
        from PIL import Image, UnidentifiedImageError

        try:
            with page.image.open("rb") as handle, Image.open(handle) as image:
                image.load()
                text = pytesseract.image_to_string(image, lang=code)
        except (OSError, UnidentifiedImageError, pytesseract.TesseractError) as err:
            raise OCRError(
                f"{page.display_label} ({page.image.name}) could not be read: {err}. "
                "Nothing was written."
            ) from err
        return _tidy(text)

    def write(self, readings: list[PageReading], language: Language, version: str):
        parts, spans, position = [], [], 0
        for reading in readings:
            if parts:
                parts.append(PAGE_BREAK)
                position += len(PAGE_BREAK)
            parts.append(reading.text)
            spans.append((reading.page, position, position + len(reading.text)))
            position += len(reading.text)
        with transaction.atomic():
            text = Translation(
                document=self.document,
                kind=Translation.Kind.TRANSCRIPT,
                language=language,
                text="".join(parts),
                status=Status.DRAFT,
                machine_read=True,
                credit_line=(
                    f"Machine-read from the scans by Tesseract {version} on "
                    f"{self.today.isoformat()}; not yet corrected."
                ),
            )
            text.save()
            TextPage.objects.bulk_create(
                TextPage(translation=text, scan_page=page, start=start, end=end)
                for page, start, end in spans
            )
        return text


def _tidy(text: str) -> str:
    """The page's text without trailing blanks, runs of blank lines as one, form feeds."""
    lines = [line.rstrip() for line in text.replace("\f", "").splitlines()]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)
