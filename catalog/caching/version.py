"""The catalog version: read once per request, replaced after every write to the catalog.

Every INSERT, UPDATE or DELETE on a ``catalog_`` table (other than the change history,
which only ever accompanies another write, the version's own row, the counts and summaries
stored under it for the public lists (``caching.counts``, ``caching.summaries``), the network
stored under it (``views.network.stored``), and the suggestions, which no public page shows)
marks its transaction; when that transaction commits, the version gets a new random token,
once per transaction. Random rather than counted, so that a rolled-back transaction or a
restored backup never brings back a token that was already used with other content.

Why after the commit, not in the transaction: the version is one row, and a transaction that
updates it holds that row's lock until it ends. With the bump inside every write, a long
import held it for minutes and every other writer (an admin save) waited for it on
PostgreSQL. After the commit, the bump is a transaction of its own, a single-row update that
waits for nobody's open transaction. It is still safe: the new token is written only once
the data is visible, so a page computed under it shows the data; a page computed between the
commit and the bump shows the data too and is merely stored under the old token, which the
bump then retires. A write outside any transaction (autocommit) has committed when its
statement returns, and is followed by the bump at once.

The one gap: if the process dies between the commit and the bump, cached pages can show the
old catalog until the next write or until they expire (``CACHE_SECONDS``).
"""

import functools
import re
import uuid

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

from catalog.models import CatalogVersion, ListCount, ListSummary, NetworkEdge, RelatedSummary

TABLE = CatalogVersion._meta.db_table
# Counts stored for the public lists under the version itself (``caching.counts``).
STORED_COUNTS = ListCount._meta.db_table
# And the network of agencies (``views.network.stored``).
STORED_NETWORK = NetworkEdge._meta.db_table
# Totals, facets and counts stored whole for the public (``caching.summaries``), the same way.
STORED_SUMMARIES = ListSummary._meta.db_table
# And each document's related documents (``related.stored``).
STORED_RELATED = RelatedSummary._meta.db_table
WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)""",
    re.IGNORECASE,
)


def changes_catalog(sql: str) -> bool:
    match = WRITE.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    return (
        table.startswith("catalog_")
        and table not in (TABLE, STORED_COUNTS, STORED_NETWORK, STORED_SUMMARIES, STORED_RELATED)
        and "_historical" not in table
        # Suggestions are the archivists' work queue: no public page shows them.
        and not table.startswith("catalog_suggestion")
    )


def bump(using: str = DEFAULT_DB_ALIAS) -> str:
    """Give the catalog a new version token, and return it."""
    token = uuid.uuid4().hex
    versions = CatalogVersion.objects.using(using)
    if not versions.filter(pk=1).update(token=token):
        versions.bulk_create([CatalogVersion(pk=1, token=token)], ignore_conflicts=True)
        versions.filter(pk=1).update(token=token)
    return token


def current(using: str = DEFAULT_DB_ALIAS) -> str:
    """The catalog's version token now (one query).

    Plain SQL rather than a queryset: a page served whole from the cache costs this query
    and little else, and building the queryset took longer than running it."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")  # noqa: S608 - our table
        row = cursor.fetchone()
    return row[0] if row else bump(using)


def _has_table(connection) -> bool:
    # Before the migration that creates it (a fresh database being migrated) there is
    # nothing to bump; once the table is there, it stays.
    if not getattr(connection, "_liaison_version_table", False):
        connection._liaison_version_table = TABLE in connection.introspection.table_names()
    return connection._liaison_version_table


def bump_after_commit(connection) -> None:
    """A new version once the transaction ``connection`` is in commits; at once outside one.

    Called on every write, so it must cost nothing once the transaction has asked for its
    bump. The marker is the connection's list of commit hooks in which the bump was
    registered: Django replaces that list by a new one when the transaction commits or rolls
    back, and when a savepoint rolls back (dropping the hooks registered inside it). While
    the list is the same, the bump is in it; once it is another, one look through the new
    list tells whether the bump survived, and the marker follows it. So a transaction with
    many writes (a large import) costs one look, plus one per savepoint rolled back, rather
    than a look through every hook at every write.
    """
    if not connection.in_atomic_block:
        # Autocommit: the statement's change is committed already. (Under manual
        # transaction management, set_autocommit(False), the bump joins that transaction.)
        bump(connection.alias)
        return
    hooks = connection.run_on_commit
    if getattr(connection, "_liaison_bump_hooks", None) is hooks:
        return
    hook = getattr(connection, "_liaison_bump", None)
    if hook is None:
        hook = connection._liaison_bump = functools.partial(bump, connection.alias)
    if not any(entry[1] is hook for entry in hooks):
        connection.on_commit(hook)
    connection._liaison_bump_hooks = connection.run_on_commit


def note_writes(execute, sql, params, many, context):
    """An execute wrapper: a statement that changes the catalog asks for a new version."""
    result = execute(sql, params, many, context)
    connection = context["connection"]
    if changes_catalog(sql) and _has_table(connection):
        bump_after_commit(connection)
    return result


def watch(sender, connection, **kwargs) -> None:
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


def watch_all() -> None:
    """Watch every connection, those open already and those opened later."""
    connection_created.connect(watch, dispatch_uid="liaison-catalog-version")
    for connection in connections.all(initialized_only=True):
        watch(None, connection)
