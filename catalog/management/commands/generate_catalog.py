"""Fill an empty database with a realistic synthetic catalog, for benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from catalog.interchange.synthetic import Sizes, SyntheticCatalog
from catalog.models import Document
from catalog.search.statistics import refresh_statistics


class Command(BaseCommand):
    help = (
        "Generate a synthetic catalog (names, EDTF dates, BStU references, texts with "
        "mentions). Default sizes: 100,000 documents with their texts, 10,000 persons, "
        "2,000 agencies, 50,000 contact events, 500,000 mentions; --documents N scales them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=100_000)
        for name in ("persons", "agencies", "events", "mentions"):
            parser.add_argument(f"--{name}", type=int, help="Default: in proportion to documents.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same catalog.")
        parser.add_argument(
            "--force", action="store_true", help="Add to a catalog that already has documents."
        )

    def handle(self, *args, **options):
        if Document.objects.exists() and not options["force"]:
            raise CommandError("The catalog is not empty; use a fresh database (or --force).")
        sizes = Sizes.for_documents(options["documents"])
        for name in ("persons", "agencies", "events", "mentions"):
            if options[name] is not None:
                setattr(sizes, name, options[name])
        counts = SyntheticCatalog(sizes, seed=options["seed"]).run()
        refresh_statistics()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
