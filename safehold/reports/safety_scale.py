"""Movement on the safety scale from the first to the last map of each case, per voice (seed 003: the scales as
the measure of progress).

Per case: the safety score each voice gave on the case's first map and on its last map drawn by the period's
end; counted are cases whose last map was drawn in the period and that have two maps or more. Where several
people of one voice scored one map (two parents, two workers) their mean is taken. "Parents" are parents and
other caregivers; a professional outside the worker's role is not a voice here. Maps drawn on the same day
count as one map: a voice's scores on them are averaged.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections, router
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Person, PersonRole
from safehold.cases.voices import VoiceKind
from safehold.mapping.models import Map, Scale, ScaleKind
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table, median

SLUG = "safety-scale"
TITLE = _("Movement on the safety scale")
DESCRIPTION = _("How the safety score moved from the first to the last map of each case, per voice.")
USES_PERIOD = True
FOR_CASEWORKERS = False

VOICES = (
    ("worker", _("Worker"), (VoiceKind.WORKER,)),
    ("parents", _("Parents"), (VoiceKind.PARENT, VoiceKind.CAREGIVER)),
    ("network", _("Network"), (VoiceKind.NETWORK,)),
    ("child", _("Child"), (VoiceKind.CHILD,)),
)
BUCKETS = (
    _("down 2 or more"), _("down less than 2"), _("no change"), _("up less than 2"), _("up 2 to less than 4"),
    _("up 4 or more"),
)


def _bucket_of(move: float) -> int:
    """Which of BUCKETS a movement falls in."""
    if move <= -2:
        return 0
    if move < 0:
        return 1
    if move == 0:
        return 2
    return 3 if move < 2 else 4 if move < 4 else 5


# One pass over the maps and their scales, in SQL that SQLite and PostgreSQL both run: each case's first and
# last day with a map (`ends`), then each voice's mean safety score on those two days (`scores`), then the
# movements counted. The ORM could say this only with scalar subqueries per case and voice (eight lookups of the
# first and last map for each case), which took 13.6 s for 100,000 cases on PostgreSQL (bench/reports.py). Every
# value is a parameter; table names come from the models, voice kinds from VOICES.
MOVEMENTS_SQL = """
WITH ends AS (
    SELECT m.case_id, MIN(m.drawn_on) AS first_on, MAX(m.drawn_on) AS last_on,
           (SELECT COUNT(*) FROM {person} p WHERE p.case_id = m.case_id AND p.role = %s) AS kids
    FROM {map} m
    WHERE m.case_id IN ({cases}) AND m.drawn_on <= %s
    GROUP BY m.case_id
    HAVING MAX(m.drawn_on) >= %s AND MIN(m.drawn_on) < MAX(m.drawn_on)
), scores AS (
    SELECT e.case_id, e.kids, {voice} AS voice,
           AVG(s.score) FILTER (WHERE m.drawn_on = e.first_on) AS first_score,
           AVG(s.score) FILTER (WHERE m.drawn_on = e.last_on) AS last_score
    FROM ends e
    JOIN {map} m ON m.case_id = e.case_id AND m.drawn_on IN (e.first_on, e.last_on)
    JOIN {scale} s ON s.map_id = m.id AND s.kind = %s
    GROUP BY e.case_id, e.kids, {voice}
)
SELECT voice, last_score - first_score AS move, COUNT(*) AS cases, SUM(kids) AS kids
FROM scores
WHERE voice IS NOT NULL AND first_score IS NOT NULL AND last_score IS NOT NULL
GROUP BY voice, last_score - first_score
"""


def movements_by_voice(scope: Scope, period: Period) -> dict[str, list[tuple[float, int, int]]]:
    """(movement, cases, children) for each movement of each voice of VOICES: one query, grouped in the
    database."""
    cases_sql, cases_params = scope.cases().order_by().values("pk").query.sql_with_params()
    # Where the router sends the other reads: the replica, for a report marked for it (core/db_router.py).
    connection = connections[router.db_for_read(Map)]
    quote = connection.ops.quote_name
    when = " ".join(f"WHEN {_literal(kind)} THEN {_literal(key)}" for key, _label, kinds in VOICES for kind in kinds)
    sql = MOVEMENTS_SQL.format(
        person=quote(Person._meta.db_table), map=quote(Map._meta.db_table), scale=quote(Scale._meta.db_table),
        cases=cases_sql, voice=f"CASE s.voice_kind {when} END")
    params = [PersonRole.CHILD, *cases_params, period.end, period.start, ScaleKind.SAFETY]
    found: dict[str, dict[float, list[int]]] = {key: {} for key, _label, _kinds in VOICES}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for voice, move, n, kids in cursor.fetchall():
            # Movements equal once rounded (means of thirds in SQLite's floating point) are one.
            totals = found[voice].setdefault(round(float(move), 2), [0, 0])
            totals[0] += n
            totals[1] += int(kids)
    return {key: [(move, n, kids) for move, (n, kids) in sorted(moves.items())] for key, moves in found.items()}


def _literal(value: str) -> str:
    """A voice kind or key (from VOICES, never input) as an SQL string."""
    if not value.replace("_", "").isalpha():
        raise ValueError(value)
    return f"'{value}'"


def movements(scope: Scope, period: Period, kinds: Iterable[str]) -> list[tuple[float, int, int]]:
    """(movement, cases, children) for one voice of VOICES, named by its kinds."""
    key = next(key for key, _label, voice_kinds in VOICES if set(voice_kinds) == set(kinds))
    return movements_by_voice(scope, period)[key]


def compute(scope: Scope, period: Period) -> Result:
    found = movements_by_voice(scope, period)
    columns = [Column("group", _("Movement"), Kind.LABEL),
               *(Column(key, label) for key, label, _kinds in VOICES)]
    counts = {key: [0] * len(BUCKETS) for key in found}
    for key, histogram in found.items():
        for move, n, _kids in histogram:
            counts[key][_bucket_of(move)] += n
    rows = [Row({"group": Cell.label(label), **{key: Cell.count(counts[key][i]) for key in found}})
            for i, label in enumerate(BUCKETS)]
    totals = {key: sum(n for _m, n, _k in histogram) for key, histogram in found.items()}
    rows += [
        Row({"group": Cell.label(_("Cases scored on the first and the last map")),
             **{key: Cell.count(totals[key]) for key in found}}, charted=False),
        Row({"group": Cell.label(_("Children in these cases")),
             **{key: Cell.count(sum(k for _m, _n, k in histogram)) for key, histogram in found.items()}},
            charted=False),
        Row({"group": Cell.label(_("Median movement (per case)")),
             **{key: Cell(median((m, n) for m, n, _k in histogram), Kind.MOVEMENT, (totals[key],))
                for key, histogram in found.items()}}, charted=False),
    ]
    return Result(
        table=Table(_("Cases by movement on the safety scale, per voice"), columns, rows),
        chart_columns=[key for key, _label, _kinds in VOICES],
        notes=[
            _("Counted are cases with two maps or more whose last map up to the end of the period was drawn in "
              "the period; each voice where it scored both the first and the last map. Where several people of "
              "one voice scored a map (two parents), their mean is taken."),
        ],
    )
