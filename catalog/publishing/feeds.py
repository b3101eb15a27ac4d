"""An Atom feed of newly catalogued documents, for historians who follow the catalog.

Only published documents, as on every public surface; the feed never depends
on who asks, so a logged-in archivist's reader shows no drafts either.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from catalog.models import Document

FEED_SIZE = 50


class RecentDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = "Liaison: recently catalogued documents"
    subtitle = "Cold War intelligence records newly published in the catalog."
    link = reverse_lazy("catalog:documents")

    def items(self):
        # The newest first, read from the top of an index on (created, id): the same few
        # rows at any size of the catalog.
        newest = Document.objects.visible_to(None).order_by("-created", "-pk")
        columns = ("slug", "title", "date_display", "date_as_written", "summary")
        return newest.only(*columns, "created", "modified")[:FEED_SIZE]

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        when = item.date_display or item.date_as_written
        return f"{when}. {item.summary}" if when else item.summary

    def item_pubdate(self, item: Document):
        return item.created

    def item_updateddate(self, item: Document):
        return item.modified
