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

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

#: Compiled statements kept per connection (least recently used dropped first).
LIMIT = 256
_INT_MARKER = -982_451_653  # the first value's; the next ones count down from it


@dataclass
class Statement:
    reader: Any  # _Reader, or None for a statement written by hand
    sql: str
    params: list
    slots: list[tuple[int, int]]  # (position in params, which value)


def _markers(values) -> list:
    markers = []
    for number, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"a statement takes ints and strings, not {value!r}")
        markers.append(_INT_MARKER - number if isinstance(value, int) else f"\x00{number}\x00")
    return markers


def _compile(built, markers: list) -> Statement:
    """``built``: a queryset, or the (sql, params) of a statement written by hand."""
    if isinstance(built, tuple):
        reader, (sql, params) = None, built
    else:
        compiler = built.query.get_compiler(using=built.db)
        sql, params = compiler.as_sql()
        reader = _Reader(compiler)
    params = list(params)
    slots = [
        (position, markers.index(param))
        for position, param in enumerate(params)
        if any(param == marker and type(param) is type(marker) for marker in markers)
    ]
    missing = set(range(len(markers))) - {which for _, which in slots}
    if missing:
        raise ValueError(f"values {sorted(missing)} do not reach the SQL as parameters")
    return Statement(reader, sql, params, slots)


def _statement(connection, key, build, values) -> Statement:
    kept = connection.__dict__.setdefault("_liaison_statements", OrderedDict())
    full_key = (key, tuple(type(value) for value in values))
    statement = kept.get(full_key)
    if statement is None:
        markers = _markers(values)
        statement = _compile(build(*markers), markers)
        kept[full_key] = statement
        if len(kept) > LIMIT:
            kept.popitem(last=False)
    else:
        kept.move_to_end(full_key)
    return statement


def instances(key, build, *values, using: str = DEFAULT_DB_ALIAS) -> list:
    """The instances ``build(*values)`` (a queryset of model instances) would give, compiled
    once per connection and ``key``; ``values`` (ints or strings) must each reach the SQL as
    a parameter (they are filled in where their markers stood)."""
    connection = connections[using]
    statement = _statement(connection, key, build, values)
    params = _filled(statement, values)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        rows = cursor.fetchall()
    return statement.reader.instances(rows, using)


def sql(key, build, *values, using: str = DEFAULT_DB_ALIAS) -> tuple[str, list]:
    """The SQL and parameters ``build(*values)`` returns (an ``(sql, params)`` pair), built
    once per connection and ``key`` and filled in with ``values`` (as ``instances``)."""
    statement = _statement(connections[using], key, build, values)
    return statement.sql, _filled(statement, values)


def _filled(statement: Statement, values) -> list:
    params = list(statement.params)
    for position, which in statement.slots:
        params[position] = values[which]
    return params


class _Reader:
    """What turns a compiled queryset's rows into instances, as Django's ``ModelIterable``
    does (converters, ``select_related``, annotations), worked out once."""

    def __init__(self, compiler):
        select, klass_info = compiler.select, compiler.klass_info
        self.compiler = compiler
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
