"""Contact events, with their participants and the passages attesting them."""

from django.contrib import admin
from django.db.models import Q

from catalog.admin.base import CatalogAdmin, CatalogTabularInline, EDTFReadingMixin
from catalog.admin.filters import DecadeFilter, LinkedRecordFilter, YearRangeFilter
from catalog.admin.forms import EvidenceFormSet, ParticipantFormSet, PassageForm
from catalog.admin.history import RelatedHistory
from catalog.admin.publishing import PublishableAdmin
from catalog.models import ContactEvent, EventEvidence, Participant


class ParticipantInline(CatalogTabularInline):
    model = Participant
    formset = ParticipantFormSet
    extra = 1
    autocomplete_fields = ["person", "agency"]
    fields = ["person", "agency", "role", "note"]
    verbose_name_plural = (
        "participants (at least one: a person, an agency, or a person acting for an agency)"
    )


class EventEvidenceInline(CatalogTabularInline):
    model = EventEvidence
    form = PassageForm
    formset = EvidenceFormSet
    extra = 1
    autocomplete_fields = ["translation"]
    fields = ["translation", "quote", "occurrence", "note", "start", "end"]
    readonly_fields = ["start", "end"]
    verbose_name = "passage attesting the event"
    verbose_name_plural = (
        "evidence (at least one passage of a document's text that attests the event)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("translation")


@admin.register(ContactEvent)
class ContactEventAdmin(EDTFReadingMixin, PublishableAdmin):
    list_display = ["title", "kind", "date", "place", "status"]
    list_select_related = ["place"]
    list_filter = [
        DecadeFilter,
        YearRangeFilter,
        "kind",
        "status",
        ("participants__agency", LinkedRecordFilter),
        ("participants__agency__country", admin.AllValuesFieldListFilter),
        ("place", LinkedRecordFilter),
    ]
    search_fields = [
        "title",
        "slug",
        "participants__person__preferred_name",
        "participants__person__names__name",
        "participants__agency__name",
        "participants__agency__names__name",
    ]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["place"]
    readonly_fields = ["date_reading"]
    fields = [
        "title",
        "slug",
        "status",
        "kind",
        "date_as_written",
        "date",
        "date_reading",
        "place",
        "summary",
    ]
    inlines = [ParticipantInline, EventEvidenceInline]
    related_history = (
        RelatedHistory(
            Participant,
            "participant",
            lambda event: Q(event_id=event.pk),
            lambda r: " for ".join(str(x) for x in (r.person, r.agency) if x is not None),
            ("person", "agency"),
        ),
        RelatedHistory(
            EventEvidence,
            "evidence",
            lambda event: Q(event_id=event.pk),
            lambda r: f"“{r.quote}”",
        ),
    )


@admin.register(Participant)
class ParticipantAdmin(CatalogAdmin):
    """All participations; usually edited on their contact event's page."""

    list_display = ["event", "person", "agency", "role"]
    list_select_related = ["event", "person", "agency"]
    list_filter = ["role", ("agency", LinkedRecordFilter)]
    search_fields = [
        "event__title",
        "person__preferred_name",
        "person__names__name",
        "agency__name",
    ]
    autocomplete_fields = ["event", "person", "agency"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("agency__names")


@admin.register(EventEvidence)
class EventEvidenceAdmin(CatalogAdmin):
    """All passages attesting contact events; usually edited on the event's page."""

    form = PassageForm
    list_display = ["quote", "event", "translation"]
    list_select_related = ["event", "translation__document", "translation__language"]
    search_fields = ["quote", "event__title"]
    autocomplete_fields = ["event", "translation"]
    fields = ["event", "translation", "quote", "occurrence", "note", "start", "end"]
    readonly_fields = ["start", "end"]
