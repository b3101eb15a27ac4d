"""Documents with their texts and archival references; texts with their mentions."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from catalog.admin.base import (
    CatalogAdmin,
    CatalogStackedInline,
    CatalogTabularInline,
    EDTFReadingMixin,
)
from catalog.admin.collections import (
    DocumentCollectionsInline,
    DocumentLinkFromInline,
    DocumentLinkToInline,
)
from catalog.admin.filters import DecadeFilter, LinkedRecordFilter, YearRangeFilter
from catalog.admin.forms import PassageForm, PassageFormSet
from catalog.admin.history import RelatedHistory
from catalog.admin.provenance import ArchivalReferenceInline
from catalog.admin.publishing import PublishableAdmin
from catalog.admin.restrictions import RestrictionInline, restricted_text, restricted_texts
from catalog.admin.scans import (
    ScanPageInline,
    ScanUploadMixin,
    TextPageInline,
    scan_page_history,
)
from catalog.admin.suggestions import (
    SuggestionInline,
    open_suggestions_by_text,
    save_suggestion_formset,
)
from catalog.models import ArchivalReference, Document, Mention, Suggestion, Translation
from catalog.suggestions.scanner import SuggestionScanner, scan_document


class TranslationInline(CatalogStackedInline):
    model = Translation
    extra = 0
    show_change_link = True
    autocomplete_fields = ["language", "translator", "commissioned_by", "other_translators"]
    fields = [
        ("kind", "language", "slug"),
        ("status", "machine_read"),
        "title",
        "text",
        ("translator", "commissioned_by"),
        "other_translators",
        "credit_line",
    ]
    # Any number: the original, its transcript, one or more translations.
    verbose_name = "text"
    verbose_name_plural = "texts (the original, transcripts, translations: as many as there are)"


def texts_overview(document):
    if document is None or document.pk is None:
        return "Save the document first; then add its texts below."
    texts = list(document.translations.select_related("language").order_by("kind", "pk"))
    rows = format_html_join(
        "",
        '<li><a href="{}">{}</a> <code>{}</code>: {}{}</li>',
        (
            (
                reverse("admin:catalog_translation_change", args=[text.pk]),
                f"{text.get_kind_display()} ({text.language.name})",
                text.slug,
                text.get_status_display().lower(),
                ", machine-read, not yet corrected" if text.machine_read else "",
            )
            for text in texts
        ),
    )
    held = {t.language_id for t in texts if t.kind != Translation.Kind.TRANSLATION}
    add = reverse("admin:catalog_translation_add")
    missing = format_html_join(
        "",
        '<li><a class="addlink" href="{}?document={}&amp;kind=transcript&amp;language={}">'
        "Add the {} original (a transcript)</a></li>",
        (
            (add, document.pk, language.pk, language.name)
            for language in document.original_languages.all()
            if language.pk not in held
        ),
    )
    return format_html('<ul class="texts-overview">{}{}</ul>', rows, missing)


def _translation_ids(document) -> list[int]:
    """Every text the document has had, including deleted ones, for its history."""
    history = Translation.history.model
    return list(
        history.objects.filter(document_id=document.pk).values_list("id", flat=True).distinct()
    )


@admin.register(Document)
class DocumentAdmin(ScanUploadMixin, EDTFReadingMixin, PublishableAdmin):
    list_display = ["title", "date", "status", "publisher_record_id", "references"]
    list_filter = [
        DecadeFilter,
        YearRangeFilter,
        "status",
        ("translations__language", LinkedRecordFilter),
        ("original_languages", LinkedRecordFilter),
        ("archival_references__repository", LinkedRecordFilter),
        "classification",
    ]
    search_fields = [
        "title",
        "slug",
        "publisher_record_id",
        "translations__title",
        "archival_references__as_written",
        "archival_references__normalised",
    ]
    autocomplete_fields = ["original_languages", "subjects", "places"]
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = [
        "date_reading",
        "texts_overview",
        "mentions_by_text",
        "suggestions_by_text",
        "restricted_passages",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "summary"]}),
        (
            "Date",
            {"fields": ["date_as_written", "date", "date_reading", "place_date_line"]},
        ),
        ("Description", {"fields": ["classification", "original_languages", "subjects", "places"]}),
        (
            "Publication",
            {
                "fields": [
                    "publisher",
                    "publisher_record_id",
                    "publisher_url",
                    "citation",
                    "credits",
                    "rights",
                ]
            },
        ),
        ("Texts", {"fields": ["texts_overview"]}),
        ("Mentions", {"fields": ["mentions_by_text", "suggestions_by_text"]}),
        ("Protected personal data", {"fields": ["restricted_passages"]}),
    ]
    inlines = [
        TranslationInline,
        ArchivalReferenceInline,
        ScanPageInline,
        DocumentCollectionsInline,
        DocumentLinkFromInline,
        DocumentLinkToInline,
        RestrictionInline,
    ]
    related_history = (
        RelatedHistory(
            Translation,
            "text",
            lambda document: Q(document_id=document.pk),
            lambda record: f"{record.get_kind_display()} ({record.language})",
            ("language",),
        ),
        RelatedHistory(
            ArchivalReference,
            "archival reference",
            lambda document: Q(document_id=document.pk),
            lambda record: record.as_written,
        ),
        RelatedHistory(
            Mention,
            "mention",
            lambda document: Q(translation_id__in=_translation_ids(document)),
            lambda record: f"“{record.quote}”",
        ),
        scan_page_history(),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("archival_references")

    @admin.display(description="archival references")
    def references(self, obj):
        return "; ".join(str(reference) for reference in obj.archival_references.all())

    @admin.display(description="restricted passages")
    def restricted_passages(self, obj):
        return restricted_texts(obj)

    @admin.display(description="mentions in its texts")
    @admin.display(description="Texts")
    def texts_overview(self, obj):
        """Each text with its status and machine-read mark; for an original language with no
        original or transcript yet, a link that opens the new text ready to be pasted in."""
        return texts_overview(obj)

    def mentions_by_text(self, obj):
        if obj is None or obj.pk is None:
            return "Save the document and add a text first; mentions are added on a text's page."
        texts = (
            obj.translations.select_related("language")
            .annotate(mention_count=Count("mention"))
            .order_by("kind", "language__name")
        )
        rows = [
            (
                reverse("admin:catalog_translation_change", args=[text.pk]),
                f"{text.get_kind_display()} ({text.language})",
                text.mention_count,
            )
            for text in texts
        ]
        if not rows:
            return "No texts yet: add one below, save, then open it to add mentions."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}">{}</a>: {} mentions</li>', rows),
        )

    @admin.display(description="suggested mentions to review")
    def suggestions_by_text(self, obj):
        if obj is None or obj.pk is None:
            return "Suggestions are made when the document's texts are saved."
        return open_suggestions_by_text(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The texts as saved, scanned for the names of the catalog.
        scan_document(form.instance)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArchivalReference:
            saved = [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]
            for reference in saved:
                if reference.needs_review:
                    problems = reference.parse_problems or "its form is not one we know"
                    messages.warning(
                        request,
                        f"The archival reference “{reference.as_written}” could not be parsed "
                        f"({problems}). It is kept as written and marked for review.",
                    )


class MentionInline(CatalogTabularInline):
    model = Mention
    form = PassageForm
    formset = PassageFormSet
    extra = 1
    fields = ["quote", "occurrence", "person", "agency", "event", "start", "end"]
    readonly_fields = ["start", "end"]
    autocomplete_fields = ["person", "agency", "event"]
    verbose_name = "mention (give the person, the agency or the contact event)"


@admin.register(Translation)
class TranslationAdmin(CatalogAdmin):
    list_display = ["__str__", "slug", "kind", "language", "status", "machine_read", "translator"]
    list_filter = ["status", "machine_read", "kind", ("language", LinkedRecordFilter)]
    search_fields = ["document__title", "document__publisher_record_id", "title", "language__name"]
    autocomplete_fields = [
        "document",
        "language",
        "translator",
        "commissioned_by",
        "other_translators",
    ]
    fields = [
        "document",
        ("kind", "language", "slug"),
        ("status", "machine_read"),
        "title",
        "text",
        ("translator", "commissioned_by"),
        "other_translators",
        "credit_line",
        "restricted_passages",
    ]
    readonly_fields = ["restricted_passages"]
    inlines = [MentionInline, SuggestionInline, TextPageInline]
    related_history = (
        RelatedHistory(
            Mention,
            "mention",
            lambda translation: Q(translation_id=translation.pk),
            lambda record: f"“{record.quote}”",
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "language", "translator")

    @admin.display(description="restricted passages")
    def restricted_passages(self, obj):
        return restricted_text(obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is Suggestion:
            save_suggestion_formset(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Mentions made or decisions taken above are respected by the scan.
        SuggestionScanner.for_catalog().scan(form.instance)


@admin.register(Mention)
class MentionAdmin(CatalogAdmin):
    """All mentions across texts; usually edited on their text's page."""

    form = PassageForm
    list_display = ["quote", "person", "agency", "event", "translation"]
    list_select_related = [
        "person",
        "agency",
        "event",
        "translation__document",
        "translation__language",
    ]
    list_filter = [("translation__document", LinkedRecordFilter)]
    search_fields = [
        "quote",
        "person__preferred_name",
        "person__names__name",
        "agency__name",
        "agency__names__name",
        "event__title",
    ]
    autocomplete_fields = ["translation", "person", "agency", "event"]
    fields = ["translation", "quote", "occurrence", "person", "agency", "event", "start", "end"]
    readonly_fields = ["start", "end"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("agency__names")
