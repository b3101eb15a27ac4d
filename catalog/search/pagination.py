"""Pages of the document list that cost the same on page 1 and page 5,000.

Date order pages by keyset ("seek"): the next page is the rows after the last
one shown, in index order (``date_earliest``, ``title``, ``id``), so the
database never counts its way through the rows before it as OFFSET would. The
cursor in the address is just the id of a document; its sort key is read back.

Relevance order pages by number: every match must be ranked anyway, and
nobody reads page 500 of a relevance ranking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

PAGE_SIZE = 20
MAX_PAGE = 500
# ``?before=last``: the last page, the one before the end of the list.
LAST = "last"


@dataclass(frozen=True)
class Key:
    field: str
    descending: bool = False
    nullable: bool = False

    def reversed(self) -> Key:
        return Key(self.field, not self.descending, self.nullable)

    def order(self, nulls_last: bool):
        expression = F(self.field)
        if not self.nullable:
            return expression.desc() if self.descending else expression.asc()
        kwargs = {"nulls_last": True} if nulls_last else {"nulls_first": True}
        return expression.desc(**kwargs) if self.descending else expression.asc(**kwargs)

    def beyond(self, value, nulls_last: bool) -> Q | None:
        """Rows that come after ``value`` in this key's order."""
        if value is None:
            return None if nulls_last else Q(**{f"{self.field}__isnull": False})
        condition = Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and nulls_last:
            condition |= Q(**{f"{self.field}__isnull": True})
        return condition

    def equal(self, value) -> Q:
        return Q(**{f"{self.field}__isnull": True} if value is None else {self.field: value})


# Undated documents come last in both date orders.
DATE_KEYS = {
    "date": (Key("date_earliest", nullable=True), Key("title"), Key("id")),
    "-date": (Key("date_earliest", descending=True, nullable=True), Key("title"), Key("id")),
}


def seek_condition(keys, values, nulls_last: bool) -> Q:
    """Rows strictly after the row whose sort key is ``values``."""
    condition, same_so_far = Q(pk__in=[]), Q()
    for key, value in zip(keys, values, strict=True):
        beyond = key.beyond(value, nulls_last)
        if beyond is not None:
            condition |= same_so_far & beyond
        same_so_far &= key.equal(value)
    return condition


@dataclass
class Page:
    object_list: list
    next: dict = field(default_factory=dict)
    previous: dict = field(default_factory=dict)
    number: int | None = None
    last: int | None = None  # the number of the last page, when pages are numbered


def keyset_page(
    queryset: QuerySet, sort: str, after: str | None = None, before: str | None = None
) -> Page:
    """A page in date order, after (or before) the document with that id, or the last page."""
    keys = DATE_KEYS[sort]
    cursor_id = after or before
    cursor = None
    if cursor_id and str(cursor_id).isdigit():
        # Any document's key will do as a cursor: it says where, not what.
        fields = [key.field for key in keys]
        cursor = queryset.model._base_manager.filter(pk=cursor_id).values_list(*fields).first()
    at_end = before == LAST and not after
    backwards = (cursor is not None or at_end) and before is not None and not after
    if backwards:
        keys = tuple(key.reversed() for key in keys)
    nulls_last = not backwards
    rows = queryset.order_by(*(key.order(nulls_last) for key in keys))
    if cursor is not None:
        rows = rows.filter(seek_condition(keys, cursor, nulls_last))
    rows = list(rows[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if backwards:
        rows.reverse()
    page = Page(rows)
    # Going backwards, "more" means more rows before these ones.
    if rows and (not at_end if backwards else more):
        page.next = {"after": rows[-1].pk}
    if rows and (more if backwards else cursor is not None):
        page.previous = {"before": rows[0].pk}
    return page


def numbered_page(fetch: Callable[[int, int], list], number: str | None) -> Page:
    """A page by number, for relevance order; ``fetch(offset, limit)`` gives the rows."""
    try:
        number = min(max(int(number or 1), 1), MAX_PAGE)
    except ValueError:
        number = 1
    rows = fetch((number - 1) * PAGE_SIZE, PAGE_SIZE + 1)
    page = Page(rows[:PAGE_SIZE], number=number)
    if len(rows) > PAGE_SIZE and number < MAX_PAGE:
        page.next = {"page": number + 1}
    if number > 1:
        page.previous = {"page": number - 1}
    return page
