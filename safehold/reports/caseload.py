"""Caseload per worker: the open cases each worker is assigned to, and the children in them, as of today.

A caseworker sees only their own line. Who was assigned when is not kept (an assignment that ended is gone),
so the figures are of today only; the period does not apply.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import CaseAssignment, CaseStatus, PersonRole
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table

SLUG = "caseload"
TITLE = _("Caseload per worker")
DESCRIPTION = _("The open cases each worker is assigned to, and the children in them.")
USES_PERIOD = False
FOR_CASEWORKERS = True


def per_worker(scope: Scope) -> list[dict[str, Any]]:
    """One row per worker: one query, grouped in the database."""
    assignments = CaseAssignment.objects.filter(case__in=scope.cases().values("pk")).exclude(
        case__status=CaseStatus.CLOSED)
    if scope.worker_id is not None:
        assignments = assignments.filter(user_id=scope.worker_id)
    return [dict(row) for row in (
        assignments.values("user_id", "user__first_name", "user__last_name", "user__username")
        .annotate(cases=Count("case", distinct=True),
                  caseworker=Count("case", filter=Q(role=CaseAssignment.Role.CASEWORKER), distinct=True),
                  children=Count("case__people", filter=Q(case__people__role=PersonRole.CHILD), distinct=True))
        .order_by("user__last_name", "user__first_name", "user__username")
    )]


def compute(scope: Scope, period: Period) -> Result:
    columns = [
        Column("worker", _("Worker"), Kind.LABEL),
        Column("cases", _("Open cases")),
        Column("caseworker", _("Of these as caseworker")),
        Column("children", _("Children in these cases")),
    ]
    found = per_worker(scope)
    rows = [
        Row({"worker": Cell.label(f"{row['user__first_name']} {row['user__last_name']}".strip()
                                  or row["user__username"]),
             "cases": Cell.count(row["cases"]), "caseworker": Cell.count(row["caseworker"]),
             "children": Cell.count(row["children"])})
        for row in found
    ]
    return Result(
        table=Table(_("Open cases per worker, today"), columns, rows),
        chart_columns=["cases"],
        notes=[
            _("These figures are of today: the period does not change them."),
            _("A case with a caseworker and a consultant counts for both."),
        ],
    )
