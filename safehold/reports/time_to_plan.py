"""Time from referral to the first safety plan in force, and time in plan (seed 004: how quickly a family gets
a plan, and how long it carries them).

- Referral is the day the case was opened (`Case.opened_on`); the plan starts on the day its first version
  came into force (`SafetyPlan.activated_on`). Counted: cases whose first plan came into force in the period.
- Time in plan runs from that day to the day the last version that was in force ended (`ended_on`), for cases
  with no version in force today. Counted: cases whose plan ended in the period. A gap between two versions
  is counted in: the stored dates do not say whether the family went without a plan in between.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, F, Max, Min, OuterRef, QuerySet, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table, median
from safehold.reports.common import child_count
from safehold.reports.sql import DaysBetween
from safehold.safety_plans.models import PlanStatus, SafetyPlan

SLUG = "time-to-plan"
TITLE = _("Time to the safety plan and time in plan")
DESCRIPTION = _("Days from referral to the first safety plan in force, and how long plans ran until they ended.")
USES_PERIOD = True
FOR_CASEWORKERS = False

# (label, the highest number of days in the group; None: no limit)
BUCKETS = (
    (_("up to 7 days"), 7),
    (_("8 to 30 days"), 30),
    (_("31 to 90 days"), 90),
    (_("91 to 180 days"), 180),
    (_("181 to 365 days"), 365),
    (_("more than 365 days"), None),
)


def _first_in_force() -> Subquery:
    return Subquery(SafetyPlan.objects.filter(case=OuterRef("pk"), activated_on__isnull=False)
                    .order_by("activated_on").values("activated_on")[:1])


def _histogram(cases: QuerySet[Case, Any], days: DaysBetween) -> list[tuple[int, int, int]]:
    """(days, cases, children) for each number of days: one query, grouped in the database. The children are
    counted per case (a subquery), so the cases are not multiplied by their people."""
    rows = (cases.annotate(days=days, kids=child_count()).values("days")
            .annotate(n=Count("pk"), children=Sum("kids")).order_by("days"))
    return [(row["days"], row["n"], row["children"] or 0) for row in rows]


def _plans(scope: Scope) -> QuerySet[SafetyPlan]:
    """The versions of the scope's plans that came into force."""
    return SafetyPlan.objects.filter(case__in=scope.cases().values("pk"), activated_on__isnull=False).order_by()


def to_plan(scope: Scope, period: Period) -> list[tuple[int, int, int]]:
    # The cases whose first version came into force in the period, found in one grouped pass over the plans;
    # only they get the day looked up again for the subtraction.
    started = (_plans(scope).values("case").annotate(first=Min("activated_on"))
               .filter(first__gte=period.start, first__lte=period.end).values("case"))
    cases = Case.objects.filter(pk__in=started).annotate(first=_first_in_force())
    return _histogram(cases, DaysBetween(F("first"), F("opened_on")))


def in_plan(scope: Scope, period: Period) -> list[tuple[int, int, int]]:
    ended = (_plans(scope).filter(ended_on__isnull=False).values("case").annotate(last=Max("ended_on"))
             .filter(last__gte=period.start, last__lte=period.end).values("case"))
    last_end = Subquery(SafetyPlan.objects.filter(case=OuterRef("pk"), activated_on__isnull=False,
                                                  ended_on__isnull=False)
                        .order_by("-ended_on").values("ended_on")[:1])
    in_force = Exists(SafetyPlan.objects.filter(case=OuterRef("pk"), status=PlanStatus.ACTIVE))
    cases = Case.objects.filter(pk__in=ended).filter(~in_force).annotate(first=_first_in_force(), last=last_end)
    return _histogram(cases, DaysBetween(F("last"), F("first")))


def _bucketed(histogram: Iterable[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(cases, children) in each of BUCKETS."""
    totals = [[0, 0] for _bucket in BUCKETS]
    for days, cases, kids in histogram:
        at = next(i for i, (_label, top) in enumerate(BUCKETS) if top is None or days <= top)
        totals[at][0] += cases
        totals[at][1] += kids
    return [(cases, kids) for cases, kids in totals]


def compute(scope: Scope, period: Period) -> Result:
    before, during = to_plan(scope, period), in_plan(scope, period)
    columns = [
        Column("group", _("Days"), Kind.LABEL),
        Column("to_plan_cases", _("Referral to plan: cases")),
        Column("to_plan_children", _("Referral to plan: children")),
        Column("in_plan_cases", _("Time in plan: cases")),
        Column("in_plan_children", _("Time in plan: children")),
    ]
    rows = [
        Row({"group": Cell.label(label), "to_plan_cases": Cell.count(a[0]), "to_plan_children": Cell.count(a[1]),
             "in_plan_cases": Cell.count(b[0]), "in_plan_children": Cell.count(b[1])})
        for (label, _top), a, b in zip(BUCKETS, _bucketed(before), _bucketed(during), strict=True)
    ]
    cases_before, cases_during = sum(r[1] for r in before), sum(r[1] for r in during)
    rows.append(Row({
        "group": Cell.label(_("Total")),
        "to_plan_cases": Cell.count(cases_before), "to_plan_children": Cell.count(sum(r[2] for r in before)),
        "in_plan_cases": Cell.count(cases_during), "in_plan_children": Cell.count(sum(r[2] for r in during)),
    }, charted=False))
    rows.append(Row({
        "group": Cell.label(_("Median, in days (per case)")),
        "to_plan_cases": Cell(median((d, n) for d, n, _k in before), Kind.DAYS, (cases_before,)),
        "to_plan_children": Cell(None, Kind.DAYS),
        "in_plan_cases": Cell(median((d, n) for d, n, _k in during), Kind.DAYS, (cases_during,)),
        "in_plan_children": Cell(None, Kind.DAYS),
    }, charted=False))
    return Result(
        table=Table(_("Cases and their children by days from referral to plan and days in plan"), columns, rows),
        chart_columns=["to_plan_cases", "in_plan_cases"],
        notes=[
            _("Referral is the day the case was opened. Counted are cases whose first safety plan came into force "
              "in the period."),
            _("Time in plan runs from the first version in force to the end of the last one, for cases with no "
              "plan in force today whose plan ended in the period. A gap between two versions is counted in: "
              "the stored dates do not show it."),
        ],
    )
