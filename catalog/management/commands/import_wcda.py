"""Import documents in the Wilson Center Digital Archive text format."""

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.base import one_line_when_busy
from catalog.importers.wcda import WCDAImporter
from catalog.search.statistics import refresh_statistics


class Command(BaseCommand):
    help = (
        "Import Wilson Center Digital Archive text files (and the curated "
        "<name>.annotations.yaml beside each). PATH is a file or a folder of .txt files."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish new records (default: draft)."
        )
        parser.add_argument(
            "--per-file",
            action="store_true",
            help="Commit each good file even if others are rejected (default: all or nothing).",
        )

    def handle(self, *args, **options):
        importer = WCDAImporter(
            dry_run=options["dry_run"], publish=options["publish"], per_file=options["per_file"]
        )
        with one_line_when_busy("import_wcda"):
            report = importer.run(options["paths"])
        if not options["dry_run"]:
            refresh_statistics()
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{len(report.rejected)} file(s) rejected.")
