"""Building the load's secondary indexes once, after the rows are in, rather than row by row.

Each audit record written goes into eleven indexes, each person into a trigram index; over 100,000 cases
(28 million rows, most of them in tables far larger than the database's memory) keeping them in step row by
row made PostgreSQL, not Python, the bottleneck, and each thousand cases slower than the last. Building an
index over rows already written is a sort, many times cheaper (it is what pg_restore does).

Only plain indexes are set aside: the primary keys, unique indexes and the indexes behind constraints stay, so
every row is still checked as the application would check it. The indexes are made again from PostgreSQL's
own definition of each (`pg_get_indexdef`), so they are exactly what the migrations built, partial and trigram
indexes included. SQLite keeps its indexes: its loads are small.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, models

# For the builds only, in this session: more memory sorts an index in one pass (the server's default is 64 MB).
BUILD_MEMORY = "512MB"


def set_aside(tables: Iterable[type[models.Model]]) -> list[tuple[str, str]]:
    """The plain secondary indexes of `tables` (name and definition), dropped; none on SQLite."""
    names = [model._meta.db_table for model in tables]
    if connection.vendor != "postgresql" or not names:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT index.relname, pg_get_indexdef(index.oid)
                 FROM pg_index x
                 JOIN pg_class index ON index.oid = x.indexrelid
                 JOIN pg_class tbl ON tbl.oid = x.indrelid
                WHERE tbl.relname = ANY(%s) AND tbl.relnamespace = current_schema()::regnamespace
                  AND NOT x.indisprimary AND NOT x.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = index.oid)
                ORDER BY index.relname""", [names])
        indexes = [(name, definition) for name, definition in cursor.fetchall()]
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return indexes


def build(indexes: list[tuple[str, str]]) -> None:
    """Make the indexes `set_aside` returned again."""
    if not indexes:
        return
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Inside a caller's transaction (a test's) the rows' deferred key checks are still pending, and
            # PostgreSQL builds no index on a table with pending checks: run them now, as the commit would.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SELECT current_setting('maintenance_work_mem')")
        before = cursor.fetchone()[0]
        cursor.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
        try:
            for _name, definition in indexes:
                cursor.execute(definition)
        finally:
            cursor.execute("SELECT set_config('maintenance_work_mem', %s, false)", [before])


@contextmanager
def built_after(tables: Iterable[type[models.Model]]) -> Iterator[list[tuple[str, str]]]:
    """Drop the plain indexes of `tables` for the body and build them again when it ends, however it ends (a
    load stopped with Ctrl-C leaves the indexes whole). Yields what it set aside."""
    indexes = set_aside(tables)
    try:
        yield indexes
    finally:
        build(indexes)
