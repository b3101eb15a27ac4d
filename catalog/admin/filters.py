"""List filters for cataloguing: dates by decade on the EDTF bounds, and by year range.

A record is found under a decade (or in a year range) when the span its date can
mean overlaps it: "1969/1975" is under the 1960s and the 1970s, "1970~" under
the 1960s and 1970s too, since "about 1970" may be 1969. Open ends reach as far
as they go.
"""

import datetime

from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.db.models import Max, Min, Q


def overlapping(earliest: str, latest: str, start, end) -> Q:
    """Records whose [earliest, latest] span meets [start, end]; None is an open end."""
    q = ~Q(**{f"{earliest}__isnull": True, f"{latest}__isnull": True})
    if end is not None:
        q &= Q(**{f"{earliest}__lte": end}) | Q(**{f"{earliest}__isnull": True})
    if start is not None:
        q &= Q(**{f"{latest}__gte": start}) | Q(**{f"{latest}__isnull": True})
    return q


class DecadeFilter(admin.SimpleListFilter):
    """Filter by decade, offering the decades the records span, and "undated"."""

    title = "date (decade)"
    parameter_name = "decade"
    earliest, latest = "date_earliest", "date_latest"

    def lookups(self, request, model_admin):
        span = model_admin.get_queryset(request).aggregate(
            first=Min(self.earliest), last=Max(self.latest), first_end=Min(self.latest)
        )
        first = span["first"] or span["first_end"]
        last = span["last"] or first
        choices = []
        if first is not None:
            for decade in range(first.year // 10 * 10, last.year // 10 * 10 + 1, 10):
                choices.append((str(decade), f"{decade}s"))
        choices.append(("undated", "Undated"))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == "undated":
            return queryset.filter(
                **{f"{self.earliest}__isnull": True, f"{self.latest}__isnull": True}
            )
        try:
            decade = int(value)
            start, end = datetime.date(decade, 1, 1), datetime.date(decade + 9, 12, 31)
        except ValueError:
            return queryset
        return queryset.filter(overlapping(self.earliest, self.latest, start, end))


def decade_filter(earliest: str, latest: str, title: str, parameter: str):
    """A decade filter over other bounds, e.g. a person's life dates."""
    return type(
        f"{parameter.title().replace('_', '')}DecadeFilter",
        (DecadeFilter,),
        {"earliest": earliest, "latest": latest, "title": title, "parameter_name": parameter},
    )


class YearRangeFilter(admin.ListFilter):
    """Two year fields, "from" and "to", for dates that overlap the years between."""

    title = "date between years"
    template = "admin/catalog/year_range_filter.html"
    earliest, latest = "date_earliest", "date_latest"
    from_parameter, to_parameter = "year_from", "year_to"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.values = {}
        for name in self.expected_parameters():
            if name in params:
                value = params.pop(name)
                self.values[name] = value[-1] if isinstance(value, list) else value

    def expected_parameters(self):
        return [self.from_parameter, self.to_parameter]

    def has_output(self):
        return True

    def year(self, name):
        value = (self.values.get(name) or "").strip()
        return int(value) if value.isdigit() and 0 < int(value) < 10000 else None

    def queryset(self, request, queryset):
        first, last = self.year(self.from_parameter), self.year(self.to_parameter)
        if first is None and last is None:
            return queryset
        start = datetime.date(first, 1, 1) if first else None
        end = datetime.date(last, 12, 31) if last else None
        return queryset.filter(overlapping(self.earliest, self.latest, start, end))

    def choices(self, changelist):
        # The template reads the current values and the other parameters to keep.
        yield {
            "from_name": self.from_parameter,
            "to_name": self.to_parameter,
            "from_value": self.values.get(self.from_parameter, ""),
            "to_value": self.values.get(self.to_parameter, ""),
            "other": [
                (key, value)
                for key, values in changelist.params.items()
                if key not in (*self.expected_parameters(), PAGE_VAR)
                for value in (values if isinstance(values, list) else [values])
            ],
            "clear_url": changelist.get_query_string(remove=self.expected_parameters()),
        }


class LinkedRecordFilter(admin.RelatedOnlyFieldListFilter):
    """Django's "only the records in use" filter, reading the records' labels in one query.

    An agency's label carries its abbreviation, which lives in its names: prefetching
    them keeps the list's cost constant however many agencies there are.
    """

    def field_choices(self, field, request, model_admin):
        in_use = (
            model_admin.get_queryset(request)
            .distinct()
            .values_list(f"{self.field_path}__pk", flat=True)
        )
        related = field.related_model._default_manager.filter(pk__in=in_use)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        if any(f.name == "names" for f in field.related_model._meta.related_objects):
            related = related.prefetch_related("names")
        return [(record.pk, str(record)) for record in related]
