"""The full-text search index of documents: derived data, rebuilt from the records.

``DocumentSearchText`` holds, per document, the text that search looks at
(title; summary and every text of the document; the names of the persons and
agencies mentioned). It is written only by ``catalog.search.indexer`` and is
never edited by hand, so it keeps no history.

Each database engine indexes that text its own way, in tables the 0002
migration creates for that engine only; the two unmanaged models below let the
ORM join them:

- SQLite: ``catalog_document_fts``, an FTS5 external-content table over
  ``catalog_document_search``, kept in sync by triggers;
- PostgreSQL: a generated ``tsvector`` column on ``catalog_document_search``
  with a GIN index.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class DocumentSearchText(models.Model):
    document = models.OneToOneField(
        "catalog.Document",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_text",
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="The summary, then every text of the document.")
    names = models.TextField(
        blank=True, help_text="Names and name variants of the persons and agencies mentioned."
    )

    class Meta:
        db_table = "catalog_document_search"
        verbose_name = "document search text"

    def __str__(self) -> str:
        return self.title


class FTS5Match(models.Lookup):
    """``fts_table MATCH 'query'``: the FTS5 full-text condition."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FTS5TableColumn(models.TextField):
    """The hidden column of an FTS5 table that bears the table's own name."""


FTS5TableColumn.register_lookup(FTS5Match)


class DocumentFTS(models.Model):
    """SQLite only: the FTS5 table; ``rank`` is bm25 with the weights set in 0002."""

    document = models.OneToOneField(
        "catalog.Document",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )
    table = FTS5TableColumn(db_column="catalog_document_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "catalog_document_fts"

    def __str__(self) -> str:
        return f"FTS5 entry of document {self.document_id}"


class DocumentVector(models.Model):
    """PostgreSQL only: the generated tsvector of ``catalog_document_search``."""

    document = models.OneToOneField(
        "catalog.Document",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        related_name="vector",
    )
    vector = SearchVectorField()

    class Meta:
        managed = False
        db_table = "catalog_document_search"

    def __str__(self) -> str:
        return f"tsvector of document {self.document_id}"
