"""Contact events between persons and agencies, with the passages attesting them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

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


class ContactEvent(Dated, Publishable):
    DATES = (("date", "date"),)

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        DELEGATION_VISIT = "delegation_visit", "Delegation visit"
        TECHNICAL_ASSISTANCE = "technical_assistance", "Technical assistance"
        REQUEST = "request", "Request for cooperation"
        PLANNED_MEETING = "planned_meeting", "Planned meeting that did not take place"
        CORRESPONDENCE = "correspondence", "Correspondence"
        OTHER = "other", "Other contact"

    title = models.CharField(
        max_length=255, help_text="A short label: 'Mielke receives al-Amash in Berlin'."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    date_as_written = models.CharField(
        "date as written",
        max_length=100,
        blank=True,
        help_text="As the source gives it: 'In October 1969', 'At the beginning of 1982'.",
    )
    date = edtf_field()
    date_display = date_display_field()
    date_precision = date_precision_field()
    date_earliest = date_bound_field(db_index=True)
    date_latest = date_bound_field(db_index=True)
    place = models.ForeignKey(
        "catalog.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_earliest", "title"]
        verbose_name = "contact event"
        permissions = [("publish_contactevent", "Can publish and unpublish contact events")]
        indexes = [
            # The home page's chart counts the published events per pair of years from this
            # index alone, without reading the events' rows.
            models.Index(fields=["status", "date_earliest", "date_latest"], name="event_years"),
            # The sitemap's size and latest change of the published, from the index alone.
            models.Index(fields=["status", "modified"], name="event_status_modified"),
            # The list in chronological order (``views.pages.chronological``): a page reads
            # its own rows (and those before it) from the index, not every event sorted.
            models.Index(
                "status",
                Coalesce("date_earliest", "date_latest"),
                "date_latest",
                "title",
                "id",
                name="event_chronological",
            ),
            # A place's page: its events in chronological order, then title (the order of
            # ``views.vocabularies.place_detail``), a page read from the index alone.
            models.Index(
                "place",
                "status",
                Coalesce("date_earliest", "date_latest"),
                "title",
                "id",
                name="event_place_chronological",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("catalog:event", self.slug)


class Participant(models.Model):
    """A person or agency taking part in a contact event, in a role."""

    class Role(models.TextChoices):
        HOST = "host", "Host"
        VISITOR = "visitor", "Visitor"
        HEAD_OF_DELEGATION = "head_of_delegation", "Head of delegation"
        DELEGATION_MEMBER = "delegation_member", "Member of delegation"
        REQUESTER = "requester", "Requester"
        RECIPIENT = "recipient", "Recipient"
        PARTICIPANT = "participant", "Participant"

    event = models.ForeignKey(ContactEvent, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "catalog.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text="The agency taking part, or the one the person acted for.",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PARTICIPANT)
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(agency__isnull=False),
                name="participant_is_person_or_agency",
            ),
            models.UniqueConstraint(
                fields=["event", "person", "agency", "role"], name="unique_participant"
            ),
        ]

    def __str__(self) -> str:
        who = " for ".join(str(x) for x in (self.person, self.agency) if x is not None)
        return f"{who} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.person_id is None and self.agency_id is None:
            raise ValidationError("A participant is a person, an agency, or both.")


class EventEvidence(Passage):
    """The passage of a document that attests a contact event."""

    event = models.ForeignKey(ContactEvent, on_delete=models.CASCADE, related_name="evidence")
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "event evidence"
        ordering = ["event", "translation", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "translation", "start", "end"], name="unique_event_evidence"
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.quote}”"
