"""Rebuild the full-text search index of every document."""

from django.core.management.base import BaseCommand

from catalog.search.indexer import SearchIndexer
from catalog.search.statistics import refresh_statistics


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every document, e.g. after changes made "
        "with bulk tools that bypass the usual saving."
    )

    def handle(self, *args, **options):
        count = SearchIndexer().rebuild()
        refresh_statistics()
        self.stdout.write(f"Search index rebuilt: {count} documents.")
