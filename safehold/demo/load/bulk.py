"""Writing millions of rows fast: keys reserved up front, rows as plain tuples, COPY on PostgreSQL.

Django's `bulk_create` builds a model instance and prepares every value through its field, about a third of a
millisecond a row here: 100,000 cases with their people, maps and plans (seven million rows) would take most
of an hour. Plain tuples with keys reserved from the table's sequence, sent with COPY (PostgreSQL) or
`executemany` (SQLite), take a fraction of that. The rows must hold database values (JSON as text); only dates,
times and UUIDs are converted for SQLite.
"""

from __future__ import annotations

import json
import uuid
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from django.db import connection, models
from django.utils import timezone


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` new primary keys for `model`'s table, taken as the database would give them."""
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (the model's table)  # nosec B608
        top = cursor.fetchone()[0]
    return list(range(top + 1, top + n + 1))


def insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (values of `fields`, in that order) into `model`'s table. Every other field that may not be
    empty gets its default or the empty text (a callable default is called once for all rows); a field with
    neither is an error. Returns the number of rows."""
    given = [cast(models.Field, model._meta.get_field(name)) for name in fields]
    names = {field.name for field in given}
    filled: list[tuple[models.Field, Any]] = []
    for field in model._meta.concrete_fields:
        if field.name in names or field.primary_key or field.null:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            filled.append((field, timezone.now()))
        elif isinstance(field, models.JSONField):  # the column takes JSON text, COPY included
            filled.append((field, json.dumps(field.get_default())))
        elif field.has_default() or (field.blank and field.empty_strings_allowed):
            filled.append((field, field.get_default()))
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value")
    columns = [field.column for field in given] + [field.column for field, _value in filled]
    extra = tuple(value for _field, value in filled)
    table = model._meta.db_table
    count = 0
    quoted = ", ".join(f'"{column}"' for column in columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row((*row, *extra))
                count += 1
        return count
    extra = tuple(_for_sqlite(value) for value in extra)
    marks = ", ".join("%s" for _column in columns)
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'  # noqa: S608 (names from the model)  # nosec B608
    prepared = [(*(_for_sqlite(value) for value in row), *extra) for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
    return len(prepared)


def _for_sqlite(value: Any) -> Any:
    """What Django's SQLite backend would store for `value`."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


# A batch's rows: for each table, its fields and the rows' values, in the order the tables were first used.
Rows = dict[type[models.Model], tuple[tuple[str, ...], list[tuple[Any, ...]]]]


class Writer:
    """Collects one batch's rows, table by table, and writes them in the order the tables were first used (so a
    table comes after those it points to). Keys are handed out before anything is written, so rows can point
    to each other while they are built."""

    BLOCK = 10_000  # keys reserved at a time

    def __init__(self) -> None:
        self._free: dict[type[models.Model], deque[int]] = {}
        self._last: dict[type[models.Model], int] = {}
        self._tables: Rows = {}
        self.written: dict[type[models.Model], None] = {}  # every table given rows, in order (a set that keeps it)

    def new_id(self, model: type[models.Model]) -> int:
        free = self._free.get(model)
        if not free:
            last = self._last.get(model)
            if connection.vendor == "postgresql" or last is None:
                free = deque(reserve_ids(model, self.BLOCK))
            else:  # SQLite gives keys from the table's highest, and the last block may not be written yet
                free = deque(range(last + 1, last + 1 + self.BLOCK))
            self._free[model] = free
        key = free.popleft()
        self._last[model] = key
        return key

    def add(self, model: type[models.Model], fields: tuple[str, ...], row: tuple[Any, ...]) -> None:
        known = self._tables.setdefault(model, (fields, []))
        if known[0] is not fields and known[0] != fields:
            raise ValueError(f"{model.__name__}: rows with other fields")
        known[1].append(row)
        self.written.setdefault(model)

    def take(self) -> Rows:
        """The rows collected since the last take, for `write` (on this connection or another)."""
        rows, self._tables = self._tables, {}
        return rows


def write(rows: Rows) -> dict[str, int]:
    """Write rows a Writer collected, table by table in the order they were first used; returns the number per
    table."""
    return {model._meta.label: insert(model, fields, table) for model, (fields, table) in rows.items()}
