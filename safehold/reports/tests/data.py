"""Small hand-built data sets for the reports' tests: rows written directly (factory_boy and the models), with
dates chosen so that each figure the tests expect can be worked out by hand."""

from __future__ import annotations

from datetime import date

from safehold.cases.models import Case
from safehold.safety_plans.models import PlanStatus, SafetyPlan
from safehold.testing.factories import CaseFactory, PersonFactory, SafetyPlanFactory


def case_with_children(organisation, team, *, children: int = 0, opened_on: date = date(2026, 1, 1),
                       **fields) -> Case:
    case = CaseFactory(organisation=organisation, team=team, opened_on=opened_on, **fields)
    for _n in range(children):
        PersonFactory(case=case, role="child")
    PersonFactory(case=case, role="parent")  # a parent is never counted as a child
    return case


def plan(case: Case, *, status: str = PlanStatus.ACTIVE, activated_on: date | None = None,
         ended_on: date | None = None, **fields) -> SafetyPlan:
    return SafetyPlanFactory(case=case, status=status, activated_on=activated_on, ended_on=ended_on, **fields)
