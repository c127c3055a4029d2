"""Closing a case ends its safety plan: the closing form says so, and afterwards the plan is ended on the
closing day, so that the closed case shows no review due and no warning (cases.closing, safety_plans.closing)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.services import case_transition
from safehold.safety_plans.attention import plan_warnings
from safehold.safety_plans.models import PlanStatus
from safehold.testing.factories import RuleFactory, SafetyPlanFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def plan(case):
    plan = SafetyPlanFactory(case=case, status=PlanStatus.ACTIVE, activated_on=TODAY() - timedelta(days=30),
                             next_review_on=TODAY() - timedelta(days=2))  # overdue: a warning while open
    RuleFactory(plan=plan)
    return plan


def test_closing_a_case_ends_its_active_plan_on_the_closing_day_and_its_warnings_go(plan, case, caseworker):
    assert [item.case for item in plan_warnings(caseworker)] == [case]
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == (PlanStatus.ENDED, TODAY())
    assert plan_warnings(caseworker) == []
    assert any("ended_on" in event.changed_fields for event in AuditEvent.objects.filter(
        object_type="safety_plans.safetyplan", object_id=str(plan.pk), action="update"))


def test_a_draft_is_left_as_it_is(case, caseworker):
    draft = SafetyPlanFactory(case=case, status=PlanStatus.DRAFT)
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_the_closing_form_says_that_the_plan_ends_with_the_case(client_for, caseworker, case, plan):
    for url in (f"/cases/{case.pk}/status/", f"/cases/{case.pk}/"):
        page = client_for(caseworker).get(url).content.decode()
        assert f"The safety plan, version {plan.version_no} (Active), ends with the case on" in page, url
