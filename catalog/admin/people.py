"""Persons with their names and offices; agencies with their names and sub-agencies."""

from django.contrib import admin
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from catalog.admin.base import CatalogAdmin, CatalogTabularInline, EDTFReadingMixin
from catalog.admin.filters import LinkedRecordFilter, decade_filter
from catalog.admin.forms import PassageForm, PassageFormSet
from catalog.admin.history import RelatedHistory
from catalog.admin.merge import MergeMixin
from catalog.admin.publishing import PublishableAdmin
from catalog.models import (
    Agency,
    AgencyName,
    NameKind,
    Participant,
    Person,
    PersonName,
    PersonRole,
    RoleEvidence,
    authorities,
)


class PersonNameInline(CatalogTabularInline):
    model = PersonName
    extra = 0
    autocomplete_fields = ["language"]
    fields = ["name", "kind", "language", "note"]
    verbose_name = "other form of the name"
    verbose_name_plural = "other forms of the name (spellings, transliterations, former names)"


class PersonRoleInline(CatalogTabularInline):
    model = PersonRole
    fk_name = "person"
    extra = 0
    show_change_link = True
    autocomplete_fields = ["agency"]
    fields = ["title", "agency", "start", "end", "note"]
    verbose_name = "office held"
    verbose_name_plural = "offices held (open one to add the passages that attest it)"


@admin.register(Person)
class PersonAdmin(EDTFReadingMixin, MergeMixin, PublishableAdmin):
    actions = [*PublishableAdmin.actions, "merge_selected"]
    list_display = ["preferred_name", "life_dates", "status", "other_names"]
    list_filter = [
        "status",
        decade_filter("life_earliest", "life_latest", "life dates (decade)", "life_decade"),
        ("roles__agency", LinkedRecordFilter),
        ("roles__agency__country", admin.AllValuesFieldListFilter),
    ]
    search_fields = ["preferred_name", "sort_name", "slug", "names__name"]
    prepopulated_fields = {"slug": ("preferred_name",)}
    readonly_fields = ["life_dates_reading"]
    fields = [
        "preferred_name",
        "sort_name",
        "slug",
        "status",
        "life_dates",
        "life_dates_reading",
        "description",
        *authorities.field_names("person"),
    ]
    inlines = [PersonNameInline, PersonRoleInline]
    related_history = (
        RelatedHistory(PersonName, "name", lambda person: Q(person_id=person.pk), lambda r: r.name),
        RelatedHistory(
            PersonRole, "office", lambda person: Q(person_id=person.pk), lambda r: r.title
        ),
        RelatedHistory(
            Participant,
            "participation",
            lambda person: Q(person_id=person.pk),
            lambda r: f"{r.get_role_display()} in {r.event}",
            ("event",),
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("names")

    @admin.display(description="other names")
    def other_names(self, obj):
        return ", ".join(name.name for name in obj.names.all())


class RoleEvidenceInline(CatalogTabularInline):
    model = RoleEvidence
    form = PassageForm
    formset = PassageFormSet
    extra = 1
    autocomplete_fields = ["translation"]
    fields = ["translation", "quote", "occurrence", "start", "end"]
    readonly_fields = ["start", "end"]
    verbose_name = "passage attesting the office"
    verbose_name_plural = "passages attesting the office"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("translation")


@admin.register(PersonRole)
class PersonRoleAdmin(EDTFReadingMixin, CatalogAdmin):
    list_display = ["person", "title", "agency", "start", "end"]
    list_select_related = ["person", "agency"]
    list_filter = [
        decade_filter("start_earliest", "end_latest", "held (decade)", "held_decade"),
        ("agency", LinkedRecordFilter),
        ("agency__country", admin.AllValuesFieldListFilter),
    ]
    search_fields = ["title", "person__preferred_name", "person__names__name", "agency__name"]
    autocomplete_fields = ["person", "agency"]
    readonly_fields = ["start_reading", "end_reading"]
    fields = ["person", "agency", "title", "start", "start_reading", "end", "end_reading", "note"]
    inlines = [RoleEvidenceInline]

    def get_queryset(self, request):
        # An agency's label carries its abbreviation, read from its names.
        return super().get_queryset(request).prefetch_related("agency__names")

    related_history = (
        RelatedHistory(
            RoleEvidence, "evidence", lambda role: Q(role_id=role.pk), lambda r: f"“{r.quote}”"
        ),
    )


class AgencyNameInline(CatalogTabularInline):
    model = AgencyName
    extra = 0
    autocomplete_fields = ["language"]
    fields = ["name", "kind", "language"]
    verbose_name = "abbreviation or other name"
    verbose_name_plural = "abbreviations and other names (e.g. 'MfS', 'Stasi')"


class SubAgencyInline(CatalogTabularInline):
    model = Agency
    fk_name = "parent"
    extra = 0
    # A sub-agency is a record of its own: delete it from its own page, where publication
    # rights are checked.
    can_delete = False
    show_change_link = True
    fields = ["name", "slug", "kind", "country", "status"]
    readonly_fields = ["status"]
    verbose_name = "sub-agency"
    verbose_name_plural = "sub-agencies (departments and services that were part of it)"


@admin.register(Agency)
class AgencyAdmin(EDTFReadingMixin, MergeMixin, PublishableAdmin):
    actions = [*PublishableAdmin.actions, "merge_selected"]
    list_display = ["name", "abbreviations", "kind", "country", "parent", "status"]
    list_filter = ["status", "kind", "country", ("parent", LinkedRecordFilter)]
    search_fields = ["name", "slug", "names__name", "country"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["parent"]
    readonly_fields = ["existed_reading"]
    fields = [
        "name",
        "slug",
        "status",
        "kind",
        "country",
        "parent",
        "existed",
        "existed_reading",
        "description",
        *authorities.field_names("agency"),
    ]
    inlines = [AgencyNameInline, SubAgencyInline]
    related_history = (
        RelatedHistory(AgencyName, "name", lambda agency: Q(agency_id=agency.pk), lambda r: r.name),
        RelatedHistory(
            Participant,
            "participation",
            lambda agency: Q(agency_id=agency.pk),
            lambda r: f"{r.get_role_display()} in {r.event}",
            ("event",),
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .prefetch_related("names", "parent__names")
        )

    def get_search_results(self, request, queryset, search_term):
        """Exact names and abbreviations first: "MfS" puts the Ministry before its departments."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            exact_name = AgencyName.objects.filter(agency=OuterRef("pk"), name__iexact=term)
            rank = Case(
                When(Q(name__iexact=term) | Exists(exact_name), then=Value(0)), default=Value(1)
            )
            ordering = self.get_ordering(request) or self.model._meta.ordering or ["pk"]
            queryset = queryset.annotate(exact_match=rank).order_by("exact_match", *ordering)
        return queryset, may_have_duplicates

    @admin.display(description="abbreviations")
    def abbreviations(self, obj):
        return ", ".join(n.name for n in obj.names.all() if n.kind == NameKind.ABBREVIATION)


@admin.register(PersonName)
class PersonNameAdmin(CatalogAdmin):
    """All other forms of persons' names; usually edited on the person's page."""

    list_display = ["name", "person", "kind", "language"]
    list_select_related = ["person", "language"]
    list_filter = ["kind"]
    search_fields = ["name", "person__preferred_name"]
    autocomplete_fields = ["person", "language"]


@admin.register(AgencyName)
class AgencyNameAdmin(CatalogAdmin):
    """All abbreviations and other names of agencies; usually edited on the agency's page."""

    list_display = ["name", "agency", "kind", "language"]
    list_select_related = ["agency", "language"]
    list_filter = ["kind"]
    search_fields = ["name", "agency__name"]
    autocomplete_fields = ["agency", "language"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("agency__names")


@admin.register(RoleEvidence)
class RoleEvidenceAdmin(CatalogAdmin):
    """All passages attesting offices; usually edited on the office's page."""

    form = PassageForm
    list_display = ["quote", "role", "translation"]
    list_select_related = [
        "role__person",
        "role__agency",
        "translation__document",
        "translation__language",
    ]
    search_fields = ["quote", "role__title", "role__person__preferred_name"]
    autocomplete_fields = ["role", "translation"]
    fields = ["role", "translation", "quote", "occurrence", "start", "end"]
    readonly_fields = ["start", "end"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role__agency__names")
