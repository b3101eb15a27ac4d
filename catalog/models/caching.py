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
        indexes = [models.Index(fields=["kind", "stamp", "-count"], name="list_count_top")]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}: {self.count}"


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
