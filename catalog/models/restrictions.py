"""Restrictions on personal data: what the public may not yet read, and when it may.

A restriction withholds a passage of a text, a whole text, a whole document, a person or a
page of the scans.
It says why (a reason from a controlled list), on what legal basis, and until when: a fixed
date, or a rule of the Federal Archives Act (BArchG § 11 (2)) computed from the person's
life dates and the document's date. The day it lifts is computed when the restriction is
saved and kept in ``lifts_on`` (None: until an archivist removes it), so that every public
page decides with a date comparison, at request time, and nothing waits for a cron job.

What the rules compute lives in ``catalog.restrictions.rules``; what the public sees in
``catalog.restrictions.withheld``.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Restriction(models.Model):
    class Scope(models.TextChoices):
        PASSAGE = "passage", "A passage of a text"
        TEXT = "text", "A whole text"
        DOCUMENT = "document", "A whole document"
        PERSON = "person", "A person"
        SCAN_PAGE = "scan_page", "A page of the scans"

    class Reason(models.TextChoices):
        THIRD_PARTY = "third_party", "Personal data of a third party"
        VICTIM = "victim", "Data of a person affected (victim)"
        INFORMANT = "informant", "Identity of an informant"
        CONSENT_PENDING = "consent_pending", "Consent requested, not yet given"
        LEGAL_HOLD = "legal_hold", "Legal hold"
        OTHER = "other", "Other (see note)"

    class Rule(models.TextChoices):
        STATUTORY = (
            "statutory",
            (
                "BArchG § 11 (2): 10 years after death; if unknown, 100 years after birth; "
                "if neither is known, 60 years after the document"
            ),
        )
        AFTER_DEATH = "after_death", "10 years after the person's death"
        AFTER_BIRTH = "after_birth", "100 years after the person's birth"
        AFTER_DOCUMENT = "after_document", "60 years after the document was made"
        FIXED = "fixed", "On a fixed date"
        UNTIL_REMOVED = "until_removed", "Until an officer removes it"

    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.PASSAGE)
    document = models.ForeignKey(
        "catalog.Document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="restrictions",
        help_text="The document withheld, or whose text holds the passage (set from the text).",
    )
    translation = models.ForeignKey(
        "catalog.Translation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="restrictions",
        verbose_name="text",
        help_text="The text withheld, or that holds the passage.",
    )
    start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset of the passage's first character (from 0)."
    )
    end = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset just after the passage's last character."
    )
    quote = models.TextField(
        blank=True,
        help_text="The passage as it stands in the text: enough to find it (start and end "
        "are found from it when left empty).",
    )
    person = models.ForeignKey(
        "catalog.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="restrictions",
        help_text="The person withheld, or whose personal data the passage holds: their life "
        "dates decide when it lifts under the rules that count from birth or death.",
    )
    scan_page = models.ForeignKey(
        "catalog.ScanPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="restrictions",
        help_text="The scanned page withheld (its image and tiles are not served).",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True, help_text="Required when the reason is 'Other'.")
    legal_basis = models.CharField(
        max_length=255,
        default="StUG §§ 32, 34; BArchG § 11 (2)",
        help_text="The provision the restriction rests on, as it would be cited.",
    )
    rule = models.CharField("lifts", max_length=20, choices=Rule.choices, default=Rule.STATUTORY)
    lift_date = models.DateField(
        null=True, blank=True, help_text="For 'On a fixed date': the day it lifts."
    )
    lifts_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="The day the restriction stops applying, computed from its rule when saved; "
        "empty: until it is removed.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_on = models.DateTimeField(auto_now_add=True)
    lift_recorded = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When lift_restrictions reindexed what this restriction had withheld.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["lifts_on", "pk"]
        indexes = [models.Index(fields=["translation", "start"], name="restriction_span")]
        permissions = [
            ("lift_restriction_early", "Can remove a restriction before its lift date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gt=models.F("start")),
                name="restriction_span_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()}: {self.subject_label()}"

    def save(self, *args, **kwargs):
        from catalog.restrictions.rules import complete

        complete(self)
        super().save(*args, **kwargs)

    def subject_label(self) -> str:
        if self.scope == self.Scope.PASSAGE:
            return f"“{self.quote[:60]}”"
        target = {
            self.Scope.TEXT: self.translation,
            self.Scope.DOCUMENT: self.document,
            self.Scope.PERSON: self.person,
            self.Scope.SCAN_PAGE: self.scan_page,
        }[self.scope]
        return str(target) if target is not None else "(nothing)"

    def clean(self):
        from catalog.restrictions.rules import check

        super().clean()
        check(self)
