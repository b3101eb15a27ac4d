"""Hierarchies on the public pages: the rows of an indented tree, and what lies below a
record. Both work on records already loaded (one query), and stop at a record seen before,
so that a loop left in a database cannot hang a worker."""

from collections import defaultdict
from collections.abc import Iterable


def descendants(pairs: Iterable[tuple[int, int | None]], root: int) -> set[int]:
    """``root`` and every record below it, from (pk, parent pk) pairs."""
    children = defaultdict(list)
    for pk, parent_id in pairs:
        children[parent_id].append(pk)
    found, todo = {root}, [root]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def tree_rows(records: list) -> list[tuple[object, int]]:
    """(record, depth) for each record, each under its parent, in the order given; a record
    whose parent is not among ``records`` starts a tree of its own."""
    known = {record.pk for record in records}
    children = defaultdict(list)
    for record in records:
        children[record.parent_id if record.parent_id in known else None].append(record)
    rows, seen = [], set()

    def walk(record, depth):
        if record.pk in seen:
            return
        seen.add(record.pk)
        rows.append((record, depth))
        for child in children[record.pk]:
            walk(child, depth + 1)

    for record in children[None]:
        walk(record, 0)
    return rows
