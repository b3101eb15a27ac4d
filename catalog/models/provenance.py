"""Provenance: the holding archive, the reference of the original file, and the publisher.

The reference is kept as written and parsed by ``catalog.references``; what
cannot be parsed stays verbatim and is flagged for an archivist.

A document's ``publisher_url`` is the address it was harvested from, kept as
provenance. Citations, JSON-LD and links use the publisher's permanent address
instead, built from the record id (``publisher_address``), since harvests have
come from test and mirror hosts whose addresses do not last.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import models
from simple_history.models import HistoricalRecords

from catalog.models.base import web_url_field
from catalog.references import parse_reference


class Repository(models.Model):
    """An archive holding original files, e.g. the Stasi Records Archive (BStU)."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    abbreviation = models.CharField(
        max_length=40, blank=True, help_text="As used in citations: 'BStU', 'BArch'."
    )
    parent_institution = models.CharField(
        max_length=255,
        blank=True,
        help_text="The institution it belongs to now, e.g. 'Bundesarchiv' for the BStU.",
    )
    country = models.CharField(max_length=100, blank=True)
    url = web_url_field(blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "repositories"

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class ArchivalReference(models.Model):
    """Where the original of a document is kept, as cited and as parsed."""

    document = models.ForeignKey(
        "catalog.Document", on_delete=models.CASCADE, related_name="archival_references"
    )
    repository = models.ForeignKey(
        Repository,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="references",
        help_text="The archive holding the original.",
    )
    as_written = models.CharField(
        "reference as written",
        max_length=500,
        help_text="Exactly as cited, e.g. 'BStU, ZA, HA X 104, pp. 49-51' or "
        "'BStU, MfS, HA XXII, Nr. 136, Bl. 121'. It is parsed when saved.",
    )
    archive = models.CharField(max_length=40, blank=True, help_text="'BStU' or 'BArch'.")
    collection = models.CharField(
        "fonds or collection", max_length=100, blank=True, help_text="'ZA', 'MfS'."
    )
    unit = models.CharField(
        "issuing unit", max_length=100, blank=True, help_text="'HA X', 'ZAIG', 'BV Suhl, BdL'."
    )
    file_number = models.CharField(max_length=100, blank=True)
    volume = models.CharField(max_length=100, blank=True)
    page_label = models.CharField(max_length=10, blank=True, help_text="'pp.', 'p.', 'Bl.', 'S.'")
    pages = models.CharField(max_length=100, blank=True)
    page_start = models.CharField(max_length=20, blank=True)
    page_end = models.CharField(max_length=20, blank=True)
    normalised = models.CharField(max_length=500, blank=True, editable=False)
    needs_review = models.BooleanField(
        default=False,
        help_text="Set when the reference could not be parsed: it is kept as written.",
    )
    parse_problems = models.TextField(blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "as_written"], name="unique_reference_per_document"
            ),
        ]
        indexes = [
            # The admin and the public search look documents up by file.
            models.Index(fields=["archive", "unit", "file_number"], name="reference_file_idx"),
        ]

    def __str__(self) -> str:
        return self.normalised or self.as_written

    def save(self, *args, **kwargs):
        self.apply_parse()
        super().save(*args, **kwargs)

    def apply_parse(self) -> None:
        """Fill the parsed parts from ``as_written``; keep it verbatim if unparsable."""
        parsed = parse_reference(self.as_written)
        self.as_written = parsed.as_written
        for field in (
            "archive",
            "collection",
            "unit",
            "file_number",
            "volume",
            "page_label",
            "pages",
            "page_start",
            "page_end",
        ):
            setattr(self, field, getattr(parsed, field))
        self.normalised = parsed.normalised
        self.needs_review = not parsed.parsed
        self.parse_problems = "\n".join(parsed.problems)


@dataclass(frozen=True)
class Publisher:
    """A publisher of documents online, with its permanent address for a record."""

    name: str
    record_address: str  # "https://host/document/{id}"
    former_names: tuple[str, ...] = ()
    test_hosts: tuple[str, ...] = ()  # test, staging and mirror hosts seen in harvests

    @property
    def host(self) -> str:
        return urlsplit(self.record_address).hostname or ""


PUBLISHERS: tuple[Publisher, ...] = (
    Publisher(
        "Wilson Center Digital Archive",
        "https://digitalarchive.wilsoncenter.org/document/{id}",
        former_names=("History and Public Policy Program Digital Archive",),
        test_hosts=("wilson-center-digital-archive.dvincitest.com",),
    ),
)


def publisher_named(name: str) -> Publisher | None:
    """The publisher known under ``name``, current or former."""
    for publisher in PUBLISHERS:
        if name == publisher.name or name in publisher.former_names:
            return publisher
    return None


@dataclass(frozen=True)
class PublisherAddress:
    """Where a document is read at its publisher, and where it was harvested from."""

    permanent: str  # for citations and links; "" when none is known
    harvested: str  # publisher_url as harvested
    harvested_from: str  # "permanent", "test host", "mirror or older address", or ""

    @property
    def harvested_differs(self) -> bool:
        return bool(self.harvested) and self.harvested != self.permanent


def publisher_address(publisher_name: str, record_id: str, harvested: str) -> PublisherAddress:
    """The permanent address of a publisher's record, built from its id; the harvested
    address is kept and classed. An unknown publisher's harvested address is used as is,
    unless it is on a known test host."""
    publisher = publisher_named(publisher_name)
    host = (urlsplit(harvested).hostname or "") if harvested else ""
    test_hosts = {h for p in PUBLISHERS for h in p.test_hosts}
    if publisher is not None and record_id:
        permanent = publisher.record_address.format(id=record_id)
    else:
        permanent = "" if host in test_hosts else harvested
    if not harvested:
        kind = ""
    elif host in test_hosts:
        kind = "test host"
    elif harvested == permanent:
        kind = "permanent"
    else:
        kind = "mirror or older address"
    return PublisherAddress(permanent, harvested, kind)


def document_publisher_address(document) -> PublisherAddress:
    return publisher_address(
        document.publisher, document.publisher_record_id, document.publisher_url
    )
