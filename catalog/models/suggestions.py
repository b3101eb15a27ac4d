"""Suggested mentions, waiting for an archivist's decision.

A suggestion is a name found in a text (its span, and the records it may mean), a name the
publisher lists under "Associated People & Organizations" (no span), or a capitalised name
after a title or rank that no record has (a candidate new person). An archivist accepts it
(which makes the mention), re-points it to another record, or rejects it; a decision is
kept, so the same span is never proposed again.
"""

from django.conf import settings
from django.db import models


class Suggestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    class Source(models.TextChoices):
        TEXT = "text", "Name found in the text"
        ASSOCIATED = "associated", "Publisher's list of people, organisations and places"
        TITLE = "title", "Name after a title or rank (no record yet)"

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        AGENCY = "agency", "Agency"
        PLACE = "place", "Place"
        SEVERAL = "several", "Person, agency or place"
        NEW = "new", "No record yet"

    translation = models.ForeignKey(
        "catalog.Translation", on_delete=models.CASCADE, related_name="suggestions"
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.CharField(max_length=500, help_text="The name as it stands in the text.")
    name = models.CharField(max_length=500, help_text="The catalogued name it matched.")
    folded_name = models.CharField(max_length=500, db_index=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    proposed_kind = models.CharField(
        max_length=10,
        choices=Kind.choices[:3],
        blank=True,
        help_text="For a name no record has: the kind of record to create.",
    )
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.TEXT)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    candidate_persons = models.ManyToManyField(
        "catalog.Person", blank=True, related_name="+", db_table="catalog_suggestion_persons"
    )
    candidate_agencies = models.ManyToManyField(
        "catalog.Agency", blank=True, related_name="+", db_table="catalog_suggestion_agencies"
    )
    candidate_places = models.ManyToManyField(
        "catalog.Place", blank=True, related_name="+", db_table="catalog_suggestion_places"
    )
    person = models.ForeignKey(
        "catalog.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person it names: choose another to re-point it.",
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The agency it names.",
    )
    place = models.ForeignKey(
        "catalog.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The place it names (accepting adds it to the document's places).",
    )
    mention = models.ForeignKey(
        "catalog.Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["translation", "start", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "start", "end", "folded_name"],
                condition=models.Q(start__isnull=False),
                name="unique_suggestion_span",
            ),
            models.UniqueConstraint(
                fields=["translation", "folded_name", "source"],
                condition=models.Q(start__isnull=True),
                name="unique_suggestion_without_span",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.quote}” ({self.get_status_display()})"

    @property
    def chosen(self):
        return self.person or self.agency or self.place


class NewRecordSuggestion(Suggestion):
    """Names that no record has (after a title or rank, or in the publisher's list): the
    archivist creates the record or ignores the name. The same rows as ``Suggestion``, listed
    on their own."""

    class Meta:
        proxy = True
        verbose_name = "candidate new record"
        verbose_name_plural = "candidate new records"
