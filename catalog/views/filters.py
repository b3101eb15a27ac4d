"""Filters for the public lists: contact events, persons and agencies.

Every filter names records by slug, never by database id, so that a filtered address
stays valid in a citation. Dates are typed as EDTF-like years, months or days ("1975",
"1975-08", "1975-08-29"), read by ``catalog.dates``; a record matches when the time it
may cover overlaps the range asked for. Related records are matched through ``Exists``
subqueries, so that no filter multiplies rows. Choices only offer what the visitor may see.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from catalog import dates
from catalog.caching import cached
from catalog.models import (
    Agency,
    AgencyName,
    ContactEvent,
    Participant,
    Person,
    PersonName,
    PersonRole,
)
from catalog.views.hierarchy import descendants


def visible(model, request):
    if request is None:
        return model.objects.published()
    return model.objects.visible_to(request.user)


def countries(request, purpose: str, agencies) -> list[tuple[str, str]]:
    """The countries of ``agencies``, as choices; cached until the catalog changes."""

    def compute():
        names = agencies.exclude(country="").values_list("country", flat=True).distinct()
        return [(name, name) for name in sorted(set(names))]

    return cached(request, ("countries", purpose), compute)


def filter_key(request) -> str:
    """The filters asked for, without the page: what a filtered list depends on."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class DateBoundField(forms.CharField):
    """A year, month or day, as EDTF: '1975', '1975-08', '1975-08-29'."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if dates.precision(value) not in ("year", "month", "day"):
            raise ValidationError(
                "Give a year, a month or a day: 1975, 1975-08 or 1975-08-29.", code="invalid"
            )
        return dates.edtf_bounds(value, fuzzy=False)


@extend_schema_field(OpenApiTypes.STR)
class DateBoundFilter(django_filters.Filter):
    """One end of a period; the filter set applies both ends together."""

    field_class = DateBoundField

    def filter(self, qs, value):
        return qs


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A record chosen by its slug; an id (or any unknown slug) is refused by name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "No such record is listed here; choose one from the list."},
        )
        super().__init__(*args, **kwargs)


def span_overlaps(start: str, end: str, period) -> Q:
    """Records whose span, from the ``{start}_*`` date to the ``{end}_*`` date, may overlap
    ``period`` (earliest, latest). An open or unknown end leaves that side open ("in office
    by 1969" may have begun any time before), but a record with no known day is left out."""
    earliest, latest = period
    condition = Q()
    for column in (f"{start}_earliest", f"{start}_latest", f"{end}_earliest", f"{end}_latest"):
        condition |= Q(**{f"{column}__isnull": False})
    if earliest is not None:
        column = f"{end}_latest"
        condition &= Q(**{f"{column}__gte": earliest}) | Q(**{f"{column}__isnull": True})
    if latest is not None:
        column = f"{start}_earliest"
        condition &= Q(**{f"{column}__lte": latest}) | Q(**{f"{column}__isnull": True})
    return condition


def name_matches(text: str, fields: tuple[str, ...], variants) -> Q:
    """Every word of ``text`` in one of ``fields`` or in a name variant (``variants``, a
    queryset of names correlated to the outer record). Names are short columns, so
    matching inside them is cheap; no long text is scanned."""
    condition = Q()
    for word in text.split():
        in_fields = Q()
        for field in fields:
            in_fields |= Q(**{f"{field}__icontains": word})
        condition &= in_fields | Exists(variants.filter(name__icontains=word))
    return condition


@extend_schema_field(OpenApiTypes.STR)
class CountryFilter(django_filters.ChoiceFilter):
    """A country, among those of the agencies the visitor may see (set per request)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Country")
        kwargs.setdefault("choices", [])
        kwargs.setdefault("empty_label", "Any country")
        super().__init__(*args, **kwargs)


class PeriodFilterSet(django_filters.FilterSet):
    """A filter set with ``date_from`` and ``date_to``, applied as one period."""

    date_from = DateBoundFilter(label="From (year, month or day)")
    date_to = DateBoundFilter(label="To (year, month or day)")

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        # Each filter builds its form field once and keeps it. The filters here are copies
        # of the class's own, so a field built from the class's filters elsewhere (the API
        # schema generator does) would come along with the choices of that moment: drop
        # it, so that the choices and widgets set below are the ones the form uses.
        for copied in self.filters.values():
            copied.__dict__.pop("_field", None)
        self.filters["date_from"].extra["widget"] = forms.TextInput(attrs={"placeholder": "1969"})
        self.filters["date_to"].extra["widget"] = forms.TextInput(attrs={"placeholder": "1986-02"})

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start = self.form.cleaned_data.get("date_from")
        end = self.form.cleaned_data.get("date_to")
        if not start and not end:
            return queryset
        return self.filter_period(queryset, (start and start[0], end and end[1]))

    def filter_period(self, queryset, period):
        raise NotImplementedError


class ContactEventFilter(PeriodFilterSet):
    agency = SlugChoiceFilter(
        label="Agency",
        method="filter_agency",
        queryset=lambda request: visible(Agency, request).prefetch_related("names"),
        empty_label="Any agency",
    )
    person = SlugChoiceFilter(
        label="Person",
        method="filter_person",
        queryset=lambda request: visible(Person, request).only("slug", "preferred_name"),
        empty_label="Any person",
    )
    country = CountryFilter(method="filter_country")

    class Meta:
        model = ContactEvent
        fields = ["agency", "person", "country", "date_from", "date_to"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        # Only countries of agencies that took part in a visible event are worth offering.
        agencies = visible(Agency, request).filter(
            participations__event__in=visible(ContactEvent, request)
        )
        self.filters["country"].extra["choices"] = countries(request, "events", agencies)

    def _with(self, queryset, **participant):
        return queryset.filter(
            Exists(Participant.objects.filter(event=OuterRef("pk"), **participant))
        )

    def filter_agency(self, queryset, name, value):
        return self._with(queryset, agency=value)

    def filter_person(self, queryset, name, value):
        return self._with(queryset, person=value)

    def filter_country(self, queryset, name, value):
        return self._with(queryset, agency__in=visible(Agency, self.request).filter(country=value))

    def filter_period(self, queryset, period):
        # The event may have happened on or after the first day and before the last.
        earliest, latest = period
        if earliest is not None:
            queryset = queryset.filter(date_latest__gte=earliest)
        if latest is not None:
            queryset = queryset.filter(date_earliest__lte=latest)
        return queryset


def _event_in(request, period) -> Q:
    return Q(event__in=visible(ContactEvent, request).filter(span_overlaps("date", "date", period)))


class NamedRecordFilter(PeriodFilterSet):
    """Persons or agencies: by name or a name variant, by country, and by an office held
    (in the agency, or by the person). Subclasses name their variant model and the
    field that links a variant and an office back to the record."""

    name_fields: tuple[str, ...] = ()
    variant_model = None
    link = ""

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["country"].extra["choices"] = countries(
            request, "agencies", visible(Agency, request)
        )

    def filter_name(self, queryset, name, value):
        variants = self.variant_model.objects.filter(**{self.link: OuterRef("pk")})
        return queryset.filter(name_matches(value, self.name_fields, variants))

    def filter_office(self, queryset, name, value):
        roles = PersonRole.objects.filter(**{self.link: OuterRef("pk")})
        for word in value.split():
            roles = roles.filter(title__icontains=word)
        return queryset.filter(Exists(roles))


class PersonFilter(NamedRecordFilter):
    """Persons by name (or a variant), by the country or agency they served or acted for,
    by the office they held, and by the period of their offices and contacts."""

    name = django_filters.CharFilter(label="Name", method="filter_name")
    country = CountryFilter(method="filter_country")
    agency = SlugChoiceFilter(
        label="Agency",
        method="filter_agency",
        queryset=lambda request: visible(Agency, request).prefetch_related("names"),
        empty_label="Any agency",
    )
    office = django_filters.CharFilter(label="Office", method="filter_office")

    name_fields = ("preferred_name", "sort_name")
    variant_model = PersonName
    link = "person"

    class Meta:
        model = Person
        fields = ["name", "country", "agency", "office", "date_from", "date_to"]

    def _served(self, queryset, roles: Q, participations: Q):
        return queryset.filter(
            Exists(PersonRole.objects.filter(roles, person=OuterRef("pk")))
            | Exists(
                Participant.objects.filter(
                    participations,
                    person=OuterRef("pk"),
                    event__in=visible(ContactEvent, self.request),
                )
            )
        )

    def filter_country(self, queryset, name, value):
        agencies = visible(Agency, self.request).filter(country=value)
        return self._served(queryset, Q(agency__in=agencies), Q(agency__in=agencies))

    def filter_agency(self, queryset, name, value):
        return self._served(queryset, Q(agency=value), Q(agency=value))

    def filter_period(self, queryset, period):
        offices = span_overlaps("start", "end", period)
        return self._served(queryset, offices, _event_in(self.request, period))


class AgencyFilter(NamedRecordFilter):
    """Agencies by name (or an abbreviation or other name), country, the agency they were
    part of, an office held in them, and the period they existed or took part in contacts."""

    name = django_filters.CharFilter(label="Name", method="filter_name")
    country = CountryFilter(field_name="country")
    part_of = SlugChoiceFilter(
        label="Part of",
        method="filter_part_of",
        queryset=lambda request: visible(Agency, request).prefetch_related("names"),
        empty_label="Any agency",
    )
    office = django_filters.CharFilter(label="Office held in it", method="filter_office")

    name_fields = ("name",)
    variant_model = AgencyName
    link = "agency"

    class Meta:
        model = Agency
        fields = ["name", "country", "part_of", "office", "date_from", "date_to"]

    def filter_part_of(self, queryset, name, value):
        tree = visible(Agency, self.request).values_list("pk", "parent_id")
        return queryset.filter(pk__in=descendants(tree, value.pk) - {value.pk})

    def filter_period(self, queryset, period):
        events = Participant.objects.filter(_event_in(self.request, period), agency=OuterRef("pk"))
        return queryset.filter(span_overlaps("existed", "existed", period) | Exists(events))


def filtered(filterset: django_filters.FilterSet, queryset):
    """What ``filterset`` lets through: everything when no filter is asked for, nothing
    when a value cannot be read (the form then says why)."""
    if not filterset.is_bound:
        return queryset
    return filterset.qs if filterset.is_valid() else queryset.none()
