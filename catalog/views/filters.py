"""Filters for the list of contact events: by agency, person, country and dates.

Dates are typed as EDTF-like years, months or days ("1975", "1975-08", "1975-08-29"),
read by ``catalog.dates``; an event matches when the time it may have happened
overlaps the range asked for. Choices only ever offer what the visitor may see.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from catalog import dates
from catalog.models import Agency, ContactEvent, Person


def _visible(model, request):
    if request is None:
        return model.objects.published()
    return model.objects.visible_to(request.user)


def _countries(request):
    # Only countries of agencies that took part in a visible event are worth offering.
    events = _visible(ContactEvent, request)
    agencies = _visible(Agency, request).filter(participations__event__in=events)
    names = agencies.exclude(country="").values_list("country", flat=True).distinct()
    return sorted(set(names))


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


class DateBoundFilter(django_filters.Filter):
    field_class = DateBoundField

    def __init__(self, *args, side: str, **kwargs):
        self.side = side
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        earliest, latest = value
        if self.side == "from":
            # The event may have happened on or after the first day asked for.
            return qs.filter(date_latest__gte=earliest)
        return qs.filter(date_earliest__lte=latest)


class ContactEventFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="Agency",
        field_name="participants__agency",
        queryset=lambda request: _visible(Agency, request).prefetch_related("names"),
        distinct=True,
    )
    person = django_filters.ModelChoiceFilter(
        label="Person",
        field_name="participants__person",
        queryset=lambda request: _visible(Person, request),
        distinct=True,
    )
    country = django_filters.ChoiceFilter(
        label="Country",
        method="filter_country",
        choices=[],
        empty_label="Any country",
    )
    date_from = DateBoundFilter(label="From (year, month or day)", side="from")
    date_to = DateBoundFilter(label="To (year, month or day)", side="to")

    class Meta:
        model = ContactEvent
        fields = ["agency", "person", "country", "date_from", "date_to"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["country"].extra["choices"] = [(c, c) for c in _countries(request)]
        self.filters["agency"].extra["empty_label"] = "Any agency"
        self.filters["person"].extra["empty_label"] = "Any person"
        self.filters["date_from"].extra["widget"] = forms.TextInput(attrs={"placeholder": "1969"})
        self.filters["date_to"].extra["widget"] = forms.TextInput(attrs={"placeholder": "1986-02"})

    def filter_country(self, queryset, name, value):
        agencies = _visible(Agency, self.request).filter(country=value)
        return queryset.filter(participants__agency__in=agencies).distinct()
