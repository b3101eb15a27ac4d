"""Read a folder of catalog CSV files (as export_catalog writes them) into the catalog."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.base import one_line_when_busy
from catalog.interchange.importer import BATCH_SIZE, CatalogImporter
from catalog.search.statistics import refresh_statistics


class Command(BaseCommand):
    help = (
        "Import the CSV files in DIR, matching rows on their natural keys (slugs...): known "
        "records are updated, new ones created. All or nothing: if any row is invalid, nothing "
        "is written and the problems are listed in the error report."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and report every row (created, updated, unchanged, invalid); "
            "write nothing.",
        )
        parser.add_argument(
            "--keep-going",
            action="store_true",
            help="Write the valid rows even if others are invalid (default: all or nothing).",
        )
        parser.add_argument(
            "--errors",
            metavar="FILE",
            help="Where to write the error report (default: DIR/import-errors.csv).",
        )
        parser.add_argument(
            "--report",
            metavar="FILE",
            help="Write one line per row to FILE ('-' for the screen; the default of --dry-run).",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Rows per batch.")
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Do not record the change history (faster; for loading a fresh installation).",
        )

    def handle(self, *args, directory, **options):
        report_to = options["report"] or ("-" if options["dry_run"] else None)
        errors = options["errors"] or Path(directory) / "import-errors.csv"
        rows_file = None
        if report_to == "-":
            rows_out = self.stdout
        elif report_to:
            rows_file = rows_out = open(report_to, "w", encoding="utf-8", newline="")  # noqa: SIM115
        else:
            rows_out = None
        try:
            importer = CatalogImporter(
                dry_run=options["dry_run"],
                keep_going=options["keep_going"],
                batch_size=options["batch_size"],
                history=not options["no_history"],
                errors_path=errors,
                rows_out=rows_out,
                stderr=getattr(self.stderr, "_out", sys.stderr),
            )
            with one_line_when_busy("import_catalog"):
                report = importer.run(directory)
            if not options["dry_run"]:
                refresh_statistics()
        finally:
            if rows_file:
                rows_file.close()
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok and not options["keep_going"]:
            raise CommandError(f"{report.problems} problem(s); nothing was written.")
