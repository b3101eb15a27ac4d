"""The catalog's version: one row whose token changes with every write to the catalog.

``catalog.caching`` puts the token into every cache key and ETag, so that whatever was
cached before a record was published, changed or unpublished is never served again.
"""

from django.db import models


class CatalogVersion(models.Model):
    """A single row (id 1); its token is replaced, in the same transaction, by every write
    to a catalog table."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "catalog version"

    def __str__(self) -> str:
        return self.token


class ListCount(models.Model):
    """A count a public list shows (a place's documents, an agency's contact events), as the
    public sees it, stored under the stamp it was counted for (``catalog.caching.counts``):
    the code's release, the catalog version and the day. Rows under an older stamp are never
    read; counting the kind again gives each record's row the new stamp."""

    kind = models.CharField(max_length=40)
    stamp = models.CharField(max_length=100)
    record_id = models.BigIntegerField()
    count = models.IntegerField()

    class Meta:
        verbose_name = "stored list count"
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="list_count_once_per_record")
        ]
        # The highest counts first, equals by record: read in order, never sorted whole.
        indexes = [
            models.Index(fields=["kind", "stamp", "-count", "record_id"], name="list_count_ranked")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}: {self.count}"


class NetworkEdge(models.Model):
    """The network of agencies as the public sees it (``catalog.views.network.stored``),
    stored under the stamp it was drawn for, as ``ListCount``: one row per pair of agencies
    (``source`` < ``target``) and whether their contacts took place, with how many, of which
    kinds and the first events named; one row per agency drawn (``target`` 0: its contacts);
    and one row that says the network was stored (``source`` 0: the events not drawn, and in
    ``kinds`` how many agencies and pairs the whole network has, of which only the busiest are
    stored and drawn)."""

    stamp = models.CharField(max_length=100)
    grouped = models.BooleanField()
    source = models.BigIntegerField()
    target = models.BigIntegerField()
    held = models.BooleanField()
    count = models.IntegerField()
    kinds = models.JSONField(default=dict)
    events = models.JSONField(default=list)

    class Meta:
        verbose_name = "stored network edge"
        constraints = [
            models.UniqueConstraint(
                fields=["grouped", "source", "target", "held"], name="network_edge_once"
            )
        ]
        indexes = [models.Index(fields=["stamp", "grouped"], name="network_edge_stamp")]

    def __str__(self) -> str:
        return f"{self.source}–{self.target}: {self.count}"


class ListSummary(models.Model):
    """What a public list shows of the whole catalog (the unfiltered document list's total,
    facets and date spans; the home page's counts), as the public sees it, stored under the
    stamp it was computed for (``catalog.caching.summaries``), one row per kind."""

    kind = models.CharField(max_length=40, unique=True)
    stamp = models.CharField(max_length=100)
    data = models.JSONField()

    class Meta:
        verbose_name = "stored list summary"

    def __str__(self) -> str:
        return f"{self.kind} ({self.stamp})"


class RelatedSummary(models.Model):
    """A document's related documents as the public sees them (``catalog.related.stored``),
    stored under the stamp they were ranked for, as ``ListSummary``: one row per document,
    replaced in place, read with the document itself."""

    document = models.OneToOneField(
        "catalog.Document", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    stamp = models.CharField(max_length=100)
    data = models.JSONField()

    class Meta:
        verbose_name = "stored related documents"
        verbose_name_plural = "stored related documents"

    def __str__(self) -> str:
        return f"related to {self.document_id} ({self.stamp})"
