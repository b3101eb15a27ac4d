"""What the repository holds, and how a list of it is paged.

Items are documents (``oai_dc`` and ``ead``), persons and agencies (``eac-cpf``), with
identifiers ``oai:<namespace>:document/<id>`` built from the database id, which no
rename changes. A record's datestamp is its last change (``modified``).

Deleted records come from django-simple-history: a record that is a draft now but was
ever published (unpublished), or whose row is gone and whose history shows it published
(merged into another record, or deleted). The history can be bypassed (imports run
without history, the synthetic fixture), so the repository declares its deletions
``transient``: it reports every deletion its history shows, and promises no more.

A document or person withheld whole (``catalog.restrictions``) is reported deleted, like an
unpublished record: a harvester that has it drops it, and none gets its metadata. Placing
or removing the restriction, and ``lift_restrictions`` recording its lift, move the record's
datestamp (``catalog.restrictions.indexing.touch``), so an incremental harvest learns of both.

Lists are ordered by (datestamp, kind, id) and paged by keyset: a page starts after the
last entry of the one before, so records that change during a harvest move to its end
(and are harvested again there) instead of shifting the pages, as offsets would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, Max, Min, OuterRef, Q

from catalog.models import Agency, CollectionDocument, Document, Person, Status
from catalog.restrictions import public

FORMATS_BY_KIND = {
    "document": ("oai_dc", "ead"),
    "person": ("eac-cpf",),
    "agency": ("eac-cpf",),
}


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    order: int

    @property
    def formats(self) -> tuple[str, ...]:
        return FORMATS_BY_KIND[self.name]


KINDS = (Kind("document", Document, 0), Kind("person", Person, 1), Kind("agency", Agency, 2))
KIND_NAMED = {kind.name: kind for kind in KINDS}
SET_FIELDS = {"subject": "subjects", "place": "places", "collection": "collections"}


def namespace() -> str:
    return getattr(settings, "OAI_NAMESPACE", "liaison.catalog")


def identifier(kind: Kind, pk: int) -> str:
    return f"oai:{namespace()}:{kind.name}/{pk}"


def parse_identifier(value: str) -> tuple[Kind, int] | None:
    prefix = f"oai:{namespace()}:"
    if not value.startswith(prefix):
        return None
    name, slash, number = value[len(prefix) :].partition("/")
    if not slash or name not in KIND_NAMED or not number.isdigit() or len(number) > 18:
        return None
    return KIND_NAMED[name], int(number)


def kinds_for(prefix: str) -> list[Kind]:
    return [kind for kind in KINDS if prefix in kind.formats]


@dataclass
class Entry:
    """One item in a list: a live record, or a deleted one (``record`` may be None)."""

    kind: Kind
    pk: int
    stamp: datetime
    deleted: bool
    record: object = None

    @property
    def key(self) -> tuple:
        return (self.stamp, self.kind.order, self.pk)

    @property
    def identifier(self) -> str:
        return identifier(self.kind, self.pk)


@dataclass(frozen=True)
class Selection:
    """The arguments of a list request: format, set and the datestamp window."""

    prefix: str
    set_spec: str = ""
    since: datetime | None = None  # inclusive
    before: datetime | None = None  # exclusive: ``until`` plus its granularity


def _ever_published(kind: Kind):
    history = kind.model.history.model
    return history.objects.filter(status=Status.PUBLISHED)


def _in_set(kind: Kind, set_spec: str) -> Q | None:
    """The filter for a set on current rows; None when the kind has no such set."""
    if not set_spec:
        return Q()
    if kind.model is not Document:
        return None
    family, _, slug = set_spec.partition(":")
    field = SET_FIELDS.get(family)
    if field is None:
        return None
    if family == "collection":
        # Only a published collection is a set: a draft one selects nothing.
        published = Q(collections__status=Status.PUBLISHED)
        return published & (Q(collections__slug=slug) if slug else Q())
    return Q(**{f"{field}__slug": slug}) if slug else Q(**{f"{field}__isnull": False})


def current(kind: Kind, selection: Selection):
    """Rows of ``kind`` that are published, or drafts once published (deleted)."""
    where = _in_set(kind, selection.set_spec)
    if where is None:
        return kind.model.objects.none()
    once = _ever_published(kind).filter(id=OuterRef("pk"))
    queryset = kind.model.objects.filter(Q(status=Status.PUBLISHED) | Q(Exists(once)))
    queryset = queryset.filter(where)
    if selection.since:
        queryset = queryset.filter(modified__gte=selection.since)
    if selection.before:
        queryset = queryset.filter(modified__lt=selection.before)
    return queryset.distinct() if selection.set_spec else queryset


def removed(kind: Kind, selection: Selection):
    """(id, stamp) of rows gone from ``kind``'s table whose history shows them published.

    In a set: those whose history ever put them in it.
    """
    history = kind.model.history.model
    queryset = history.objects.filter(
        history_type="-", id__in=_ever_published(kind).values("id")
    ).exclude(id__in=kind.model.objects.values("pk"))
    if selection.set_spec:
        where = _in_set(kind, selection.set_spec)
        if where is None:
            return history.objects.none().values("id").annotate(stamp=Max("history_date"))
        family, _, slug = selection.set_spec.partition(":")
        if family == "collection":
            # The documents the collection's history ever held.
            members = CollectionDocument.history.model.objects.filter(
                collection__status=Status.PUBLISHED, **({"collection__slug": slug} if slug else {})
            )
            queryset = queryset.filter(id__in=members.values("document_id"))
            queryset = queryset.values("id").annotate(stamp=Max("history_date"))
            return _window(queryset, selection)
        relation = f"historicaldocument_{SET_FIELDS[family]}"
        target = {"subject": "subject", "place": "place"}[family]
        lookup = {f"{relation}__{target}__slug": slug} if slug else {f"{relation}__isnull": False}
        queryset = queryset.filter(id__in=history.objects.filter(**lookup).values("id"))
    queryset = queryset.values("id").annotate(stamp=Max("history_date"))
    return _window(queryset, selection)


def _window(queryset, selection: Selection):
    if selection.since:
        queryset = queryset.filter(stamp__gte=selection.since)
    if selection.before:
        queryset = queryset.filter(stamp__lt=selection.before)
    return queryset


def _after(kind: Kind, cursor: tuple | None, stamp: str, pk: str) -> Q:
    if cursor is None:
        return Q()
    when, order, last_pk = cursor
    if kind.order < order:
        return Q(**{f"{stamp}__gt": when})
    floor = last_pk if kind.order == order else 0
    return Q(**{f"{stamp}__gt": when}) | Q(**{stamp: when, f"{pk}__gt": floor})


def page(selection: Selection, cursor: tuple | None, size: int) -> tuple[list[Entry], bool]:
    """The next ``size`` entries after ``cursor``, and whether more follow.

    Two queries a kind, whatever the size of the catalog or the page.
    """
    entries: list[Entry] = []
    for kind in kinds_for(selection.prefix):
        live = current(kind, selection).filter(_after(kind, cursor, "modified", "pk"))
        for record in live.order_by("modified", "pk")[: size + 1]:
            deleted = record.status != Status.PUBLISHED or public.hides(record)
            entries.append(Entry(kind, record.pk, record.modified, deleted, record))
        gone = removed(kind, selection).filter(_after(kind, cursor, "stamp", "id"))
        for row in gone.order_by("stamp", "id")[: size + 1]:
            entries.append(Entry(kind, row["id"], row["stamp"], True))
    entries.sort(key=lambda entry: entry.key)
    return entries[:size], len(entries) > size


def count(selection: Selection) -> int:
    """The size of the whole list (two queries a kind)."""
    return sum(
        current(kind, selection).count() + removed(kind, selection).count()
        for kind in kinds_for(selection.prefix)
    )


def find(kind: Kind, pk: int) -> Entry | None:
    """The item ``kind``/``pk`` if the repository has it (published or deleted)."""
    record = current(kind, Selection(kind.formats[0])).filter(pk=pk).first()
    if record is not None:
        deleted = record.status != Status.PUBLISHED or public.hides(record)
        return Entry(kind, pk, record.modified, deleted, record)
    row = removed(kind, Selection(kind.formats[0])).filter(id=pk).order_by("id").first()
    if row is not None:
        return Entry(kind, pk, row["stamp"], True)
    return None


def earliest_datestamp() -> datetime | None:
    stamps = []
    for kind in KINDS:
        selection = Selection(kind.formats[0])
        stamps.append(current(kind, selection).aggregate(first=Min("modified"))["first"])
        # A lower bound is all Identify promises: the first deletion of any such record.
        gone = kind.model.history.model.objects.filter(
            history_type="-", id__in=_ever_published(kind).values("id")
        )
        stamps.append(gone.aggregate(first=Min("history_date"))["first"])
    stamps = [stamp for stamp in stamps if stamp is not None]
    return min(stamps) if stamps else None
