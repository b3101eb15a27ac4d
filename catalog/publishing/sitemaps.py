"""The sitemap: an index of sections, each at most ``SECTION_SIZE`` addresses.

Only published records are listed. A section reads two columns per record (slug and
last change) with ``values``, and builds each address from a prefix reversed once, so that
a page costs two queries and no model instances. The index reads each section's latest
change from the index on (status, modified), one seek a section, and the sizes of all
sections from the counts stored for the public per catalog stamp (``caching.counts``,
kind ``sitemap-sizes``: counting every published record on each request made the index
slower as the catalog grew); a page of a section reads its section's size from there too.

``SECTION_SIZE`` is 1,000, not the 10,000 the protocol allows: what a page of a section
costs is the number of its entries (reading and writing them; at 10,000 entries, about a
second), so a size that the smallest catalog already fills keeps a page's cost the same at
any size; the catalog's growth adds pages to the index instead, a line each.
"""

from django.contrib.sitemaps import Sitemap, views
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from catalog.caching import counts
from catalog.models import Agency, Collection, ContactEvent, Document, Person, Place, Subject
from catalog.publishing import sitemap_xml

SECTION_SIZE = 1_000
_SLUG = "slug-placeholder"


class RecordSitemap(Sitemap):
    """The records of one model, each at ``url_name`` with its slug."""

    limit = SECTION_SIZE
    model = None
    url_name = ""

    def __init__(self, sizes: dict[int, int] | None = None):
        # The published records' numbers per section (``published_sizes``), when read.
        self.sizes = sizes

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
        elif self.sizes is not None and self.model in counts.SITEMAP_MODELS:
            paginator.count = self.sizes[counts.SITEMAP_MODELS.index(self.model) + 1]
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
        """The section's size (stored) and latest change (one seek in the index on
        (status, modified))."""
        section = counts.SITEMAP_MODELS.index(self.model) + 1
        count = self.sizes[section] if self.sizes is not None else self.records().count()
        return {"count": count, **self.records().aggregate(latest=Max("modified"))}

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


def _sections(request) -> dict[str, Sitemap]:
    """The sections, each with the published records' numbers stored for this stamp."""
    sizes = counts.counts(request, "sitemap-sizes", range(1, len(counts.SITEMAP_MODELS) + 1))
    return {
        name: site(sizes) if issubclass(site, RecordSitemap) else site()
        for name, site in SITEMAPS.items()
    }


def index(request, **kwargs):
    """The sitemap index (Django's), its sections' sizes read from the stored counts, its
    XML written directly (``sitemap_xml``)."""
    response = views.index(request, _sections(request), **kwargs)
    return sitemap_xml.written(response, sitemap_xml.index)


def section(request, **kwargs):
    """A page of a section (Django's), its size read from the stored counts, its XML
    written directly (``sitemap_xml``)."""
    response = views.sitemap(request, _sections(request), **kwargs)
    return sitemap_xml.written(response, sitemap_xml.urlset)
