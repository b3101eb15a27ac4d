"""The sitemap: an index of sections, each at most ``SECTION_SIZE`` addresses.

Only published records are listed. A section reads two columns per record (slug and
last change) with ``values``, and builds each address from a prefix reversed once, so that
a page of 10,000 entries costs two queries and no model instances; the index asks each
section for its size and latest change, a query each.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from catalog.models import Agency, Collection, ContactEvent, Document, Person, Place, Subject

SECTION_SIZE = 10_000
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

    def get_latest_lastmod(self):
        return self.records().aggregate(latest=Max("modified"))["latest"]


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
