"""Hierarchies of records (agencies within agencies, places within places) without loops.

A record cannot be part of itself, directly or through others: every entry point (admin
forms and annotation files through ``clean``, the CSV importer through ``ParentGraph``,
merges) refuses a parent that would close a loop. Every walk up a hierarchy is bounded by
``MAX_DEPTH`` and stops at a record seen before, so that a loop already in a database (from
before this check) can never hang a worker.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

# No real hierarchy of agencies or places is this deep; a chain longer than this is a loop
# or a mistake, and is refused rather than walked.
MAX_DEPTH = 100


def loop_message(record_label: str) -> str:
    return f"This would make “{record_label}” part of itself: its parent is already part of it."


class ParentGraph:
    """Parent links of one model, held in memory: for checking many changes at once.

    The importer loads the whole table's (pk, parent) pairs once per file (two integers a
    record), applies each proposed change, and refuses one that closes a loop.
    """

    def __init__(self, model: type[models.Model], field: str = "parent_id"):
        self.parents: dict[int, int | None] = dict(model._default_manager.values_list("pk", field))

    def closes_loop(self, pk: int | None, parent: int | None) -> bool:
        """Would ``pk`` with ``parent`` as parent be part of itself (or sit on a loop)?"""
        if parent is None:
            return False
        if pk is not None and parent == pk:
            return True
        seen, node = {pk}, parent
        for _ in range(MAX_DEPTH):
            node = self.parents.get(node)
            if node is None:
                return False
            if node in seen:
                return True
            seen.add(node)
        return True

    def set(self, pk: int, parent: int | None) -> None:
        self.parents[pk] = parent


def ancestor_ids(model: type[models.Model], parent_id: int | None) -> tuple[list[int], bool]:
    """The chain of ancestors from ``parent_id`` up, one query a level, and whether it ends.

    ``False`` when the chain loops or is deeper than ``MAX_DEPTH``.
    """
    chain: list[int] = []
    node = parent_id
    while node is not None:
        if node in chain or len(chain) >= MAX_DEPTH:
            return chain, False
        chain.append(node)
        node = model._default_manager.filter(pk=node).values_list("parent_id", flat=True).first()
    return chain, True


class Hierarchical(models.Model):
    """A record with a ``parent`` of its own kind; ``clean`` refuses a loop."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        chain, ends = ancestor_ids(type(self), self.parent_id)
        if self.pk is not None and self.pk in chain:
            raise ValidationError({"parent": loop_message(str(self))})
        if not ends:
            raise ValidationError(
                {
                    "parent": f"The chain of parents above this one loops or is deeper than "
                    f"{MAX_DEPTH}; correct the parents above it first."
                }
            )

    def ancestors(self) -> list:
        """The records above this one, nearest first; bounded and safe on a loop."""
        chain, node = [], self.parent
        while node is not None and node.pk != self.pk and node not in chain:
            if len(chain) >= MAX_DEPTH:
                break
            chain.append(node)
            node = node.parent
        return chain
