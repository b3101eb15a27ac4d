"""Controlled vocabularies: languages, subjects and places.

Subjects and places follow the Wilson Center Digital Archive's "Subjects
Discussed" and "Associated Places" lists.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from catalog.models.authorities import IdentifierField
from catalog.models.hierarchy import Hierarchical


class Language(models.Model):
    code = models.CharField(
        max_length=12,
        unique=True,
        help_text="ISO 639 code: 'de' for German, 'en' for English, 'ar' for Arabic.",
    )
    name = models.CharField(max_length=100, unique=True, help_text="English name: 'German'.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.code,)


class Subject(models.Model):
    name = models.CharField(
        max_length=200, unique=True, help_text="As in the Wilson Center's 'Subjects Discussed'."
    )
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Place(Hierarchical, models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        CITY = "city", "City"
        BUILDING = "building", "Building or site"

    name = models.CharField(max_length=200, help_text="'Baghdad', 'German Democratic Republic'.")
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CITY)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The larger place it lies in: Baghdad lies in Iraq.",
    )
    description = models.TextField(blank=True)
    gnd_id = IdentifierField(authority="gnd")
    viaf_id = IdentifierField(authority="viaf")
    wikidata_id = IdentifierField(authority="wikidata")
    geonames_id = IdentifierField(authority="geonames")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "parent"], name="unique_place_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name
