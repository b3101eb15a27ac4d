"""Querysets compiled once per connection and run again with other values.

On a document's page Django spent more time building and compiling its querysets than the
database spent answering them (profiled on SQLite: the statements themselves were about 2%
of the page). A statement here is built once with markers in place of the values that change
from one request to the next (a document's id, a slug), compiled to SQL and kept; each
request runs that SQL with its own values and turns the rows into instances as the queryset
would have (``select_related`` and annotations included; ``prefetch_related`` is not run).

Whatever else shapes the SQL (whether the reader sees drafts, the withheld view's ids) is
part of the ``key`` the caller gives, so another shape is compiled anew: a condition built
per request (``visible_q``) is a ``Q``, which compares and hashes by its content.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

#: Compiled statements kept per connection (least recently used dropped first).
LIMIT = 256
_INT_MARKER = -982_451_653  # the first value's; the next ones count down from it
_DATE_MARKER = datetime.date(1, 1, 3)  # likewise, a day later each


@dataclass
class Statement:
    reader: Any  # _Reader, or None for a statement written by hand
    sql: str
    params: list
    slots: list[tuple[int, int, bool]]  # (position in params, which value, as a date column)


def _markers(values) -> list:
    markers = []
    for number, value in enumerate(values):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            markers.append(_DATE_MARKER + datetime.timedelta(days=number))
        elif isinstance(value, int) and not isinstance(value, bool):
            markers.append(_INT_MARKER - number)
        elif isinstance(value, str):
            markers.append(f"\x00{number}\x00")
        else:
            raise TypeError(f"a statement takes ints, strings and dates, not {value!r}")
    return markers


def _slot(param, markers: list, ops) -> tuple[int, bool] | None:
    """(which value, as a date column) when ``param`` stands for one of the values."""
    for which, marker in enumerate(markers):
        if param == marker and type(param) is type(marker):
            return which, False
        if isinstance(marker, datetime.date):
            # A date reaches the SQL as the backend stores it (a string on SQLite).
            adapted = ops.adapt_datefield_value(marker)
            if param == adapted and type(param) is type(adapted):
                return which, True
    return None


def _compile(built, markers: list, connection) -> Statement:
    """``built``: a queryset, or the (sql, params) of a statement written by hand."""
    if isinstance(built, tuple):
        reader, (sql, params) = None, built
    else:
        compiler = built.query.get_compiler(using=built.db)
        sql, params = compiler.as_sql()
        reader = _Reader(compiler)
    params = list(params)
    slots = []
    for position, param in enumerate(params):
        found = _slot(param, markers, connection.ops)
        if found is not None:
            slots.append((position, *found))
    missing = set(range(len(markers))) - {which for _, which, _ in slots}
    if missing:
        raise ValueError(f"values {sorted(missing)} do not reach the SQL as parameters")
    return Statement(reader, sql, params, slots)


def _statement(connection, key, build, values) -> Statement:
    kept = connection.__dict__.setdefault("_liaison_statements", OrderedDict())
    full_key = (key, tuple(type(value) for value in values))
    statement = kept.get(full_key)
    if statement is None:
        markers = _markers(values)
        statement = _compile(build(*markers), markers, connection)
        kept[full_key] = statement
        if len(kept) > LIMIT:
            kept.popitem(last=False)
    else:
        kept.move_to_end(full_key)
    return statement


def instances(key, build, *values, using: str = DEFAULT_DB_ALIAS) -> list:
    """The instances ``build(*values)`` (a queryset of model instances) would give, compiled
    once per connection and ``key``; ``values`` (ints, strings or dates) must each reach the SQL as
    a parameter (they are filled in where their markers stood)."""
    connection = connections[using]
    statement = _statement(connection, key, build, values)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, _filled(statement, values, connection))
        rows = cursor.fetchall()
    return statement.reader.instances(rows, using)


def rows(key, build, *values, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
    """The tuples ``build(*values)`` (a ``values_list`` queryset, unions included) would
    give, compiled once per connection and ``key`` (as ``instances``)."""
    connection = connections[using]
    statement = _statement(connection, key, build, values)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, _filled(statement, values, connection))
        found = cursor.fetchall()
    return list(statement.reader.compiler.results_iter([found], tuple_expected=True))


def sql(key, build, *values, using: str = DEFAULT_DB_ALIAS) -> tuple[str, list]:
    """The SQL and parameters ``build(*values)`` returns (an ``(sql, params)`` pair), built
    once per connection and ``key`` and filled in with ``values`` (as ``instances``)."""
    connection = connections[using]
    statement = _statement(connection, key, build, values)
    return statement.sql, _filled(statement, values, connection)


def _filled(statement: Statement, values, connection) -> list:
    params = list(statement.params)
    for position, which, as_date in statement.slots:
        value = values[which]
        params[position] = connection.ops.adapt_datefield_value(value) if as_date else value
    return params


class _Reader:
    """What turns a compiled queryset's rows into instances, as Django's ``ModelIterable``
    does (converters, ``select_related``, annotations), worked out once."""

    def __init__(self, compiler):
        select, klass_info = compiler.select, compiler.klass_info
        self.compiler = compiler
        if klass_info is None:  # a values() or values_list() query: rows() reads it
            return
        self.converters = compiler.get_converters(
            [column[0] for column in select[: compiler.col_count]]
        )
        self.annotations = list(compiler.annotation_col_map.items())
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.names = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, compiler.using)

    def instances(self, rows, db) -> list:
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        found = []
        start, end, names, from_db = self.start, self.end, self.names, self.model.from_db
        for row in rows:
            record = from_db(db, names, row[start:end])
            for populator in self.populators:
                populator.populate(row, record)
            for name, position in self.annotations:
                setattr(record, name, row[position])
            found.append(record)
        return found
