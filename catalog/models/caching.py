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
