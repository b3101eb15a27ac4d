"""Scans of a document's original pages, and where each page stands in its texts.

A document has an ordered set of page images (a PDF is split into pages when it comes in),
each labelled with its folio or page as the archival reference counts them ("Bl. 49",
"p. 50"), with its size and checksum. The files live in Django's default storage (under
``MEDIA_ROOT``, or any storage backend the settings name); the public reads them only through
the IIIF image service, which checks publication and restrictions first.

``TextPage`` records where a page's content stands in a text, as a span of characters: the
page breaks of a transcript read from the scans, or marked by an archivist in a translation.
The IIIF manifest links a text's passages to their pages with it, and the viewer highlights
the passage of the page being shown.
"""

import hashlib
import posixpath

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


def scan_upload_to(page: "ScanPage", filename: str) -> str:
    """Where a page's image is stored: one folder per document, named by its checksum, so
    that the same image uploaded twice is one file and a name never leaks a draft's title."""
    extension = posixpath.splitext(filename)[1].lower() or ".png"
    digest = page.checksum or hashlib.sha256(filename.encode()).hexdigest()
    return f"scans/{page.document_id}/{digest}{extension}"


class ScanPage(models.Model):
    document = models.ForeignKey(
        "catalog.Document", on_delete=models.CASCADE, related_name="scan_pages"
    )
    position = models.PositiveIntegerField(
        default=1, help_text="The page's place in the document's scans, from 1."
    )
    label = models.CharField(
        max_length=50,
        blank=True,
        help_text="The folio or page as the archival reference counts them: 'Bl. 49', 'p. 50'.",
    )
    image = models.ImageField(
        upload_to=scan_upload_to,
        max_length=500,
        width_field="width",
        height_field="height",
        help_text="The page's image (PNG, JPEG or TIFF); a PDF is split into pages on upload.",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    checksum = models.CharField(
        "SHA-256",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="The checksum of the image file, computed when it is stored.",
    )
    source = models.CharField(
        max_length=255,
        blank=True,
        help_text="The file the page came from: 'HA X 104.pdf, page 2'.",
    )
    added = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "position", "pk"]
        indexes = [models.Index(fields=["document", "position"], name="scan_page_order")]
        verbose_name = "scanned page"

    def __str__(self) -> str:
        return f"{self.label or f'Page {self.position}'} of {self.document}"

    @property
    def display_label(self) -> str:
        return self.label or f"Page {self.position}"


class TextPage(models.Model):
    """The span of a text that stands on a scanned page: the page's break in that text."""

    translation = models.ForeignKey(
        "catalog.Translation",
        on_delete=models.CASCADE,
        related_name="page_spans",
        verbose_name="text",
    )
    scan_page = models.ForeignKey(ScanPage, on_delete=models.CASCADE, related_name="text_spans")
    start = models.PositiveIntegerField(help_text="Offset of the page's first character (from 0).")
    end = models.PositiveIntegerField(help_text="Offset just after the page's last character.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["translation", "start"]
        verbose_name = "page in a text"
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "scan_page"], name="unique_page_per_text"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="text_page_span_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scan_page.display_label} in {self.translation}"

    def clean(self):
        super().clean()
        if self.translation_id and self.scan_page_id:
            if self.scan_page.document_id != self.translation.document_id:
                raise ValidationError(
                    {"scan_page": "The page belongs to another document than the text."}
                )
            length = len(self.translation.text or "")
            if (
                self.start is not None
                and self.end is not None
                and not (0 <= self.start <= self.end <= length)
            ):
                raise ValidationError(
                    {
                        "end": f"The span {self.start}–{self.end} is not inside the text "
                        f"(length {length})."
                    }
                )
