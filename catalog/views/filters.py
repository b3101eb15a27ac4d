"""Filters for the public lists: contact events, persons and agencies.

Every filter names records by slug, never by database id, so that a filtered address
stays valid in a citation. Dates are typed as EDTF-like years, months or days ("1975",
"1975-08", "1975-08-29"), read by ``catalog.dates``; a record matches when the time it
may cover overlaps the range asked for. Related records are matched through ``Exists``
subqueries, so that no filter multiplies rows. Choices only offer what the visitor may see.
"""

import functools

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from catalog import dates
from catalog.caching import cached, counts
from catalog.models import (
    Agency,
    AgencyName,
    ContactEvent,
    Participant,
    Person,
    PersonName,
    PersonRole,
)
from catalog.models.people import with_abbreviation
from catalog.views.hierarchy import descendants

# At most this many records in the select of a filter (and the one chosen).
CHOICES = 100


def visible(model, request):
    if request is None:
        return model.objects.published()
    return model.objects.visible_to(request.user)


def countries(request, purpose: str, names) -> list[tuple[str, str]]:
    """The countries ``names()`` gives (sorted), as choices; cached until the catalog
    changes."""
    return cached(request, ("countries", purpose), lambda: [(name, name) for name in names()])


def agency_countries(agencies) -> list[str]:
    """The countries of ``agencies``, sorted."""
    found = agencies.exclude(country="").order_by().values_list("country", flat=True)
    return sorted(set(found.distinct()))


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


class QuickSelect(forms.Select):
    """Django's select, the same HTML, drawn without a template for each option: with a
    hundred options those templates cost more than the rest of a list page."""

    def render(self, name, value, attrs=None, renderer=None):
        # Read once (a model field's choices are a query), and not by list(), which asks a
        # model field's choices for their length: a COUNT of every record it accepts.
        choices = [choice for choice in self.choices]  # noqa: C416
        if any(isinstance(label, (list, tuple)) for _, label in choices):
            return self._render_groups(name, value, attrs)
        chosen = set(self.format_value(value))
        options, found = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            # As Django's optgroups: a single select marks the first matching option only.
            selected = (not found or self.allow_multiple_selected) and option_value in chosen
            found = found or selected
            options.append(
                f'  <option value="{conditional_escape(option_value)}"'
                f"{' selected' if selected else ''}>{conditional_escape(label)}</option>"
            )
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        head = f'<select name="{conditional_escape(name)}"{flatatt(attrs)}>'
        lines = "\n".join(options)
        return mark_safe(f"{head}\n{lines}\n</select>")  # noqa: S308 - escaped

    def _render_groups(self, name, value, attrs):
        """Through Django's own options (its ``optgroups``), a group's options drawn in line
        as the others: for choices in groups, which none of the catalog's selects has."""
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "\n",
            '  <option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', name, flatatt(widget["attrs"]), options
        )


class OfferedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """The options of a select: the field's ``offered()`` records when it has them, read
    when the select is drawn, rather than every record the field accepts."""

    def __iter__(self):
        if self.field.offered is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in self.field.offered():
            yield self.choice(record)


class OfferedModelChoiceField(django_filters.fields.ModelChoiceField):
    """Accepts any record of its queryset, offers those of ``offered`` (a callable)."""

    iterator = OfferedChoiceIterator

    def __init__(self, *args, offered=None, **kwargs):
        self.offered = offered
        super().__init__(*args, **kwargs)


def offered_records(request, offer: tuple, chosen) -> models.QuerySet:
    """The records a select offers: the ``CHOICES`` visible ones with the most visible
    contact events (``offer``: the model and its kind of stored count), by name, and the
    one chosen. Any other visible record is still accepted, by its slug in the address."""
    model, kind = offer
    condition = Q(pk__in=counts.top(request, kind, CHOICES))
    if isinstance(chosen, str) and chosen:
        condition |= Q(slug=chosen)
    records = visible(model, request).filter(condition)
    if model is Agency:
        # Its option reads "Ministry for State Security (MfS)": the abbreviation in the
        # same statement.
        return with_abbreviation(records.only("slug", "name"))
    return records.only("slug", "preferred_name", "sort_name")


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A record chosen by its slug; an id (or any unknown slug) is refused by name.

    With ``offer`` (model, kind of stored count), its select lists a bounded number of
    records (``offered_records``), the same at any size of the catalog, and not all."""

    field_class = OfferedModelChoiceField

    def __init__(self, *args, offer: tuple | None = None, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", QuickSelect)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "No such record is listed here; choose one from the list."},
        )
        self.offer = offer
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if self.offer is not None and "_field" not in self.__dict__:
            request = self.get_request()
            data = getattr(self.parent, "data", None) or {}
            chosen = data.get(self.field_name)
            # Read once, however often the select is drawn.
            offered = functools.cache(lambda: list(offered_records(request, self.offer, chosen)))
            self.extra["offered"] = offered
        return super().field


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
        kwargs.setdefault("widget", QuickSelect)
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
        queryset=lambda request: visible(Agency, request),
        empty_label="Any agency",
        offer=(Agency, "agency-events"),
    )
    person = SlugChoiceFilter(
        label="Person",
        method="filter_person",
        queryset=lambda request: visible(Person, request).only("slug", "preferred_name"),
        empty_label="Any person",
        offer=(Person, "person-events"),
    )
    country = CountryFilter(method="filter_country")

    class Meta:
        model = ContactEvent
        fields = ["agency", "person", "country", "date_from", "date_to"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        # Only countries of agencies that took part in a visible event are worth offering:
        # stored with the counts of the agencies' events, for the public (caching.counts).
        self.filters["country"].extra["choices"] = countries(
            request, "events", lambda: counts.countries(request)
        )

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
            request, "agencies", lambda: agency_countries(visible(Agency, request))
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
        queryset=lambda request: visible(Agency, request),
        empty_label="Any agency",
        offer=(Agency, "agency-events"),
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
        queryset=lambda request: visible(Agency, request),
        empty_label="Any agency",
        offer=(Agency, "agency-events"),
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
