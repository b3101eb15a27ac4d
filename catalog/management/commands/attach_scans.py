"""Add scanned pages to a document: image files, folders of them, or PDFs split into pages."""

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.base import ImportProblem, one_line_when_busy, script_user
from catalog.scans.ingest import ScanIngest, find_document


class Command(BaseCommand):
    help = (
        "Add the pages in PATH... (PNG, JPEG or TIFF files, a folder of them read in natural "
        "order, or PDFs split into one image per page) after DOCUMENT's scanned pages. "
        "DOCUMENT is a slug or a publisher's record id. Labels come from the document's "
        "archival reference ('pp. 49-51' gives 'p. 49', 'p. 50', 'p. 51') unless --labels "
        "gives them. All or nothing: bad input stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("document", metavar="DOCUMENT")
        parser.add_argument("paths", metavar="PATH", nargs="+")
        parser.add_argument(
            "--labels",
            help="One label per page, comma-separated: --labels 'Bl. 49,Bl. 50'.",
        )

    def handle(self, *args, document, paths, labels=None, **options):
        labels_given = None if labels is None else labels.split(",")
        try:
            found = find_document(document)
            ingest = ScanIngest(found, user=script_user("attach_scans"), reason="attach_scans")
            with one_line_when_busy("attach_scans"):
                report = ingest.add(paths, labels=labels_given)
        except ImportProblem as problem:
            raise CommandError(f"{problem} Nothing was stored.") from None
        for line in report.lines():
            self.stdout.write(line)
