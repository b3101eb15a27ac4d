"""The filters of the public document list (django-filter).

Every facet filter delegates to its ``catalog.search.facets.FacetSource``, so
that a facet's count and the documents its link shows cannot disagree. The
visitor's own user decides which persons, agencies and events can be chosen.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet

from catalog.models import Agency, ContactEvent, Language, Person, Place, Repository, Subject
from catalog.search import search_documents
from catalog.search.facets import SOURCES, years_overlap


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


def _visible(model):
    def queryset(request):
        return model.objects.visible_to(getattr(request, "user", None))

    return queryset


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        help_text='Words must all appear; put "a phrase" in quotes.',
    )
    year_from = YearFilter(method="filter_year_from", label="From year")
    year_to = YearFilter(method="filter_year_to", label="To year")
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), to_field_name="code", method="filter_facet"
    )
    repository = django_filters.ModelChoiceFilter(
        queryset=Repository.objects.all(), to_field_name="slug", method="filter_facet"
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=_visible(Agency), to_field_name="slug", method="filter_facet"
    )
    person = django_filters.ModelChoiceFilter(
        queryset=_visible(Person), to_field_name="slug", method="filter_facet"
    )
    subject = django_filters.ModelChoiceFilter(
        queryset=Subject.objects.all(), to_field_name="slug", method="filter_facet"
    )
    place = django_filters.ModelChoiceFilter(
        queryset=Place.objects.all(), to_field_name="slug", method="filter_facet"
    )
    classification = django_filters.CharFilter(
        method="filter_facet", label="Original classification"
    )
    event_kind = django_filters.ChoiceFilter(
        choices=ContactEvent.Kind.choices, method="filter_facet", label="Contact attested"
    )

    FACETS = tuple(SOURCES)
    YEARS = ("year_from", "year_to")

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_documents(queryset, value)

    def filter_year_from(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(years_overlap(start=value))

    def filter_year_to(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(years_overlap(end=value))

    def filter_facet(self, queryset: QuerySet, name: str, value) -> QuerySet:
        condition = SOURCES[name].documents_with(self.facet_value(name, value), self.user)
        return queryset.filter(condition)

    @staticmethod
    def facet_value(name: str, value) -> str:
        """The value as the facet pairs hold it: a slug, a code or the text itself."""
        if isinstance(value, Language):
            return value.code
        return getattr(value, "slug", value)

    def cleaned(self) -> dict:
        """The valid filter values; invalid ones are dropped (and shown as errors)."""
        self.form.is_valid()
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    def queryset_without(self, *names: str) -> QuerySet:
        """The results with every filter applied except ``names``: what a facet counts."""
        queryset = self.queryset.all()
        for name, value in self.cleaned().items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
