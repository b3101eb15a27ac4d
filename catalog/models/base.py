"""Building blocks shared by the catalog's records.

- publication status, with a queryset that shows the public only what is published;
- dates kept in three layers (as written, EDTF, and what is derived from the EDTF: words,
  precision and bounds, stored on write), as in the Princeton Geniza Project: the EDTF logic
  itself lives in ``catalog.dates``;
- passages: a character span in a translation's text, the unit of evidence.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse

from catalog import dates


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """What ``user`` may see on the public site: staff see drafts too; nobody sees the
        documents and persons withheld whole (``catalog.restrictions``)."""
        from catalog.restrictions.public import leave_out

        if user is not None and user.is_active and user.is_staff:
            return leave_out(self)
        return leave_out(self.published())


class Publishable(models.Model):
    """A record with a stable slug and a publication status."""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The record's permanent web address, e.g. 'saadoun-shaker'. "
        "If you change it, the old address keeps working.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published records are visible to the public.",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from catalog.models.links import RetiredSlug

        old_slug = None
        if self.pk is not None:
            old_slug = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            RetiredSlug.retire(self, old_slug)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


#: The only schemes a web address in the catalog may have: no ``javascript:``, ``data:``, ``ftp:``.
WEB_SCHEMES = ("http", "https")
validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES), message="Enter a web address beginning with http:// or https://."
)


def web_url(value: str) -> str:
    """``value`` if it is an http or https address, else "": a guard for every href."""
    value = (value or "").strip()
    return value if urlsplit(value).scheme.lower() in WEB_SCHEMES else ""


def web_url_field(*args, **kwargs) -> models.URLField:
    """A URL field that accepts web addresses only, checked by ``full_clean`` too."""
    return models.URLField(*args, validators=[validate_web_url], **kwargs)


EDTF_HELP = (
    "Extended Date/Time Format (EDTF), as precise as the source: "
    "'1975-08-29' (a day), '1969-10' (a month), '1979' (a year), "
    "'1986?' (uncertain), '1970~' (approximate), '1982-01~/1982-03~' (a span), "
    "'1969/..' (from 1969 on). Leave empty if unknown."
)


def edtf_field(verbose_name: str = "date (EDTF)", **kwargs) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=100,
        blank=True,
        validators=[dates.validate_edtf],
        help_text=kwargs.pop("help_text", EDTF_HELP),
        **kwargs,
    )


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    SEASON = "season", "Season or part of a year"
    YEAR = "year", "Year"
    DECADE = "decade", "Decade"
    CENTURY = "century", "Century"
    INTERVAL = "interval", "Interval"
    UNKNOWN = "unknown", "Unknown"


def date_display_field() -> models.CharField:
    return models.CharField(
        "date in words",
        max_length=255,
        blank=True,
        editable=False,
        help_text="Worded from the EDTF date when the record is saved: 'early 1982'.",
    )


def date_precision_field() -> models.CharField:
    return models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
        editable=False,
    )


def date_bound_field(**kwargs) -> models.DateField:
    return models.DateField(null=True, blank=True, editable=False, **kwargs)


class Dated(models.Model):
    """A record with EDTF dates whose words, precision and bounds are stored on write.

    ``DATES`` pairs each EDTF field with the prefix of its stored columns
    (``{prefix}_display``, ``{prefix}_precision``, ``{prefix}_earliest``, ``{prefix}_latest``).
    ``compute_derived`` fills them; ``save`` calls it, and so must any bulk write.
    """

    DATES: tuple[tuple[str, str], ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.compute_derived()
        super().save(*args, **kwargs)

    def compute_derived(self) -> None:
        for edtf_attr, prefix in self.DATES:
            store_date(self, edtf_attr, prefix)


def store_date(instance, edtf_attr: str, prefix: str) -> None:
    """Store what one EDTF field means in its derived columns."""
    derived = dates.facts(getattr(instance, edtf_attr) or "")
    setattr(instance, f"{prefix}_display", derived.display)
    setattr(instance, f"{prefix}_precision", derived.precision)
    setattr(instance, f"{prefix}_earliest", derived.earliest)
    setattr(instance, f"{prefix}_latest", derived.latest)


def derived_date_columns(model: type[Dated]) -> tuple[str, ...]:
    """The stored columns of every date of ``model``, for bulk writes and comparisons."""
    suffixes = ("display", "precision", "earliest", "latest")
    return tuple(f"{prefix}_{suffix}" for _, prefix in model.DATES for suffix in suffixes)


def passage_anchor(start: int, text_key: str | int = "") -> str:
    """The id of the anchor of a passage starting at ``start`` in the text ``text_key`` (its
    slug): 'p-translation-en-1737'. A document's texts each have passages of their own, at
    offsets that may coincide, so the text is part of the id; without one, 'p-1737'."""
    return f"p-{text_key}-{start}" if text_key != "" else f"p-{start}"


class Passage(models.Model):
    """A span of characters in a translation's text: what a fact rests on.

    ``quote`` repeats the text of the span, so that the evidence stays readable
    (and checkable) even if the translation is later corrected.
    """

    translation = models.ForeignKey(
        "catalog.Translation",
        on_delete=models.CASCADE,
        help_text="The text in which the passage stands.",
    )
    start = models.PositiveIntegerField(
        help_text="Offset of the first character of the passage in the text (counting from 0)."
    )
    end = models.PositiveIntegerField(help_text="Offset just after the last character.")
    quote = models.TextField(help_text="The passage as it stands in the text.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.quote and self.translation_id is not None:
            self.quote = self.translation.text[self.start : self.end]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.start is None or self.end is None or not self.translation_id:
            return
        if self.end <= self.start:
            raise ValidationError({"end": "The passage must end after it starts."})
        text = self.translation.text
        if self.end > len(text):
            message = f"The passage ends at {self.end}, past the end of the text ({len(text)})."
            raise ValidationError({"end": message})
        if self.quote and text[self.start : self.end] != self.quote:
            raise ValidationError(
                {
                    "quote": f"The text at {self.start}–{self.end} reads "
                    f"“{text[self.start : self.end]}”, not “{self.quote}”."
                }
            )

    @property
    def anchor(self) -> str:
        """The id of the passage on its document's page, unique among all its texts:
        'p-translation-en-1737' (``passage_anchor``). Reads ``translation``: load it with
        the passage (``select_related``) wherever many are linked."""
        return passage_anchor(self.start, self.translation.key)


_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_SLUG_MARKER = "liaison-slug-marker"
_ADDRESSES: dict[tuple, list[str]] = {}


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, args=[slug])`` for an address whose one argument is a slug, resolved
    once per URL name and configuration rather than for every link (a document's page links
    to dozens of records). A slug the path converter would refuse goes to ``reverse``."""
    if not _SLUG.match(slug):
        return reverse(name, args=[slug])
    key = (name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    parts = _ADDRESSES.get(key)
    if parts is None:
        parts = reverse(name, args=[_SLUG_MARKER]).split(_SLUG_MARKER)
        if len(parts) != 2:
            return reverse(name, args=[slug])
        _ADDRESSES[key] = parts
    return f"{parts[0]}{slug}{parts[1]}"


def site_url(name: str) -> str:
    """``reverse(name)`` for an address without arguments (the site's navigation), resolved
    once per URL name and configuration (see ``slug_url``)."""
    key = (name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    found = _ADDRESSES.get(key)
    if found is None:
        found = _ADDRESSES[key] = [reverse(name)]
    return found[0]
