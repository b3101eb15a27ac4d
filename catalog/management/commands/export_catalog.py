"""Write the catalog as a folder of CSV files with a datapackage.json."""

from django.core.management.base import BaseCommand

from catalog.interchange.exporter import CatalogExporter


class Command(BaseCommand):
    help = (
        "Write the whole catalog (or only its published records) to DIR as one CSV file per "
        "record type, with a datapackage.json describing them. The format is in the README."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--published-only",
            action="store_true",
            help="Leave out drafts and everything that would name one (for public data dumps).",
        )

    def handle(self, *args, directory, published_only, **options):
        exporter = CatalogExporter(published_only=published_only, stderr=self.stderr._out)
        report = exporter.run(directory)
        for line in report.lines():
            self.stdout.write(line)
