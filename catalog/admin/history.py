"""Change history in the admin: who changed which field, from what to what.

django-simple-history's history page lists a record's versions with a per-field
"Changes" column. Here we leave out the bookkeeping field ``modified`` (it
changes on every save and would drown the real changes), and add to a record's
history the changes made to its parts — a document's texts, references and
mentions; a person's names and offices; an event's participants and evidence —
since those are edited inline on the same page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, Q
from simple_history.template_utils import HistoricalRecordContextHelper

#: Fields whose changes say nothing to an archivist.
UNSHOWN_FIELDS = ["modified"]


def linked_names(field, ids) -> str:
    """The records behind ``ids`` by name, e.g. "Baghdad, Berlin"; "—" for none."""
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return "—"
    found = field.related_model._default_manager.in_bulk(ids)
    names = [str(found[pk]) if pk in found else f"#{pk} (deleted)" for pk in ids]
    return ", ".join(sorted(names))


class ChangeDisplay(HistoricalRecordContextHelper):
    """Shows a change as the archivist knows the values: "Draft", not "draft"; "—" for blank;
    linked records (places, persons, languages) by name, not by database id."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            return linked_names(field, super().prepare_delta_change_value(change, value))
        if field.many_to_one or field.one_to_one:
            return linked_names(field, [value])
        if field.choices and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        if value in (None, ""):
            return "—"
        return super().prepare_delta_change_value(change, value)


def field_changes(model: type[Model], record, previous) -> list[dict]:
    """The changed fields between two historical records, as the history page shows them."""
    delta = record.diff_against(previous, excluded_fields=UNSHOWN_FIELDS)
    return ChangeDisplay(model, record).context_for_delta_changes(delta)


@dataclass(frozen=True)
class RelatedHistory:
    """Where to find the history of a record's parts, e.g. a document's translations."""

    model: type[Model]
    label: str
    #: The filter on the part's historical records, given the record they belong to.
    lookup: Callable[[Model], Q]
    describe: Callable[[Model], str] = str
    select_related: tuple[str, ...] = field(default=())


@dataclass
class RelatedChange:
    label: str
    record: Model
    description: str
    changes: list[dict]


def related_changes(obj: Model, sources: tuple[RelatedHistory, ...], limit: int = 200):
    """The latest changes to ``obj``'s parts, newest first, each with its field changes.

    One query per kind of part: versions are diffed against the previous version of
    the same part in memory, rather than asking the database for each one.
    """
    rows: list[RelatedChange] = []
    for source in sources:
        history = source.model.history.model
        records = (
            history.objects.filter(source.lookup(obj))
            .select_related("history_user", *source.select_related)
            .order_by("id", "history_date", "history_id")
        )
        previous: dict[int, Model] = {}
        for record in records:
            before = previous.get(record.id)
            changes = []
            if before is not None and record.history_type == "~":
                changes = field_changes(source.model, record, before)
            previous[record.id] = record
            rows.append(RelatedChange(source.label, record, source.describe(record), changes))
    rows.sort(key=lambda row: row.record.history_date, reverse=True)
    return rows[:limit]
