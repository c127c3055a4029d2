"""What PostgreSQL's planner would do with a query, for tests that an index serves it."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet


def postgres_plan(query: QuerySet) -> str:
    """EXPLAIN's plan for `query`, one line per node, with sequential scans off: a test's tables are small
    enough that the planner would scan them rather than read any index. Call it inside a transaction (a test's):
    the setting is the transaction's own."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
