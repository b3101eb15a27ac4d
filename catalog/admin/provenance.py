"""Repositories and archival references, parsed when saved and flagged when not."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from catalog.admin.base import CatalogAdmin, CatalogTabularInline
from catalog.admin.filters import LinkedRecordFilter
from catalog.models import ArchivalReference, Repository

PARTS = [
    ("archive", "archive"),
    ("collection", "fonds"),
    ("unit", "unit"),
    ("file_number", "file"),
    ("volume", "volume"),
    ("pages", "pages"),
]


def parsed_parts(reference) -> str:
    """The parts read from a reference, or why it could not be read."""
    if reference is None or reference.pk is None:
        return "Parsed when saved."
    if reference.needs_review:
        problems = reference.parse_problems or "not a form the parser knows"
        return format_html("<strong>Could not be parsed — check it:</strong> {}", problems)
    parts = [(label, getattr(reference, name)) for name, label in PARTS if getattr(reference, name)]
    return format_html_join(", ", "{}: <code>{}</code>", parts) or "—"


class ArchivalReferenceInline(CatalogTabularInline):
    model = ArchivalReference
    extra = 0
    autocomplete_fields = ["repository"]
    fields = ["as_written", "repository", "position", "parsed"]
    readonly_fields = ["parsed"]

    @admin.display(description="parsed as")
    def parsed(self, obj):
        return parsed_parts(obj)


@admin.register(ArchivalReference)
class ArchivalReferenceAdmin(CatalogAdmin):
    list_display = ["as_written", "document", "repository", "normalised", "needs_review"]
    list_filter = ["needs_review", ("repository", LinkedRecordFilter), "archive"]
    list_select_related = ["document", "repository"]
    search_fields = ["as_written", "normalised", "document__title", "file_number"]
    autocomplete_fields = ["document", "repository"]
    fields = ["document", "as_written", "repository", "position", "parsed", "needs_review"]
    readonly_fields = ["parsed", "needs_review"]

    @admin.display(description="parsed as")
    def parsed(self, obj):
        return parsed_parts(obj)


@admin.register(Repository)
class RepositoryAdmin(CatalogAdmin):
    list_display = ["name", "abbreviation", "country", "parent_institution"]
    list_filter = ["country"]
    search_fields = ["name", "abbreviation", "slug", "parent_institution"]
    prepopulated_fields = {"slug": ("name",)}
