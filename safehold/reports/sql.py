"""Database expressions the reports share, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, IntegerField
from django.db.models.sql.compiler import SQLCompiler


class DaysBetween(Func):
    """Whole days from `start` to `end` (two dates), computed in the database: `end - start`."""

    output_field = IntegerField()
    arity = 2
    # PostgreSQL: date - date is an integer number of days.
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, end: Any, start: Any) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper,
                  **extra_context: Any) -> tuple[str, Any]:
        return self.as_sql(compiler, connection, template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra_context)
