"""The start page: an overdue review and a rule broken in the last two check-ins in a row show for the
assigned worker and the team lead, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from safehold.cases.models import CaseAssignment, CaseStatus
from safehold.cases.sections import attention_for
from safehold.safety_plans.attention import plan_warnings
from safehold.safety_plans.models import CheckIn, PlanStatus, RuleCheck, RuleResult
from safehold.testing.factories import AssignmentFactory, CaseFactory, RuleFactory, SafetyPlanFactory

TODAY = timezone.localdate


def active_plan(case, *, review_in_days: int = 7, status: str = PlanStatus.ACTIVE):
    return SafetyPlanFactory(case=case, status=status, activated_on=TODAY() - timedelta(days=30),
                             next_review_on=TODAY() + timedelta(days=review_in_days))


def record(plan, days_ago: int, **results: str) -> CheckIn:
    """A check-in `days_ago`, with results by rule text."""
    check_in = CheckIn.objects.create(plan=plan, checked_on=TODAY() - timedelta(days=days_ago), source="call")
    for rule in plan.rules.all():
        RuleCheck.objects.create(check_in=check_in, rule=rule, result=results.get(rule.text, RuleResult.HELD))
    return check_in


def messages(user) -> list[str]:
    return [item.message for item in plan_warnings(user)]


def test_an_overdue_review_shows_for_the_assigned_workers_and_the_team_lead(case, caseworker, consultant,
                                                                            team_lead):
    active_plan(case, review_in_days=-3)
    for user in (caseworker, consultant, team_lead):
        items = plan_warnings(user)
        assert [(item.case, item.severity, item.due) for item in items] == [
            (case, "warning", TODAY() - timedelta(days=3))]
        assert "overdue" in items[0].message
        assert items[0].url == reverse("cases:detail", kwargs={"case_id": case.pk})


def test_it_shows_for_nobody_else(case, colleague, auditor, org_admin, stranger):
    active_plan(case, review_in_days=-3)
    for user in (colleague, auditor, org_admin, stranger):
        assert plan_warnings(user) == []


def test_a_review_due_today_or_later_is_not_overdue(case, caseworker):
    active_plan(case, review_in_days=0)
    assert plan_warnings(caseworker) == []


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.APPROVED, PlanStatus.SUPERSEDED,
                                    PlanStatus.ENDED])
def test_only_the_active_plan_is_watched(case, caseworker, status):
    active_plan(case, review_in_days=-3, status=status)
    assert plan_warnings(caseworker) == []


def test_a_closed_case_is_not_watched(case, caseworker):
    active_plan(case, review_in_days=-3)
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status"])
    assert plan_warnings(caseworker) == []


def test_a_rule_broken_in_the_last_two_check_ins_shows_as_danger(case, caseworker, team_lead):
    plan = active_plan(case)
    RuleFactory(plan=plan, text="Papa trinkt nicht")
    RuleFactory(plan=plan, text="Mama ist zu Hause")
    record(plan, 9)
    record(plan, 5, **{"Papa trinkt nicht": RuleResult.BROKEN})
    record(plan, 2, **{"Papa trinkt nicht": RuleResult.BROKEN})
    for user in (caseworker, team_lead):
        items = plan_warnings(user)
        assert [(item.severity, item.due) for item in items] == [("danger", TODAY())]
        assert "Papa trinkt nicht" in items[0].message


@pytest.mark.parametrize("history", [
    ["broken"],  # once only
    ["broken", "held"],  # it held last time
    ["broken", "unknown"],  # nobody knows about last time
    ["broken", "held", "broken"],  # broken twice, but not in a row
])
def test_a_rule_not_broken_twice_in_a_row_raises_nothing(case, caseworker, history):
    plan = active_plan(case)
    RuleFactory(plan=plan, text="Papa trinkt nicht")
    for days_ago, result in zip(range(len(history) * 2, 0, -2), history, strict=True):
        record(plan, days_ago, **{"Papa trinkt nicht": result})
    assert plan_warnings(caseworker) == []


def test_the_order_of_check_ins_is_by_date_not_by_entry(case, caseworker):
    plan = active_plan(case)
    RuleFactory(plan=plan, text="Papa trinkt nicht")
    record(plan, 3, **{"Papa trinkt nicht": RuleResult.BROKEN})
    record(plan, 1, **{"Papa trinkt nicht": RuleResult.BROKEN})
    record(plan, 10, **{"Papa trinkt nicht": RuleResult.HELD})  # recorded late, happened first
    assert len(plan_warnings(caseworker)) == 1


def test_each_plan_is_judged_by_its_own_last_two_check_ins(organisation, team, caseworker):
    """The last two are counted per plan: a plan with more recent check-ins does not push another's out."""
    plans = {}
    for reference in ("BUSY", "QUIET", "HELD-LAST"):
        case = CaseFactory(organisation=organisation, team=team, reference=reference)
        AssignmentFactory(case=case, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
        plans[reference] = plan = active_plan(case)
        RuleFactory(plan=plan, text="Papa trinkt nicht")
    broken = {"Papa trinkt nicht": RuleResult.BROKEN}
    for days_ago in (6, 5, 4, 3):
        record(plans["BUSY"], days_ago)
    record(plans["BUSY"], 2, **broken)
    record(plans["BUSY"], 1, **broken)
    record(plans["QUIET"], 30)
    record(plans["QUIET"], 20, **broken)
    record(plans["QUIET"], 10, **broken)
    record(plans["HELD-LAST"], 30, **broken)
    record(plans["HELD-LAST"], 20, **broken)
    record(plans["HELD-LAST"], 10)

    items = plan_warnings(caseworker)
    assert sorted((item.case.reference, item.severity) for item in items) == [("BUSY", "danger"),
                                                                             ("QUIET", "danger")]


def test_the_warnings_reach_the_start_page_through_the_registry(case, caseworker):
    active_plan(case, review_in_days=-1)
    assert any("overdue" in item.message for item in attention_for(caseworker))


def _cases_with_plans(n, organisation, team, caseworker):
    for i in range(n):
        case = CaseFactory(organisation=organisation, team=team, reference=f"PLAN-{i}")
        AssignmentFactory(case=case, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
        plan = active_plan(case, review_in_days=-1)
        RuleFactory(plan=plan, text="Papa trinkt nicht")
        record(plan, 4, **{"Papa trinkt nicht": RuleResult.BROKEN})
        record(plan, 2, **{"Papa trinkt nicht": RuleResult.BROKEN})


@pytest.mark.parametrize("plans", [1, 20])
@pytest.mark.parametrize("who", ["caseworker", "team_lead"])
def test_the_warnings_take_a_fixed_number_of_queries(plans, who, request, organisation, team, caseworker,
                                                     django_assert_max_num_queries):
    _cases_with_plans(plans, organisation, team, caseworker)
    user = request.getfixturevalue(who)
    user = type(user).objects.get(pk=user.pk)  # nothing cached on the user
    with django_assert_max_num_queries(6):
        items = plan_warnings(user)
    assert len(items) == 2 * plans


def test_the_overdue_date_is_written_the_way_the_reader_writes_dates(case, caseworker):
    plan = active_plan(case, review_in_days=-3)
    with translation.override("de"):
        [message] = messages(caseworker)
    assert plan.next_review_on.strftime("%d.%m.%Y") in message
