"""The full-text search index of documents: derived data, rebuilt from the records.

``DocumentSearchText`` holds, per document, the text that search looks at
(title; summary and every text of the document; the names of the persons and
agencies mentioned). It is written only by ``catalog.search.indexer`` and is
never edited by hand, so it keeps no history.

Each database engine indexes that text its own way, in what the 0002
migration creates for that engine only:

- SQLite: ``catalog_document_fts``, an FTS5 external-content table over
  ``catalog_document_search``, kept in sync by triggers, queried in SQL by
  ``catalog.search.sqlite``;
- PostgreSQL: a generated ``tsvector`` column on ``catalog_document_search``
  with a GIN index, which the unmanaged ``DocumentVector`` lets the ORM join.

``SearchWord`` is the vocabulary of the published documents' search text, on
both engines, from which ``catalog.search.vocabulary`` suggests spellings.
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
    german = models.TextField(
        blank=True,
        help_text="PostgreSQL only: the document's German texts again, which the tsvector "
        "reads with a German configuration (stemming) besides the simple one.",
    )
    # Whether this text's words were counted in ``SearchWord`` when it was written,
    # so that rewriting or deleting it takes back exactly what it gave.
    published = models.BooleanField(
        default=False, help_text="The document was published when its text was indexed."
    )

    class Meta:
        db_table = "catalog_document_search"
        verbose_name = "document search text"

    def __str__(self) -> str:
        return self.title


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


class SearchWord(models.Model):
    """A word of the published documents' search text, folded as the index folds it.

    Written only by ``catalog.search.indexer``; read by ``catalog.search.vocabulary``.
    """

    word = models.CharField(max_length=64, primary_key=True)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    documents = models.IntegerField(help_text="How many published documents have it.")

    class Meta:
        db_table = "catalog_search_word"
        verbose_name = "search word"
        indexes = [
            # Serves: WHERE initial IN (%s, %s) AND length BETWEEN %s AND %s
            models.Index(
                fields=["initial", "length", "word", "documents"], name="catalog_search_word_near"
            ),
        ]

    def __str__(self) -> str:
        return self.word
