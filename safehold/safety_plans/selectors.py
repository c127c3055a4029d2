"""Reads of safety plans, shared by the pages, the API and the printouts. Each runs a fixed number of queries,
however many rules a plan holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from safehold.cases.models import Case
from safehold.safety_plans.models import Contact, ProfessionalAgreement, Rule, SafetyPlan, SignOff

DB_INT_MAX = 2**63 - 1


def case_plan(case: Case, plan_id: int | str) -> SafetyPlan:
    """One version of the case's plan, or 404 (a plan of another case does not exist here)."""
    try:
        pk = int(plan_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not -DB_INT_MAX <= pk <= DB_INT_MAX:
        raise Http404
    found = (SafetyPlan.objects.filter(case=case, pk=pk)
             .select_related("coordinator", "approved_by", "map", "story").first())
    if found is None:
        raise Http404
    found.case = case
    return found


@dataclass
class PlanContent:
    plan: SafetyPlan
    rules: list[Rule]
    contacts: list[Contact]
    agreements: list[ProfessionalAgreement]
    sign_offs: list[SignOff]


def plan_content(plan: SafetyPlan) -> PlanContent:
    """Everything on a version of the plan. Four queries."""
    rules = list(plan.rules.select_related("responsible", "answers").order_by("position", "id"))
    for rule in rules:
        rule.plan = plan
    return PlanContent(plan, rules, list(plan.contacts.select_related("person")), list(plan.agreements.all()),
                       list(plan.sign_offs.all()))
