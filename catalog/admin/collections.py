"""Collections with their ordered documents; links between documents, and a document's
collections, edited on the document's page."""

from django.contrib import admin
from django.db.models import Count, Q

from catalog.admin.base import CatalogAdmin, CatalogTabularInline
from catalog.admin.history import RelatedHistory
from catalog.admin.publishing import PublishableAdmin
from catalog.models import Collection, CollectionDocument, DocumentLink


class CollectionDocumentInline(CatalogTabularInline):
    """The collection's documents, in the order of their positions."""

    model = CollectionDocument
    extra = 1
    autocomplete_fields = ["document"]
    fields = ["position", "document"]
    ordering = ["position", "pk"]


@admin.register(Collection)
class CollectionAdmin(PublishableAdmin):
    list_display = ["title", "status", "curator", "document_count"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "curator"]
    prepopulated_fields = {"slug": ("title",)}
    fields = ["title", "slug", "status", "curator", "description"]
    inlines = [CollectionDocumentInline]
    related_history = (
        RelatedHistory(
            CollectionDocument,
            "document in the collection",
            lambda collection: Q(collection_id=collection.pk),
            lambda record: f"{record.position}. {record.document}",
            ("document",),
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_total=Count("memberships"))

    @admin.display(description="documents", ordering="document_total")
    def document_count(self, obj):
        return obj.document_total


class DocumentCollectionsInline(CatalogTabularInline):
    """On a document's page: the collections it stands in, and where."""

    model = CollectionDocument
    extra = 0
    autocomplete_fields = ["collection"]
    fields = ["collection", "position"]
    verbose_name = "collection"
    verbose_name_plural = "collections"


class DocumentLinkFromInline(CatalogTabularInline):
    """Links entered on this document: it is the reply, the enclosure..."""

    model = DocumentLink
    fk_name = "from_document"
    extra = 0
    autocomplete_fields = ["to_document"]
    fields = ["kind", "to_document", "note"]
    verbose_name = "link to another document"
    verbose_name_plural = "links to other documents (this document is the reply, the enclosure…)"


class DocumentLinkToInline(CatalogTabularInline):
    """Links entered on the other document, pointing here."""

    model = DocumentLink
    fk_name = "to_document"
    extra = 0
    autocomplete_fields = ["from_document"]
    fields = ["from_document", "kind", "note"]
    verbose_name = "link from another document"
    verbose_name_plural = "links from other documents (they reply to, enclose… this one)"


@admin.register(CollectionDocument)
class CollectionDocumentAdmin(CatalogAdmin):
    """Edited on the collection's page; this page is for the links that lead here."""

    list_display = ["collection", "position", "document"]
    list_select_related = ["collection", "document"]
    search_fields = ["collection__title", "document__title"]
    autocomplete_fields = ["collection", "document"]


@admin.register(DocumentLink)
class DocumentLinkAdmin(CatalogAdmin):
    """Edited on the documents' pages; this page is for the links that lead here."""

    list_display = ["from_document", "kind", "to_document"]
    list_select_related = ["from_document", "to_document"]
    list_filter = ["kind"]
    search_fields = ["from_document__title", "to_document__title", "note"]
    autocomplete_fields = ["from_document", "to_document"]
