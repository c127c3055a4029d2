"""What became of the children whose case had a safety plan (seed 004, Roskilde: "123 sikkerheds-/netværksplaner;
115 børn … sikret så de kan blive i hjemmet; 18 er endt i anbringelse"): kept at home, returned home, placed.

- Counted are children, each once: their current outcome (`ChildOutcome.current`: the one of the case's latest
  closing, or the one recorded when the child left the plan earlier) whose date (`on`) falls in the period. A
  case reopened and closed again counts with its latest closing only.
- Only children of cases that had a safety plan: a version of the case's plan came into force
  (`SafetyPlan.activated_on` set, as the time-to-plan report takes "the first active plan") on or before the
  child's outcome date. A case that never had a plan in force is not counted.
- A plan is a case's safety plan with all its versions (one per family, as the seed counts its
  "sikkerheds-/netværksplaner"): the number of plans is the number of such cases with at least one child
  counted. A plan whose children had different outcomes is counted in each of their rows, and once in the total.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import PLACED_AWAY, ChildOutcome
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table, share
from safehold.safety_plans.models import SafetyPlan

SLUG = "outcomes"
TITLE = _("Outcomes for the children")
DESCRIPTION = _("What became of the children whose case had a safety plan: kept at home, returned home, placed; "
                "with the number of plans and of children.")
USES_PERIOD = True
FOR_CASEWORKERS = False

# The rows, in the order the table lists them: every outcome, the three forms of placement and the general one
# (of cases closed before outcomes were kept per child) each on its own row.
ROWS = tuple(ChildOutcome.Kind)


def counted(scope: Scope, period: Period) -> QuerySet[ChildOutcome]:
    """The outcomes the report counts: current, dated in the period, of the scope's cases with a plan that had
    come into force by then."""
    had_plan = Exists(SafetyPlan.objects.filter(case=OuterRef("case"), activated_on__isnull=False,
                                                activated_on__lte=OuterRef("on")))
    return (ChildOutcome.objects.filter(current=True, on__gte=period.start, on__lte=period.end,
                                        case__in=scope.cases())
            .filter(had_plan))


def by_outcome(scope: Scope, period: Period) -> dict[str, tuple[int, int]]:
    """(children, plans) for each outcome: one query, grouped in the database."""
    rows = (counted(scope, period).values("outcome")
            .annotate(kids=Count("child", distinct=True), plans=Count("case", distinct=True)).order_by("outcome"))
    return {row["outcome"]: (row["kids"], row["plans"]) for row in rows}


def totals(scope: Scope, period: Period) -> dict[str, int]:
    """Children and plans in all, and those placed away from home in any form: one query. A plan whose children
    are in different rows counts once here."""
    placed = Q(outcome__in=PLACED_AWAY)
    return counted(scope, period).aggregate(
        kids=Count("child", distinct=True), plans=Count("case", distinct=True),
        placed_kids=Count("child", filter=placed, distinct=True),
        placed_plans=Count("case", filter=placed, distinct=True))


def compute(scope: Scope, period: Period) -> Result:
    groups = by_outcome(scope, period)
    found = totals(scope, period)
    kids = found["kids"]
    columns = [
        Column("outcome", _("Outcome"), Kind.LABEL),
        Column("children", _("Children")),
        Column("share", _("Share of the children"), Kind.SHARE),
        Column("plans", _("Safety plans")),
    ]

    def row(label: object, n_kids: int, n_plans: int, *, charted: bool = True) -> Row:
        return Row({"outcome": Cell.label(str(label)), "children": Cell.count(n_kids),
                    "share": share(n_kids, kids), "plans": Cell.count(n_plans)}, charted=charted)

    rows = [row(kind.label, *groups.get(kind.value, (0, 0))) for kind in ROWS]
    rows.append(row(_("Placed away from home, in all"), found["placed_kids"], found["placed_plans"], charted=False))
    rows.append(Row({"outcome": Cell.label(_("Total")), "children": Cell.count(kids),
                     "share": Cell(1.0 if kids else None, Kind.SHARE, (kids,)), "plans": Cell.count(found["plans"])},
                    charted=False))
    return Result(
        table=Table(_("Children of cases with a safety plan, by their outcome"), columns, rows),
        chart_columns=["children"],
        notes=[
            _("Counted are the children of cases whose safety plan had come into force by the date of their "
              "outcome: the outcome recorded when the case last closed, or when the child left the plan, dated in "
              "the period."),
            _("A plan is a case's safety plan with all its versions. A plan whose children had different outcomes "
              "is counted in each of their rows and once in the total."),
        ],
    )
