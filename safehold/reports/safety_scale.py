"""Movement on the safety scale from the first to the last map of each case, per voice (seed 003: the scales as
the measure of progress).

Per case: the safety score each voice gave on the case's first map and on its last map drawn by the period's
end; counted are cases whose last map was drawn in the period and that have two maps or more. Where several
people of one voice scored one map (two parents, two workers) their mean is taken. "Parents" are parents and
other caregivers; a professional outside the worker's role is not a voice here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from safehold.cases.voices import VoiceKind
from safehold.mapping.models import Map, Scale, ScaleKind
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table, median
from safehold.reports.common import children

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


def _score_on(map_ref: str, kinds: Iterable[str]) -> Subquery:
    return Subquery(
        Scale.objects.filter(map_id=OuterRef(map_ref), kind=ScaleKind.SAFETY, voice_kind__in=list(kinds))
        .values("map_id").annotate(mean=Avg("score")).values("mean")[:1],
        output_field=FloatField(),
    )


def movements(scope: Scope, period: Period, kinds: Iterable[str]) -> list[tuple[float, int, int]]:
    """(movement, cases, children) for each movement of one voice: one query, grouped in the database."""
    maps = Map.objects.filter(case=OuterRef("pk"))
    latest = maps.filter(drawn_on__lte=period.end).order_by("-drawn_on", "-id")
    cases = (
        scope.cases()
        .annotate(first_map=Subquery(maps.order_by("drawn_on", "id").values("id")[:1]),
                  last_map=Subquery(latest.values("id")[:1]),
                  last_drawn=Subquery(latest.values("drawn_on")[:1]))
        .filter(last_drawn__gte=period.start, last_drawn__lte=period.end)
        .exclude(first_map=F("last_map"))
        .annotate(first_score=_score_on("first_map", kinds), last_score=_score_on("last_map", kinds))
        .filter(first_score__isnull=False, last_score__isnull=False)
        .annotate(move=ExpressionWrapper(F("last_score") - F("first_score"), output_field=FloatField()))
    )
    rows = cases.values("move").annotate(n=Count("pk", distinct=True), kids=children()).order_by("move")
    return [(round(row["move"], 2), row["n"], row["kids"]) for row in rows]


def compute(scope: Scope, period: Period) -> Result:
    found = {key: movements(scope, period, kinds) for key, _label, kinds in VOICES}
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
