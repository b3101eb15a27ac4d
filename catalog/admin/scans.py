"""Scanned pages in the admin: listed on their document's page with thumbnails, uploaded there
several files at once (PDFs split into pages), reordered by dragging or with the keyboard
(``catalog/scan-order.js``; the position numbers work without it); a text's pages on the text.

The images are never at a public address: the thumbnails and full images come from
``ScanPageAdmin.image_view``, which asks for a staff login and the permission to view pages.
"""

from __future__ import annotations

import mimetypes
from io import BytesIO

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.cache import patch_cache_control
from PIL import Image

from catalog.admin.base import CatalogAdmin, CatalogTabularInline
from catalog.admin.history import RelatedHistory
from catalog.admin.versions import VersionedModelForm
from catalog.importers.base import ImportProblem
from catalog.models import ScanPage, TextPage
from catalog.scans.ingest import Prepared, ScanIngest

THUMBNAIL = 160  # pixels, the long side
BROWSER_FORMATS = {".png", ".jpg", ".jpeg"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ".pdf,.png,.jpg,.jpeg,.tif,.tiff,image/*,application/pdf"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DocumentScansForm(VersionedModelForm):
    """The document's form, with a field that adds scanned pages when it is saved."""

    scan_files = MultipleFileField(
        label="Add scanned pages",
        required=False,
        help_text="Choose or drag several files at once: PNG, JPEG or TIFF images, or PDFs "
        "(split into one page each). They are added after the pages below, labelled from the "
        "archival reference ('pp. 49-51' gives 'p. 49', 'p. 50'…).",
    )

    def clean_scan_files(self):
        files = self.cleaned_data.get("scan_files") or []
        self.scans_prepared = None
        if files:
            try:
                self.scans_prepared = Prepared(files, self.instance)
            except ImportProblem as problem:
                raise forms.ValidationError(f"{problem} Nothing was added.") from None
        return files


class ScanUploadMixin:
    """For the Document admin: the upload field, in its own fieldset, and its saving."""

    form = DocumentScansForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.has_add_permission_for_scans(request):
            fieldsets.append(("Scanned pages", {"fields": ["scan_files"]}))
        return fieldsets

    def has_add_permission_for_scans(self, request) -> bool:
        return request.user.has_perm("catalog.add_scanpage")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        prepared = getattr(form, "scans_prepared", None)
        if prepared is None:
            return
        try:
            report = ScanIngest(form.instance, user=request.user, reason="uploaded").store(
                prepared.pages
            )
        finally:
            prepared.close()
        labels = ", ".join(page.display_label for page in report.pages)
        messages.success(request, f"{len(report.pages)} scanned page(s) added: {labels}.")


def thumbnail(page: ScanPage) -> str:
    if page is None or page.pk is None:
        return "—"
    url = reverse("admin:catalog_scanpage_image", args=[page.pk])
    return format_html(
        '<a href="{}" class="scan-thumbnail" title="Open the full image">'
        '<img src="{}?thumbnail=1" alt="{}" loading="lazy"></a>',
        url,
        url,
        f"Scan of {page.display_label}",
    )


class ScanPageInline(CatalogTabularInline):
    model = ScanPage
    extra = 0
    fields = ["preview", "position", "label", "source", "size"]
    readonly_fields = ["preview", "source", "size"]
    ordering = ["position", "pk"]
    show_change_link = True
    verbose_name_plural = "scanned pages (drag to reorder, or edit the positions)"
    classes = ["scan-pages"]

    class Media:
        js = ["catalog/scan-order.js"]
        css = {"all": ["catalog/scans-admin.css"]}

    def has_add_permission(self, request, obj=None):
        return False  # pages come in through "Add scanned pages" or attach_scans

    @admin.display(description="scan")
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description="size")
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj and obj.width else "—"


class WithoutSpreadsheets:
    """No spreadsheet import or export: pages' images move with the commands only."""

    def has_import_permission(self, request):
        return False

    def has_export_permission(self, request):
        return False

    def get_resource_classes(self, request):
        return []


@admin.register(ScanPage)
class ScanPageAdmin(WithoutSpreadsheets, CatalogAdmin):
    list_display = ["preview", "__str__", "document", "position", "label", "source"]
    list_display_links = ["__str__"]
    list_select_related = ["document"]
    search_fields = ["label", "source", "=checksum", "document__title", "document__slug"]
    autocomplete_fields = ["document"]
    fields = ["document", "position", "label", "preview", "source", "width", "height", "checksum"]
    readonly_fields = ["preview", "source", "width", "height", "checksum"]
    ordering = ["document", "position", "pk"]

    def has_add_permission(self, request):
        return False  # added on the document's page, or by attach_scans

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "document"] if obj is not None else readonly

    @admin.display(description="scan")
    def preview(self, obj):
        return thumbnail(obj)

    def get_urls(self):
        view = self.admin_site.admin_view(self.image_view, cacheable=True)
        return [
            path("<int:object_id>/image/", view, name="catalog_scanpage_image"),
            *super().get_urls(),
        ]

    def image_view(self, request, object_id):
        """The stored image (a thumbnail with ?thumbnail=1), for staff who may view pages."""
        page = ScanPage.objects.filter(pk=object_id).first()
        if page is None or not page.image:
            raise Http404("No such scanned page.")
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        try:
            stream = page.image.storage.open(page.image.name, "rb")
        except FileNotFoundError:
            raise Http404("The image file is missing from the storage.") from None
        extension = "." + page.image.name.rsplit(".", 1)[-1].lower()
        if request.GET.get("thumbnail") or extension not in BROWSER_FORMATS:
            with stream:
                response = _browser_image(stream, thumbnail=bool(request.GET.get("thumbnail")))
        else:
            content_type = mimetypes.guess_type(page.image.name)[0] or "application/octet-stream"
            response = FileResponse(stream, content_type=content_type)
        patch_cache_control(response, private=True, max_age=3600)
        response["ETag"] = f'"{page.checksum}"'
        return response


def _browser_image(stream, *, thumbnail: bool) -> HttpResponse:
    image = Image.open(stream)
    if thumbnail:
        image.draft("RGB", (THUMBNAIL * 2, THUMBNAIL * 2))  # JPEG: decode small, fast
        image.thumbnail((THUMBNAIL, THUMBNAIL))
    if image.mode not in ("1", "L", "RGB", "RGBA"):
        image = image.convert("RGB")
    out = BytesIO()
    image.save(out, format="PNG")
    return HttpResponse(out.getvalue(), content_type="image/png")


class TextPageInline(CatalogTabularInline):
    """Where each scanned page stands in a text: the span of characters it holds."""

    model = TextPage
    extra = 0
    fields = ["scan_page", "start", "end"]
    verbose_name_plural = "pages in this text (where each scanned page's content stands)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "scan_page":
            text = getattr(request, "_catalog_text", None)
            kwargs["queryset"] = ScanPage.objects.filter(
                Q(document_id=text.document_id) if text is not None else Q(pk__in=[])
            ).select_related("document")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        request._catalog_text = obj
        return super().get_formset(request, obj, **kwargs)


@admin.register(TextPage)
class TextPageAdmin(WithoutSpreadsheets, CatalogAdmin):
    """Usually edited on their text's page."""

    list_display = ["__str__", "translation", "start", "end"]
    list_select_related = ["scan_page__document", "translation__document", "translation__language"]
    search_fields = ["scan_page__label", "translation__document__title"]
    autocomplete_fields = ["translation", "scan_page"]
    fields = ["translation", "scan_page", "start", "end"]


def scan_page_history() -> RelatedHistory:
    return RelatedHistory(
        ScanPage,
        "scanned page",
        lambda document: Q(document_id=document.pk),
        lambda record: record.label or f"Page {record.position}",
    )
