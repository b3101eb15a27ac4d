"""What every catalog admin shares: history with per-field changes, spreadsheet
import and export, and plain lists.

``CatalogAdmin`` is the one base class of every catalog admin (one per record
type, inline-only records included), and ``CatalogTabularInline`` /
``CatalogStackedInline`` of every inline. Spreadsheets (CSV, XLSX, JSON) are read
and written by the resources of ``catalog.interchange.resources``, the same
definitions the ``export_catalog`` and ``import_catalog`` commands use.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from catalog import dates
from catalog.admin.history import RelatedHistory, field_changes, related_changes
from catalog.admin.revert import restore_parts, version_cutoff
from catalog.admin.versions import VersionedAdminMixin
from catalog.interchange.resources import RESOURCES


class CatalogAdmin(VersionedAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    """Base admin: history (with field diffs, revert and the changes to a record's parts),
    spreadsheet import (with a dry-run preview) and export of the filtered list, and a
    refusal to save over someone else's newer version (``catalog.admin.versions``)."""

    list_per_page = 50
    object_history_template = "admin/catalog/object_history.html"
    #: The parts of the record edited on its page, whose changes its history shows too.
    related_history: tuple[RelatedHistory, ...] = ()

    def get_resource_classes(self, request):
        return [RESOURCES[self.model]]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                previous.history_delta_changes = field_changes(self.model, previous, current)
            previous = current

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert is one transaction: the record and its parts go back together, or not at all.
        with transaction.atomic():
            request.catalog_revert_version = version_id
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        version_id = getattr(request, "catalog_revert_version", None)
        if version_id is not None and request.method == "POST":
            version = self.model.history.get(history_id=version_id)
            reason = f"reverted to the version of {version.history_date:%Y-%m-%d %H:%M:%S}"
            cutoff = version_cutoff(version)
            restore_parts(self.admin_site, obj, cutoff, request.user, reason)

    def history_view(self, request, object_id, extra_context=None):
        context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.related_history:
            context["related_changes"] = related_changes(obj, self.related_history)
        return super().history_view(request, object_id, extra_context=context)


class CatalogTabularInline(VersionedAdminMixin, admin.TabularInline):
    """A part edited in rows on its record's page; each row refuses to save over a newer one."""


class CatalogStackedInline(VersionedAdminMixin, admin.StackedInline):
    """A part edited as a block on its record's page; refuses to save over a newer version."""


def edtf_reading(value: str) -> str:
    """How the catalog reads an EDTF date, with the bounds it is filtered by."""
    if not value:
        return "—"
    try:
        earliest, latest = dates.edtf_bounds(value)
    except dates.InvalidDate:
        return "Not a valid EDTF date."
    span = f"{earliest or 'open'} to {latest or 'open'}"
    return f"{dates.display_edtf(value)} (searched as {span})"


class EDTFReadingMixin:
    """Read-only fields that show how each EDTF date of a record was understood."""

    @admin.display(description="date as read")
    def date_reading(self, obj):
        return edtf_reading(obj.date) if obj else "—"

    @admin.display(description="life dates as read")
    def life_dates_reading(self, obj):
        return edtf_reading(obj.life_dates) if obj else "—"

    @admin.display(description="existed as read")
    def existed_reading(self, obj):
        return edtf_reading(obj.existed) if obj else "—"

    @admin.display(description="start as read")
    def start_reading(self, obj):
        return edtf_reading(obj.start) if obj else "—"

    @admin.display(description="end as read")
    def end_reading(self, obj):
        return edtf_reading(obj.end) if obj else "—"
