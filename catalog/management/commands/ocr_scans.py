"""Read a document's scans with Tesseract into a new draft transcript."""

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Document
from catalog.scans.ocr import OCRError, ScanReader


class Command(BaseCommand):
    help = (
        "Read the scanned pages of DOCUMENT (its slug) with Tesseract, page by page, into a "
        "new draft transcript marked machine-read, for an archivist to correct and publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("document", help="The document's slug.")

    def handle(self, *args, **options):
        document = Document.objects.filter(slug=options["document"]).first()
        if document is None:
            raise CommandError(f"No document with the slug “{options['document']}”.")
        try:
            text = ScanReader(document).run()
        except OCRError as err:
            raise CommandError(str(err)) from err
        pages = text.page_spans.count()
        self.stdout.write(
            f"{document.slug}: a draft {text.get_kind_display().lower()} in "
            f"{text.language.name} ({text.slug}), {len(text.text)} characters from "
            f"{pages} page(s), machine-read: correct and publish it in the admin."
        )
