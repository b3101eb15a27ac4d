"""New records, their change history and their links, inserted in bulk at the database's pace.

``QuerySet.bulk_create`` compiles every value of every row through the ORM's SQL compiler;
for an import of thousands of documents (some thirty columns each, a historical row each, a
dozen links each) that compiling took most of the time left once dates were read quickly.
Here each value is still prepared by its model field (``pre_save``, ``get_db_prep_save``:
the same values ``bulk_create`` stores) but the statement is written once per batch, and the
new ids come back with ``RETURNING``, as ``bulk_create`` gets them. Like ``bulk_create``, it
sends no signals; callers recompute derived fields and the search index themselves.

History rows are built as django-simple-history's ``bulk_history_create`` builds them (the
same user, reason, type and tracked fields), and inserted the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections, router
from django.db.models import Field
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object, get_history_manager_for_model


def insert(model, instances: list) -> None:
    """INSERT ``instances`` (new, unsaved) of ``model`` and give each its primary key."""
    if not instances:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.pk or not f.db_returning]
    returning = meta.pk if meta.pk not in fields else None
    if (returning is not None and not connection.features.can_return_rows_from_bulk_insert) or any(
        hasattr(f, "get_placeholder") for f in fields
    ):
        model._default_manager.using(alias).bulk_create(instances)  # Django's own way
        return
    preparers = [_preparer(f, connection) for f in fields]
    rows = [
        [prepare(f.pre_save(instance, True)) for f, prepare in zip(fields, preparers, strict=True)]
        for instance in instances
    ]
    pks = _insert_rows(connection, meta.db_table, fields, rows, returning)
    for instance, pk in zip(instances, pks, strict=bool(pks)):
        instance.pk = pk
    for instance in instances:
        instance._state.adding, instance._state.db = False, alias


# Fields whose database value is the Python value itself when it has the plain type: Django's
# preparation would only check that it is a str (text) or an int (numbers, links by id).
_TEXT = {"CharField", "TextField", "SlugField", "URLField", "EmailField"}
_NUMBER = {"IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "BigIntegerField",
           "SmallIntegerField", "AutoField", "BigAutoField"}  # fmt: skip


def _preparer(field, connection):
    """``field.get_db_prep_save`` for one value, skipped for values it would return as is."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    plain = str if kind in _TEXT else int if kind in _NUMBER else None
    # Ids and counts: Django's own integer fields only turn the value into an int.
    stock = kind in _NUMBER or (
        type(target).get_db_prep_save is Field.get_db_prep_save
        and type(target).get_db_prep_value is Field.get_db_prep_value
    )

    def prepare(value):
        if plain is not None and stock and type(value) is plain:
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def insert_links(through, source: str, target: str, pairs: list[tuple[int, int]]) -> None:
    """INSERT many-to-many rows of ``through`` from (source id, target id) pairs."""
    if not pairs:
        return
    connection = connections[router.db_for_write(through)]
    fields = [through._meta.get_field(source), through._meta.get_field(target)]
    _insert_rows(connection, through._meta.db_table, fields, pairs, None)


def _insert_rows(connection, table: str, fields: list, rows: list, returning) -> list:
    """Multi-row INSERT statements of at most the backend's batch size; the new ids if asked."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    suffix = f" RETURNING {quote(returning.column)}" if returning is not None else ""
    # The backend's own limit (SQLite: 999 parameters), and PostgreSQL's 65,535 parameters.
    size = max(min(connection.ops.bulk_batch_size(fields, rows), 65_535 // len(fields)), 1)
    pks = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join([one_row] * len(batch))
            # Table and column names from the model's metadata; every value is a parameter.
            sql = f"INSERT INTO {quote(table)} ({columns}) VALUES {values}{suffix}"  # noqa: S608
            cursor.execute(sql, [value for row in batch for value in row])
            if returning is not None:
                pks.extend(pk for (pk,) in cursor.fetchall())
    return pks


def insert_history(model, instances: list, *, user, reason: str) -> None:
    """The "created" history rows of ``instances``, as ``bulk_create_with_history`` writes
    them after the records: the same user, reason, type, date and tracked values, without a
    historical model instance for each row."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not instances:
        return
    history = get_history_manager_for_model(model).model
    meta = history._meta
    tracked = [f.attname for f in history.tracked_fields]
    relation = hasattr(history, "history_relation")
    fields = [f for f in meta.concrete_fields if f is not meta.pk]
    own = {"history_date", "history_change_reason", "history_type", "history_user_id"}
    known = own | set(tracked) | ({"history_relation_id"} if relation else set())
    if any(f.attname not in known for f in fields) or not meta.pk.db_returning:
        insert(history, [_history_instance(history, i, tracked, user, reason) for i in instances])
        return
    connection = connections[router.db_for_write(history)]
    preparers = [_preparer(f, connection) for f in fields]
    rows = []
    for instance in instances:
        values = {attname: getattr(instance, attname) for attname in tracked}
        actor = getattr(instance, "_history_user", user)
        values["history_date"] = getattr(instance, "_history_date", timezone.now())
        values["history_user_id"] = actor.pk if actor is not None else None
        values["history_change_reason"] = get_change_reason_from_object(instance) or reason
        values["history_type"] = "+"
        if relation:
            values["history_relation_id"] = instance.pk
        rows.append(
            [prepare(values[f.attname]) for f, prepare in zip(fields, preparers, strict=True)]
        )
    _insert_rows(connection, meta.db_table, fields, rows, None)


def _history_instance(history, instance, tracked, user, reason):
    row = history(
        history_date=getattr(instance, "_history_date", timezone.now()),
        history_user=getattr(instance, "_history_user", user),
        history_change_reason=get_change_reason_from_object(instance) or reason,
        history_type="+",
        **{attname: getattr(instance, attname) for attname in tracked},
    )
    if hasattr(history, "history_relation"):
        row.history_relation_id = instance.pk
    return row
