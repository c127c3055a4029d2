"""How many danger statements each map holds, and how many a safety goal answers, kept on the map.

The practice-fidelity report counts the danger statements on each case's latest map. Counted from the entries,
that was a lookup of every statement and of the goals answering it: 0.6 s of the report over 100,000 cases on
PostgreSQL (bench/reports.py). Kept on the map, the report reads one row per case. Every service that adds,
changes, deletes or restores an entry, or copies a map, counts that map again in its transaction; the load
data writes the counts it generates (demo.load), and the migration that added them counted every map.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from safehold.mapping.models import Entry, Map


def _counted(entries: QuerySet[Entry]) -> Coalesce:
    per_map = entries.order_by().values("map").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_map, output_field=IntegerField()), 0)


def tally_expressions() -> dict[str, Coalesce]:
    """The two counts of the map being updated (`OuterRef("pk")`), as expressions for `update()`."""
    statements = Entry.objects.filter(map=OuterRef("pk")).danger_statements()
    answered = statements.filter(Exists(Entry.objects.answering().filter(answers=OuterRef("pk"))))
    return {"danger_statement_count": _counted(statements), "answered_statement_count": _counted(answered)}


def maps_tally(map_ids: Iterable[int]) -> None:
    """Count the danger statements of these maps again (one UPDATE)."""
    Map.objects.filter(pk__in=list(map_ids)).update(**tally_expressions())
