"""Persons and agencies: names and their variants, hierarchies, offices held."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from catalog import dates
from catalog.models.authorities import IdentifierField
from catalog.models.base import (
    Dated,
    Passage,
    Publishable,
    date_bound_field,
    date_display_field,
    date_precision_field,
    edtf_field,
    slug_url,
)
from catalog.models.hierarchy import Hierarchical


class NameKind(models.TextChoices):
    VARIANT = "variant", "Spelling variant"
    TRANSLITERATION = "transliteration", "Transliteration"
    ABBREVIATION = "abbreviation", "Abbreviation"
    TRANSLATION = "translation", "Name in another language"
    FORMER = "former", "Former or merged name"
    COLLOQUIAL = "colloquial", "Colloquial name"


class Person(Dated, Publishable):
    DATES = (("life_dates", "life"),)

    preferred_name = models.CharField(
        max_length=255, help_text="The name used in the catalog: 'Saadoun Shaker'."
    )
    sort_name = models.CharField(
        max_length=255, blank=True, help_text="For alphabetical lists: 'Shaker, Saadoun'."
    )
    life_dates = edtf_field(
        "life dates (EDTF)",
        help_text="Birth and death as an EDTF interval: '1907/2000', '1930/..', '1925?/1990'.",
    )
    life_display = date_display_field()
    life_precision = date_precision_field()
    life_earliest = date_bound_field()
    life_latest = date_bound_field()
    description = models.TextField(blank=True)
    gnd_id = IdentifierField(authority="gnd")
    viaf_id = IdentifierField(authority="viaf")
    wikidata_id = IdentifierField(authority="wikidata")
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name", "preferred_name"]
        verbose_name_plural = "persons"
        indexes = [
            # The order of the public list: a page of it is read from the index, not sorted.
            models.Index(fields=["sort_name", "preferred_name", "id"], name="person_sort"),
            # The sitemap's size and latest change of the published, from the index alone.
            models.Index(fields=["status", "modified"], name="person_status_modified"),
        ]
        permissions = [("publish_person", "Can publish and unpublish persons")]

    def __str__(self) -> str:
        return self.preferred_name

    def get_absolute_url(self) -> str:
        return slug_url("catalog:person", self.slug)

    def compute_derived(self) -> None:
        super().compute_derived()
        if not self.sort_name:
            self.sort_name = self.preferred_name


class PersonName(models.Model):
    """Another form of a person's name: 'Izzat Ibrahim al-Duri' for al-Douri."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=NameKind.choices, default=NameKind.VARIANT)
    language = models.ForeignKey(
        "catalog.Language", null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_person_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Agency(Hierarchical, Dated, Publishable):
    DATES = (("existed", "existed"),)

    class Kind(models.TextChoices):
        MINISTRY = "ministry", "Ministry"
        MAIN_DEPARTMENT = "main_department", "Main department"
        DEPARTMENT = "department", "Department or service"
        SECURITY_SERVICE = "security_service", "Security or intelligence service"
        GOVERNMENT_BODY = "government_body", "Government body"
        PARTY = "party", "Political party"
        EMBASSY = "embassy", "Embassy"
        DELEGATION = "delegation", "Delegation"
        RESEARCH_PROJECT = "research_project", "Research project"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255, help_text="The full name in English.")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(
        max_length=100,
        blank=True,
        db_index=True,
        help_text="The state it belonged to: 'German Democratic Republic', 'Iraq'.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_agencies",
        help_text="The agency it was part of: Main Department III was part of the MfS.",
    )
    existed = edtf_field("existed (EDTF)", help_text="When it existed: '1950/1990'.")
    existed_display = date_display_field()
    existed_precision = date_precision_field()
    existed_earliest = date_bound_field()
    existed_latest = date_bound_field()
    description = models.TextField(blank=True)
    gnd_id = IdentifierField(authority="gnd")
    viaf_id = IdentifierField(authority="viaf")
    wikidata_id = IdentifierField(authority="wikidata")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        permissions = [("publish_agency", "Can publish and unpublish agencies")]

    def __str__(self) -> str:
        abbreviation = self.abbreviation
        return f"{self.name} ({abbreviation})" if abbreviation else self.name

    @property
    def abbreviation(self) -> str:
        """The first abbreviation: read with the agency (``with_abbreviation``), else from
        prefetched names when there are any, else from its names."""
        if ABBREVIATION_READ in self.__dict__:
            return self.__dict__[ABBREVIATION_READ]
        names = getattr(self, "_prefetched_objects_cache", {}).get("names")
        if names is None:
            names = self.names.filter(kind=NameKind.ABBREVIATION)
        return next((n.name for n in names if n.kind == NameKind.ABBREVIATION), "")

    def get_absolute_url(self) -> str:
        return slug_url("catalog:agency", self.slug)


class AgencyName(models.Model):
    """An abbreviation or other name of an agency: 'MfS', 'Stasi'."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=NameKind.choices, default=NameKind.ABBREVIATION)
    language = models.ForeignKey(
        "catalog.Language", null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unique_agency_name"),
        ]

    def __str__(self) -> str:
        return self.name


#: Where ``with_abbreviation`` puts an agency's first abbreviation, read with the agency.
ABBREVIATION_READ = "first_abbreviation"


def with_abbreviation(agencies: models.QuerySet) -> models.QuerySet:
    """``agencies``, each with its first abbreviation (by name; "" for none) read in the
    same statement, for ``Agency.abbreviation``: no query per agency, and no prefetch."""
    first = AgencyName.objects.filter(agency=OuterRef("pk"), kind=NameKind.ABBREVIATION)
    first = first.order_by("name").values("name")[:1]
    return agencies.annotate(**{ABBREVIATION_READ: Coalesce(Subquery(first), Value(""))})


class PersonRole(Dated, models.Model):
    """An office a person held, in an agency, over a time, as a document attests."""

    DATES = (("start", "start"), ("end", "end"))

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )
    title = models.CharField(
        max_length=255, help_text="The office as the source names it: 'Minister of the Interior'."
    )
    start = edtf_field("start (EDTF)")
    start_display = date_display_field()
    start_precision = date_precision_field()
    start_earliest = date_bound_field()
    start_latest = date_bound_field()
    end = edtf_field("end (EDTF)")
    end_display = date_display_field()
    end_precision = date_precision_field()
    end_earliest = date_bound_field()
    end_latest = date_bound_field()
    tenure_display = models.CharField(
        "tenure in words",
        max_length=500,
        blank=True,
        editable=False,
        help_text="Worded from the start and end when the record is saved: "
        "'in office by 29 August 1975'.",
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "start_earliest", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "agency", "title", "start"], name="unique_person_role"
            ),
        ]

    def __str__(self) -> str:
        where = f", {self.agency.name}" if self.agency_id else ""
        return f"{self.person}: {self.title}{where}"

    def compute_derived(self) -> None:
        super().compute_derived()
        self.tenure_display = dates.describe_tenure(self.start, self.end)

    def clean(self):
        super().clean()
        self.compute_derived()
        if self.start_earliest and self.end_latest and self.end_latest < self.start_earliest:
            raise ValidationError({"end": "The office cannot end before it starts."})


class RoleEvidence(Passage):
    """The passage that attests that a person held an office."""

    role = models.ForeignKey(PersonRole, on_delete=models.CASCADE, related_name="evidence")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "role evidence"
        ordering = ["role", "translation", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "translation", "start", "end"], name="unique_role_evidence"
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.quote}”"
