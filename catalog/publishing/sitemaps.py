"""The sitemap: every public page, published records only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.models import Agency, ContactEvent, Document, Person, Place, Subject


class PublishedSitemap(Sitemap):
    """The published records of one model; drafts are never listed."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.modified


class DocumentSitemap(PublishedSitemap):
    model = Document


class PersonSitemap(PublishedSitemap):
    model = Person


class AgencySitemap(PublishedSitemap):
    model = Agency


class EventSitemap(PublishedSitemap):
    model = ContactEvent


class SubjectSitemap(Sitemap):
    def items(self):
        return Subject.objects.order_by("pk")

    def location(self, item):
        return reverse("catalog:subject", args=[item.slug])


class PlaceSitemap(Sitemap):
    def items(self):
        return Place.objects.order_by("pk")

    def location(self, item):
        return reverse("catalog:place", args=[item.slug])


class IndexSitemap(Sitemap):
    """The home page and the index pages."""

    def items(self):
        return ["home", "events", "persons", "agencies", "subjects", "places", "network"]

    def location(self, item):
        return reverse(f"catalog:{item}")


SITEMAPS = {
    "pages": IndexSitemap,
    "documents": DocumentSitemap,
    "persons": PersonSitemap,
    "agencies": AgencySitemap,
    "events": EventSitemap,
    "subjects": SubjectSitemap,
    "places": PlaceSitemap,
}
