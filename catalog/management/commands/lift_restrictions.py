"""Record the restrictions whose lift day has come, and reindex what they withheld."""

from django.core.management.base import BaseCommand

from catalog.restrictions.lifting import Lifter


class Command(BaseCommand):
    help = (
        "Reindex the documents of every restriction whose lift day has passed and record the "
        "lift in its history. Pages show lifted content without it; search catches up here."
    )

    def handle(self, *args, **options):
        for line in Lifter().run().lines():
            self.stdout.write(line)
