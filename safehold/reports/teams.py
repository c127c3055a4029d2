"""Caseload per team and overdue reviews of safety plans, as of today.

A plan in force has one date for its next review; each check-in moves it on by the plan's interval
(`review_every_days`). So "review overdue" and "check-in overdue" are the same date passed: the report counts
plans whose review date has passed, and, of those, the ones overdue by more than a whole interval (at least
one further check-in missed). Safehold keeps no history of past review dates, so these figures are of today
only; the period does not apply.
"""

from __future__ import annotations

from django.db.models import Count, F, Q, Value
from django.db.models.fields import DateField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Team
from safehold.cases.models import PersonRole
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table
from safehold.reports.common import children, still_open
from safehold.reports.sql import DaysBetween
from safehold.safety_plans.models import PlanStatus, SafetyPlan

SLUG = "teams"
TITLE = _("Caseload and overdue reviews per team")
DESCRIPTION = _("Open cases and their children per team, plans in force, and plans whose review is overdue.")
USES_PERIOD = False
FOR_CASEWORKERS = False

FIGURES = ("cases", "children", "plans", "overdue", "overdue_children", "long_overdue")


def figures(scope: Scope) -> dict[int | None, dict[str, int]]:
    """Per team id (None: cases without a team): the counts of FIGURES. Two queries, grouped in the database."""
    today = timezone.localdate()
    found: dict[int | None, dict[str, int]] = {}
    open_cases = still_open(scope.cases()).values("team_id").annotate(cases=Count("pk", distinct=True),
                                                                     children=children())
    for row in open_cases.order_by():
        found.setdefault(row["team_id"], dict.fromkeys(FIGURES, 0)).update(cases=row["cases"],
                                                                           children=row["children"])
    late = Q(next_review_on__lt=today)
    plans = (SafetyPlan.objects.filter(status=PlanStatus.ACTIVE, case__in=still_open(scope.cases()).values("pk"))
             .annotate(late_by=DaysBetween(Value(today, output_field=DateField()), F("next_review_on")))
             .values("case__team_id")
             .annotate(plans=Count("pk", distinct=True), overdue=Count("pk", filter=late, distinct=True),
                       overdue_children=Count("case__people", distinct=True,
                                              filter=late & Q(case__people__role=PersonRole.CHILD)),
                       long_overdue=Count("pk", filter=late & Q(late_by__gt=F("review_every_days")), distinct=True)))
    for late_row in plans.order_by():
        found.setdefault(late_row["case__team_id"], dict.fromkeys(FIGURES, 0)).update(
            {key: late_row[key] for key in ("plans", "overdue", "overdue_children", "long_overdue")})
    return found


def compute(scope: Scope, period: Period) -> Result:
    found = figures(scope)
    teams = Team.objects.filter(organisation_id=scope.organisation_id).order_by("name")
    if scope.team_ids is not None:
        teams = teams.filter(pk__in=scope.team_ids)
    named: list[tuple[int | None, str]] = [(team.pk, team.name) for team in teams]
    if scope.team_ids is None and None in found:
        named.append((None, str(_("No team"))))
    columns = [
        Column("team", _("Team"), Kind.LABEL),
        Column("cases", _("Open cases")),
        Column("children", _("Children in open cases")),
        Column("plans", _("Safety plans in force")),
        Column("overdue", _("Reviews overdue")),
        Column("overdue_children", _("Children in cases with a review overdue")),
        Column("long_overdue", _("Overdue by more than one review interval")),
    ]
    empty = dict.fromkeys(FIGURES, 0)
    rows = [Row({"team": Cell.label(name), **{k: Cell.count(v) for k, v in found.get(pk, empty).items()}})
            for pk, name in named]
    rows.append(Row({"team": Cell.label(_("Total")),
                     **{k: Cell.count(sum(found.get(pk, empty)[k] for pk, _name in named)) for k in FIGURES}},
                    charted=False))
    return Result(
        table=Table(_("Open cases, their children and overdue reviews per team, today"), columns, rows),
        chart_columns=["cases", "overdue"],
        notes=[
            _("These figures are of today: the period does not change them."),
            _("A check-in moves the plan's review date on, so a review overdue is a check-in overdue: Safehold "
              "keeps one date for both. The last column counts plans whose review date passed more than one "
              "review interval ago, so that at least two check-ins are missing."),
        ],
    )
