"""Documents, their texts (translations, transcripts, originals) and mentions.

A document is the archival unit as published; its texts are what visitors
read, and every mention and piece of evidence points into one of them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from catalog.models.base import (
    Dated,
    Passage,
    Publishable,
    Status,
    date_bound_field,
    date_display_field,
    date_precision_field,
    edtf_field,
    slug_url,
    web_url_field,
)


class Document(Dated, Publishable):
    DATES = (("date", "date"),)

    title = models.CharField(max_length=500, help_text="The title as published.")
    date_as_written = models.CharField(
        "date as written",
        max_length=100,
        blank=True,
        help_text="As printed by the publisher: 'February 28, 1986'.",
    )
    date = edtf_field()
    date_display = date_display_field()
    date_precision = date_precision_field()
    date_earliest = date_bound_field(db_index=True)
    date_latest = date_bound_field(db_index=True)
    # The date a record's page sorts it by (``DATE_ORDER``): the earliest day it may mean, an
    # open start by its other end, undated last (``UNDATED``); stored so that an index
    # serves the order. ``views.pages.chronological`` is the same order, computed.
    date_order = models.DateField(editable=False, default=datetime.date.max)
    place_date_line = models.CharField(
        "place and date line",
        max_length=255,
        blank=True,
        help_text="As in the document itself: 'Berlin, 27 February 1986'.",
    )
    classification = models.CharField(
        "original classification",
        max_length=100,
        blank=True,
        db_index=True,
        help_text="The security marking on the original: 'Strictly Confidential', 'Top Secret'.",
    )
    summary = models.TextField(blank=True)
    original_languages = models.ManyToManyField(
        "catalog.Language", blank=True, related_name="documents_originally_in"
    )
    citation = models.TextField(
        "citation as published", blank=True, help_text="The publisher's citation, verbatim."
    )
    publisher = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who published it online: 'Wilson Center Digital Archive'.",
    )
    publisher_record_id = models.CharField(
        "publisher's record id",
        max_length=100,
        blank=True,
        help_text="The publisher's own number for the record: 122923.",
    )
    publisher_url = web_url_field("publisher's URL", max_length=500, blank=True)
    rights = models.TextField(blank=True)
    credits = models.TextField(
        blank=True, help_text="As published: 'Translated for CWIHP by Bernd Schaefer.'"
    )
    subjects = models.ManyToManyField("catalog.Subject", blank=True, related_name="documents")
    places = models.ManyToManyField("catalog.Place", blank=True, related_name="documents")
    history = HistoricalRecords(m2m_fields=[subjects, places, original_languages])

    # The date order of a place's, subject's or person's documents: ties by title, then id.
    DATE_ORDER = ("date_order", "title", "pk")
    UNDATED = datetime.date.max

    class Meta:
        ordering = ["date_earliest", "title"]
        permissions = [("publish_document", "Can publish and unpublish documents")]
        indexes = [
            # A record's page reads the first of its documents in date order from this
            # index, probing each for the record, rather than sorting all its documents.
            models.Index(
                fields=["status", "date_order", "title", "id"], name="document_date_order"
            ),
            # The home page's recent additions and the feed: the newest published documents
            # read from the index in order, rather than every published document sorted.
            models.Index(fields=["status", "-created", "-id"], name="document_recent"),
            # The sitemap's size and latest change of the published, from the index alone.
            models.Index(fields=["status", "modified"], name="document_status_modified"),
            # The list in date order: a page reads its own rows from the index, in order,
            # rather than every published document sorted.
            models.Index(fields=["status", "date_earliest", "title", "id"], name="document_dates"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "publisher_record_id"],
                condition=~models.Q(publisher_record_id=""),
                name="unique_publisher_record",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("catalog:document", self.slug)

    def compute_derived(self) -> None:
        super().compute_derived()
        self.date_order = self.date_earliest or self.date_latest or self.UNDATED

    @property
    def public_texts(self) -> list:
        """Its published texts (a draft text is seen in the admin only); no query when the
        texts are prefetched."""
        return [text for text in self.translations.all() if text.status == Status.PUBLISHED]


class Translation(models.Model):
    """A text of a document: a translation, a transcript or the original.

    A document holds any number of texts: the original-language transcript, one or more
    translations, a second translation by another hand. A text has its own publication
    status: a transcript read by OCR from the scans stays a draft, marked machine-read,
    until an archivist corrects and publishes it; the public reads published texts only.
    """

    class Kind(models.TextChoices):
        TRANSLATION = "translation", "Translation"
        TRANSCRIPT = "transcript", "Transcript"
        ORIGINAL = "original", "Original text"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="translations")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TRANSLATION)
    language = models.ForeignKey("catalog.Language", on_delete=models.PROTECT)
    slug = models.SlugField(
        max_length=60,
        blank=True,
        help_text="The text's stable name within its document, in CSV files and page "
        "anchors: 'translation-en', 'original-de', 'translation-en-2' for a second "
        "translation. Left empty, it is made from the kind and language.",
    )
    title = models.CharField(
        max_length=500, blank=True, help_text="The heading in this text, if it has one."
    )
    text = models.TextField(
        help_text="The full text, paragraphs separated by a blank line. Mentions and "
        "evidence point to character positions in it: correct it with care."
    )
    translator = models.ForeignKey(
        "catalog.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
        help_text="The translator, as a person record: Bernd Schaefer.",
    )
    commissioned_by = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commissioned_translations",
        help_text="The body that commissioned the translation: CWIHP.",
    )
    credit_line = models.CharField(max_length=500, blank=True)
    other_translators = models.ManyToManyField(
        "catalog.Person",
        blank=True,
        related_name="co_translations",
        help_text="The other translators, when the credit names several: "
        "'by Mark H. Doctoroff and Gary Goldberg'.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PUBLISHED,
        db_index=True,
        help_text="A draft text is seen in the admin only, even when its document is published.",
    )
    machine_read = models.BooleanField(
        "machine-read",
        default=False,
        help_text="Read from the scans by OCR and not yet corrected by an archivist.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "kind", "language", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "slug"], name="unique_text_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language}) of {self.document}"

    def save(self, *args, **kwargs):
        if not self.slug and self.document_id and self.language_id:
            self.slug = free_text_slug(self)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # Named before the constraints are checked, so that a new text left without a slug
        # gets the first free one ('translation-en-2') rather than a clash.
        if not self.slug and self.document_id and self.language_id:
            self.slug = free_text_slug(self)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def key(self) -> str | int:
        """What names the text in its document page's anchors (the text's panel, its
        passages): its slug, else its id."""
        return self.slug or self.pk


def text_slug_base(kind: str, language_code: str) -> str:
    """A text's slug before any number: 'translation-en', 'original-de'."""
    from django.utils.text import slugify

    return slugify(f"{kind}-{language_code}")[:55] or "text"


def free_text_slug(text: "Translation") -> str:
    """The first free slug of ``text`` in its document: 'translation-en', then
    'translation-en-2', 'translation-en-3'..."""
    from catalog.models.vocabularies import Language

    code = Language.objects.filter(pk=text.language_id).values_list("code", flat=True).first()
    base = text_slug_base(text.kind, code or "")
    taken = set(
        Translation.objects.filter(document_id=text.document_id, slug__startswith=base)
        .exclude(pk=text.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class Mention(Passage):
    """A person, agency or contact event named in a text, at its character span."""

    person = models.ForeignKey(
        "catalog.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    event = models.ForeignKey(
        "catalog.ContactEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["translation", "start"]
        # The texts naming a record, latest first, read along the index and stopped early:
        # the candidates of related documents (catalog.related.computed).
        indexes = [
            models.Index(fields=["person", "translation"], name="mention_person_text"),
            models.Index(fields=["agency", "translation"], name="mention_agency_text"),
            models.Index(fields=["event", "translation"], name="mention_event_text"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, agency__isnull=True, event__isnull=True)
                    | models.Q(person__isnull=True, agency__isnull=False, event__isnull=True)
                    | models.Q(person__isnull=True, agency__isnull=True, event__isnull=False)
                ),
                name="mention_names_exactly_one_record",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="mention_span_not_empty"
            ),
            models.UniqueConstraint(
                fields=["translation", "start", "end", "person", "agency", "event"],
                name="unique_mention",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.quote}” → {self.target}"

    @property
    def target(self):
        return self.person or self.agency or self.event

    def clean(self):
        super().clean()
        if sum(x is not None for x in (self.person_id, self.agency_id, self.event_id)) != 1:
            raise ValidationError("A mention names exactly one person, agency or contact event.")


def document_prefetches() -> tuple:
    """What a document's page, its EAD and its Dublin Core read besides the document: its
    texts with their language and translators, its archival references with their
    repositories, its original languages, subjects and places."""
    from catalog.models.provenance import ArchivalReference

    return (
        models.Prefetch(
            "translations",
            Translation.objects.select_related("language", "translator", "commissioned_by"),
        ),
        models.Prefetch(
            "archival_references", ArchivalReference.objects.select_related("repository")
        ),
        "original_languages",
        "subjects",
        "places",
    )
