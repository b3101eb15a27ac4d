"""A document's related documents, stored per catalog stamp and read with the document.

Ranking a document's related documents (``computed.related_documents``) is the most costly
statement of its page: about 10 ms on PostgreSQL, most of it planning a union of one branch
per shared record. For the public the ranking is stored the first time a visitor opens the
page under a stamp (``caching.counts.stamp``: release, catalog version, day), in
``RelatedSummary`` (one row per document, replaced in place), and read back by the
statement that reads the document itself (``annotation``), so a page read again spends no
query on it and the first read one more (the write). Every write to the catalog changes
the version and restrictions lift by the day, so a ranking is never read under another
stamp than the one it was ranked for. Staff, who see drafts, get it ranked afresh and
nothing is stored, as with the stored lists (``caching.summaries``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS
from django.db.models import JSONField, OuterRef, Subquery

from catalog.caching import counts
from catalog.models import Document, RelatedSummary
from catalog.related.computed import SHOWN, Related
from catalog.views.pages import sees_drafts

#: Where the stored ranking, when read with the document, is found on it.
ANNOTATION = "_related_stored"


def annotation(stamp: str) -> Subquery:
    """The ranking stored for the outer document under ``stamp`` (NULL when none)."""
    found = RelatedSummary.objects.filter(document=OuterRef("pk"), stamp=stamp).values("data")
    return Subquery(found[:1], output_field=JSONField())


def dump(found: list[Related]) -> list[dict]:
    """``found`` as JSON: each document's shown columns, score and what it shares."""
    return [
        {
            "document": {name: getattr(related.document, name) for name in SHOWN},
            "score": related.score,
            "shared": {str(kind): labels for kind, labels in related.shared.items()},
        }
        for related in found
    ]


def load(data: list[dict]) -> list[Related]:
    """What ``dump`` gave, as ``related_documents`` gives it."""
    found = []
    for row in data:
        columns = [row["document"][name] for name in SHOWN]
        document = Document.from_db(DEFAULT_DB_ALIAS, list(SHOWN), columns)
        document.score = row["score"]
        shared = {int(kind): labels for kind, labels in row["shared"].items()}
        found.append(Related(document, row["score"], shared))
    return found


def related_for_page(request, document: Document, rank: Callable[[], list[Related]]):
    """The related documents of ``document`` for this request: as stored under its stamp
    when the document was read with them (``annotation``), else ``rank()``, stored for the
    public."""
    if request is None or sees_drafts(getattr(request, "user", None)):
        return rank()
    data = getattr(document, ANNOTATION, None)
    if data is not None:
        return load(data)
    found = rank()
    # Replaced in place; two workers storing the same stamp store the same ranking.
    RelatedSummary.objects.bulk_create(
        [RelatedSummary(document=document, stamp=counts.stamp(request), data=dump(found))],
        update_conflicts=True,
        unique_fields=["document"],
        update_fields=["stamp", "data"],
    )
    return found


__all__ = ["ANNOTATION", "annotation", "related_for_page"]
