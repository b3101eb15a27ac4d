"""The review queue: suggested mentions across the catalog, per text, and names no record has.

Archivists accept (the mention is made, with its history entry), reject (remembered),
re-point (choose another record in the form, then accept) or accept every open suggestion
of a name at once. Suggestions are not history-tracked records: the decisions they lead
to (mentions, a document's places, new persons) are.
"""

from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from catalog.admin.base import CatalogTabularInline
from catalog.admin.filters import LinkedRecordFilter
from catalog.admin.versions import VersionedAdminMixin
from catalog.models import NewRecordSuggestion, Suggestion
from catalog.suggestions import review

CONTEXT = 50


def in_context(suggestion: Suggestion) -> str:
    """The quote marked in the words around it: "…received [Mielke] for a…"."""
    if suggestion.start is None:
        return format_html("<em>{}</em>", "listed by the publisher (not in the text)")
    text = suggestion.translation.text
    start, end = suggestion.start, suggestion.end
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start > CONTEXT else "",
        " ".join(before.split(" ")),
        text[start:end],
        after,
        "…" if end + CONTEXT < len(text) else "",
    )


class StatusFilter(admin.SimpleListFilter):
    """Open suggestions unless asked otherwise: the queue is what is left to decide."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Suggestion.Status.choices, ("all", "All")]

    def choices(self, changelist):
        value = self.value() or Suggestion.Status.OPEN
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or Suggestion.Status.OPEN
        return queryset if value == "all" else queryset.filter(status=value)


class NameFilter(admin.SimpleListFilter):
    """The names with the most open suggestions, to review one name at a time."""

    title = "name (most suggested)"
    parameter_name = "name"
    shown = 30

    def lookups(self, request, model_admin):
        names = (
            model_admin.get_queryset(request)
            .filter(status=Suggestion.Status.OPEN)
            .order_by()
            .values("name")
            .annotate(n=Count("pk"))
            .order_by("-n", "name")[: self.shown]
        )
        return [(row["name"], f"{row['name']} ({row['n']})") for row in names]

    def queryset(self, request, queryset):
        return queryset if self.value() is None else queryset.filter(name=self.value())


class SuggestionAdminBase(VersionedAdminMixin, admin.ModelAdmin):
    list_per_page = 50
    list_select_related = ["translation__document", "person", "agency", "place"]
    search_fields = ["name", "quote", "translation__document__title"]
    autocomplete_fields = ["person", "agency", "place"]
    readonly_fields = ["context", "candidates", "document", "source", "decided_by", "decided_at"]
    fields = [
        "context",
        "document",
        "source",
        "candidates",
        ("person", "agency", "place"),
        "status",
        ("decided_by", "decided_at"),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("candidate_persons", "candidate_agencies", "candidate_places")
        )

    def has_add_permission(self, request):
        return False

    @admin.display(description="in context")
    def context(self, obj):
        return in_context(obj)

    @admin.display(description="may name")
    def candidates(self, obj):
        records = review.candidates_of(obj)
        if not records:
            return "no record yet"
        return format_html_join(", ", "{}", ((str(record),) for record in records))

    @admin.display(description="document", ordering="translation__document__title")
    def document(self, obj):
        document = obj.translation.document
        url = reverse("admin:catalog_document_change", args=[document.pk])
        return format_html('<a href="{}">{}</a>', url, document.title)

    @admin.display(description="names")
    def chosen_record(self, obj):
        return str(obj.chosen) if obj.chosen else "—"

    def save_model(self, request, obj, form, change):
        status = obj.status
        before = Suggestion.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        if status == before:
            obj.save()
        elif status == Suggestion.Status.ACCEPTED:
            obj.status = before
            try:
                review.accept(obj, request.user)
            except review.ReviewError as error:
                obj.status = before
                obj.save()
                messages.error(request, str(error))
        elif status == Suggestion.Status.REJECTED:
            review.reject(obj, request.user)
        else:
            obj.decided_by, obj.decided_at = None, None
            obj.save()

    @admin.action(description="Accept the selected suggestions (mentions are made)")
    def accept_selected(self, request, queryset):
        accepted = 0
        for suggestion in queryset.filter(status=Suggestion.Status.OPEN):
            try:
                review.accept(suggestion, request.user)
                accepted += 1
            except review.ReviewError as error:
                messages.warning(request, str(error))
        self.message_user(
            request,
            ngettext("%d suggestion accepted.", "%d suggestions accepted.", accepted) % accepted,
            messages.SUCCESS if accepted else messages.WARNING,
        )

    @admin.action(description="Reject the selected suggestions (never proposed again)")
    def reject_selected(self, request, queryset):
        count = 0
        for suggestion in queryset.filter(status=Suggestion.Status.OPEN):
            review.reject(suggestion, request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%d suggestion rejected.", "%d suggestions rejected.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description="Accept every open suggestion of the selected names")
    def accept_names(self, request, queryset):
        accepted, problems = review.accept_all_of_name(queryset, request.user)
        for problem in problems:
            messages.warning(request, problem)
        self.message_user(
            request,
            ngettext("%d suggestion accepted.", "%d suggestions accepted.", accepted) % accepted,
            messages.SUCCESS if accepted else messages.WARNING,
        )


@admin.register(Suggestion)
class SuggestionAdmin(SuggestionAdminBase):
    """Every suggestion with a record to name, across the catalog."""

    list_display = ["context", "name", "kind", "candidates", "chosen_record", "document", "status"]
    list_filter = [
        StatusFilter,
        NameFilter,
        "kind",
        "source",
        ("translation__document", LinkedRecordFilter),
    ]
    actions = ["accept_selected", "reject_selected", "accept_names"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(kind=Suggestion.Kind.NEW)


@admin.register(NewRecordSuggestion)
class NewRecordSuggestionAdmin(SuggestionAdminBase):
    """Names after titles and ranks, and names the publisher lists, that no record has."""

    list_display = ["name", "proposed_kind", "occurrences", "context", "document", "status"]
    list_filter = [
        StatusFilter,
        "source",
        "proposed_kind",
        ("translation__document", LinkedRecordFilter),
    ]
    fields = ["context", "document", "source", "name", "proposed_kind", "status"]
    actions = ["create_records", "reject_selected"]

    def get_queryset(self, request):
        same_name = (
            Suggestion.objects.filter(folded_name=OuterRef("folded_name"), kind="new")
            .exclude(status=Suggestion.Status.REJECTED)
            .order_by()
            .values("folded_name")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .filter(kind=Suggestion.Kind.NEW)
            .annotate(name_occurrences=Subquery(same_name))
        )

    @admin.display(description="occurrences", ordering="name_occurrences")
    def occurrences(self, obj):
        return obj.name_occurrences

    @admin.action(description="Create a record for each selected name (a draft)")
    def create_records(self, request, queryset):
        created = review.create_records(queryset.filter(status="open"), request.user)
        for record in created:
            url = reverse(f"admin:catalog_{record._meta.model_name}_change", args=[record.pk])
            messages.success(
                request,
                format_html(
                    '<a href="{}">{}</a> created; its occurrences are now suggestions to accept.',
                    url,
                    record,
                ),
            )


class SuggestionInline(CatalogTabularInline):
    """The open suggestions of one text, on the text's page: accept, reject or re-point
    each (choose another record, then Accepted)."""

    model = Suggestion
    extra = 0
    can_delete = False
    fields = ["context", "candidates", "person", "agency", "place", "status"]
    readonly_fields = ["context", "candidates"]
    autocomplete_fields = ["person", "agency", "place"]
    verbose_name = "suggested mention"
    verbose_name_plural = "suggested mentions (open)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=Suggestion.Status.OPEN)
            .exclude(kind=Suggestion.Kind.NEW)
            .select_related("translation", "person", "agency", "place")
            .prefetch_related("candidate_persons", "candidate_agencies", "candidate_places")
        )

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="in context")
    def context(self, obj):
        return in_context(obj)

    @admin.display(description="may name")
    def candidates(self, obj):
        return SuggestionAdminBase.candidates(self, obj)


def save_suggestion_formset(request, formset) -> None:
    """Apply the decisions taken in a ``SuggestionInline``: accepted ones make mentions."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.forms:
        if not form.has_changed() or form.instance.pk is None:
            continue
        suggestion = form.save(commit=False)
        formset.changed_objects.append((suggestion, form.changed_data))
        before = Suggestion.objects.filter(pk=suggestion.pk).values_list("status", flat=True)[0]
        status = suggestion.status
        suggestion.status = before
        if status == before:
            suggestion.save()
        elif status == Suggestion.Status.ACCEPTED:
            try:
                review.accept(suggestion, request.user)
            except review.ReviewError as error:
                messages.error(request, str(error))
        elif status == Suggestion.Status.REJECTED:
            review.reject(suggestion, request.user)
        else:
            suggestion.status = status
            suggestion.save()


def open_suggestions_by_text(document) -> str:
    """On a document's page: each text's open suggestions, linked to the queue."""
    texts = (
        document.translations.select_related("language")
        .annotate(
            open_count=Count(
                "suggestions",
                filter=Q(suggestions__status="open") & ~Q(suggestions__kind="new"),
            ),
            new_count=Count(
                "suggestions", filter=Q(suggestions__status="open", suggestions__kind="new")
            ),
        )
        .order_by("kind", "language__name")
    )
    queue = reverse("admin:catalog_suggestion_changelist")
    new = reverse("admin:catalog_newrecordsuggestion_changelist")
    rows = [
        (
            reverse("admin:catalog_translation_change", args=[text.pk]),
            f"{text.get_kind_display()} ({text.language})",
            f"{queue}?translation__document__id__exact={document.pk}",
            text.open_count,
            f"{new}?translation__document__id__exact={document.pk}",
            text.new_count,
        )
        for text in texts
    ]
    if not rows:
        return "No texts yet."
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            '<li><a href="{}">{}</a>: <a href="{}">{} suggested mentions</a>, '
            '<a href="{}">{} names with no record</a></li>',
            rows,
        ),
    )
