"""The sitemap: an index of sections, each at most ``SECTION_SIZE`` addresses.

Only published records are listed. A section reads two columns per record (slug and
last change) with ``values``, and builds each address from a prefix reversed once, so that
a page costs two queries and no model instances; the index asks each section for its size
and latest change together, one query a section, whatever the size of the catalog.

``SECTION_SIZE`` is 1,000, not the 10,000 the protocol allows: what a page of a section
costs is the number of its entries (reading and writing them; at 10,000 entries, about a
second), so a size that the smallest catalog already fills keeps a page's cost the same at
any size; the catalog's growth adds pages to the index instead, a line each.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.functional import cached_property

from catalog.models import Agency, Collection, ContactEvent, Document, Person, Place, Subject

SECTION_SIZE = 1_000
_SLUG = "slug-placeholder"


class RecordSitemap(Sitemap):
    """The records of one model, each at ``url_name`` with its slug."""

    limit = SECTION_SIZE
    model = None
    url_name = ""

    def records(self):
        return self.model.objects.all()

    def items(self):
        return self.records().order_by("pk").values("slug")

    @cached_property
    def paginator(self) -> Paginator:
        """Django builds a new paginator, which counts again, each time it is asked; this
        one is built once. In the index, which asks for the latest change first, its count
        is the one read with it; a page of the section counts alone."""
        paginator = Paginator(self._items(), self.limit)
        if "_statistics" in self.__dict__:
            paginator.count = self._statistics["count"]
        return paginator

    @cached_property
    def _around_slug(self) -> tuple[str, str]:
        before, after = reverse(self.url_name, args=[_SLUG]).split(_SLUG)
        return before, after

    def location(self, item) -> str:
        before, after = self._around_slug
        return f"{before}{item['slug']}{after}"


class PublishedSitemap(RecordSitemap):
    """Published records, with their last change; drafts are never listed, nor records
    withheld whole (``catalog.restrictions``)."""

    def records(self):
        return self.model.objects.visible_to(None)

    def items(self):
        return self.records().order_by("pk").values("slug", "modified")

    def lastmod(self, item):
        return item["modified"]

    @cached_property
    def _statistics(self) -> dict:
        """The section's size and latest change, in one query (an index holds both)."""
        return self.records().aggregate(count=Count("pk"), latest=Max("modified"))

    def get_latest_lastmod(self):
        return self._statistics["latest"]


class DocumentSitemap(PublishedSitemap):
    model, url_name = Document, "catalog:document"


class PersonSitemap(PublishedSitemap):
    model, url_name = Person, "catalog:person"


class AgencySitemap(PublishedSitemap):
    model, url_name = Agency, "catalog:agency"


class EventSitemap(PublishedSitemap):
    model, url_name = ContactEvent, "catalog:event"


class CollectionSitemap(PublishedSitemap):
    model, url_name = Collection, "catalog:collection"


class SubjectSitemap(RecordSitemap):
    model, url_name = Subject, "catalog:subject"


class PlaceSitemap(RecordSitemap):
    model, url_name = Place, "catalog:place"


class IndexSitemap(Sitemap):
    """The home page and the list pages."""

    limit = SECTION_SIZE

    def items(self):
        return [
            "home", "documents", "collections", "events", "persons", "agencies", "subjects",
            "places", "network",
        ]  # fmt: skip

    def location(self, item):
        return reverse(f"catalog:{item}")


SITEMAPS = {
    "pages": IndexSitemap,
    "documents": DocumentSitemap,
    "persons": PersonSitemap,
    "agencies": AgencySitemap,
    "events": EventSitemap,
    "collections": CollectionSitemap,
    "subjects": SubjectSitemap,
    "places": PlaceSitemap,
}
