"""The plan page shows the warnings the start page and the case page show: an overdue review and a rule broken
twice in a row. A plan ended with its case shows neither, nor a review date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.cases.services import case_transition
from safehold.safety_plans.models import CheckIn, PlanStatus, RuleCheck, RuleResult
from safehold.testing.factories import RuleFactory, SafetyPlanFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def plan(case):
    plan = SafetyPlanFactory(case=case, status=PlanStatus.ACTIVE, activated_on=TODAY() - timedelta(days=30),
                             next_review_on=TODAY() - timedelta(days=2))
    rule = RuleFactory(plan=plan, text="Papa trinkt nicht")
    for days_ago in (4, 2):
        check_in = CheckIn.objects.create(plan=plan, checked_on=TODAY() - timedelta(days=days_ago), source="call")
        RuleCheck.objects.create(check_in=check_in, rule=rule, result=RuleResult.BROKEN)
    return plan


def test_the_plan_page_shows_an_overdue_review_and_a_rule_broken_twice(client_for, caseworker, case, plan):
    page = client_for(caseworker).get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()
    assert "Review overdue since" in page
    assert "Rule broken twice in a row" in page and "Papa trinkt nicht" in page


def test_after_closing_the_plan_page_shows_no_review_due_and_no_warning(client_for, caseworker, case, plan):
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on, plan.next_review_on) == (PlanStatus.ENDED, TODAY(), None)
    page = client_for(caseworker).get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()
    assert "Review overdue since" not in page and "Rule broken twice in a row" not in page
    assert "next review" not in page and "ended on" in page
