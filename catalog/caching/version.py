"""The catalog version: read once per request, replaced by every write to the catalog.

Every INSERT, UPDATE or DELETE on a ``catalog_`` table (other than the change history,
which only ever accompanies another write, and the version's own row) is followed, on the
same connection and so in the same transaction, by a new random token. Random rather than
counted, so that a rolled-back transaction or a restored backup never brings back a token
that was already used with other content.
"""

import re
import uuid

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

from catalog.models import CatalogVersion

TABLE = CatalogVersion._meta.db_table
WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)""",
    re.IGNORECASE,
)


def changes_catalog(sql: str) -> bool:
    match = WRITE.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    return table.startswith("catalog_") and table != TABLE and "_historical" not in table


def bump(using: str = DEFAULT_DB_ALIAS) -> str:
    """Give the catalog a new version token, and return it."""
    token = uuid.uuid4().hex
    versions = CatalogVersion.objects.using(using)
    if not versions.filter(pk=1).update(token=token):
        versions.bulk_create([CatalogVersion(pk=1, token=token)], ignore_conflicts=True)
        versions.filter(pk=1).update(token=token)
    return token


def current(using: str = DEFAULT_DB_ALIAS) -> str:
    """The catalog's version token now (one query)."""
    token = CatalogVersion.objects.using(using).filter(pk=1).values_list("token", flat=True)
    return token.first() or bump(using)


def _has_table(connection) -> bool:
    # Before the migration that creates it (a fresh database being migrated) there is
    # nothing to bump; once the table is there, it stays.
    if not getattr(connection, "_liaison_version_table", False):
        connection._liaison_version_table = TABLE in connection.introspection.table_names()
    return connection._liaison_version_table


def note_writes(execute, sql, params, many, context):
    """An execute wrapper: after a statement that changes the catalog, a new version."""
    result = execute(sql, params, many, context)
    connection = context["connection"]
    if changes_catalog(sql) and _has_table(connection):
        bump(connection.alias)
    return result


def watch(sender, connection, **kwargs) -> None:
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


def watch_all() -> None:
    """Watch every connection, those open already and those opened later."""
    connection_created.connect(watch, dispatch_uid="liaison-catalog-version")
    for connection in connections.all(initialized_only=True):
        watch(None, connection)
