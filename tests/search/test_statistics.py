"""The planner's statistics are refreshed after the commands that write many rows."""

from io import StringIO

from django.core.management import call_command
from django.db import connection


def analysed_tables() -> set[str]:
    """The catalog tables the planner has statistics for."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if "sqlite_stat1" not in connection.introspection.table_names(cursor):
                return set()
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        else:
            # reltuples is -1 until a table is first analysed (PostgreSQL 14 and later),
            # and 0 when an empty table was never analysed before.
            cursor.execute(
                "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > 0 "
                "AND relname LIKE 'catalog_%%'"
            )
        return {name for (name,) in cursor.fetchall()}


def test_generating_a_catalog_leaves_statistics_for_the_planner(db):
    assert "catalog_mention" not in analysed_tables()
    call_command("generate_catalog", documents=30, stdout=StringIO())
    analysed = analysed_tables()
    assert {"catalog_document", "catalog_mention", "catalog_person"} <= analysed


def test_rebuilding_the_index_refreshes_statistics(db):
    call_command("generate_catalog", documents=30, stdout=StringIO())
    call_command("rebuild_search_index", stdout=StringIO())
    assert "catalog_document_search" in analysed_tables()
