"""Time from referral to the first plan in force, and time in plan, on a hand-built data set."""

from __future__ import annotations

from datetime import date

import pytest

from safehold.reports import time_to_plan
from safehold.reports.base import Period, Scope
from safehold.reports.tests.data import case_with_children, plan
from safehold.safety_plans.models import PlanStatus
from safehold.testing.factories import TeamFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def history(organisation, team, other_organisation):
    team_b = TeamFactory(organisation=organisation, name="ASD Süd")
    # 5 days to the plan, still in force; two children
    c1 = case_with_children(organisation, team, children=2, opened_on=date(2026, 1, 1))
    plan(c1, activated_on=date(2026, 1, 6))
    # 62 days to the plan; two versions in force one after the other, 89 days in all, ended in the period
    c2 = case_with_children(organisation, team, children=1, opened_on=date(2025, 12, 1))
    plan(c2, status=PlanStatus.SUPERSEDED, activated_on=date(2026, 2, 1), ended_on=date(2026, 3, 1))
    plan(c2, status=PlanStatus.ENDED, activated_on=date(2026, 3, 1), ended_on=date(2026, 5, 1))
    # in force before the period (not counted for time to plan), ended in it after 214 days; three children
    c3 = case_with_children(organisation, team, children=3, opened_on=date(2025, 6, 1))
    plan(c3, status=PlanStatus.ENDED, activated_on=date(2025, 7, 1), ended_on=date(2026, 1, 31))
    # a draft only; an approved version that never came into force: neither counts
    c4 = case_with_children(organisation, team, children=1, opened_on=date(2026, 3, 1))
    plan(c4, status=PlanStatus.DRAFT)
    plan(c4, status=PlanStatus.SUPERSEDED, ended_on=date(2026, 3, 5))
    # another team: 9 days, no children
    c6 = case_with_children(organisation, team_b, opened_on=date(2026, 4, 1))
    plan(c6, activated_on=date(2026, 4, 10))
    # another organisation's case never counts
    foreign = case_with_children(other_organisation, None, children=4, opened_on=date(2026, 1, 1))
    plan(foreign, activated_on=date(2026, 1, 2))
    return team_b


def test_days_to_the_first_plan_are_counted_per_case_and_per_child(organisation, history):
    assert time_to_plan.to_plan(Scope(organisation.pk), PERIOD) == [(5, 1, 2), (9, 1, 0), (62, 1, 1)]


def test_time_in_plan_runs_from_the_first_version_to_the_end_of_the_last(organisation, history):
    assert time_to_plan.in_plan(Scope(organisation.pk), PERIOD) == [(89, 1, 1), (214, 1, 3)]


def test_the_table_groups_days_and_gives_the_medians(organisation, history):
    result = time_to_plan.compute(Scope(organisation.pk), PERIOD)
    table = {row.cells["group"].value: {k: c.value for k, c in row.cells.items() if k != "group"}
             for row in result.table.rows}
    assert table["up to 7 days"] == {"to_plan_cases": 1, "to_plan_children": 2, "in_plan_cases": 0,
                                     "in_plan_children": 0}
    assert table["8 to 30 days"]["to_plan_cases"] == 1
    assert table["31 to 90 days"] == {"to_plan_cases": 1, "to_plan_children": 1, "in_plan_cases": 1,
                                      "in_plan_children": 1}
    assert table["181 to 365 days"]["in_plan_children"] == 3
    assert table["Total"] == {"to_plan_cases": 3, "to_plan_children": 3, "in_plan_cases": 2, "in_plan_children": 4}
    median = table["Median, in days (per case)"]
    assert (median["to_plan_cases"], median["in_plan_cases"]) == (9, 151.5)


def test_a_team_counts_only_its_own_cases(organisation, team, history):
    assert time_to_plan.to_plan(Scope(organisation.pk, team_ids=frozenset({team.pk})), PERIOD) == [
        (5, 1, 2), (62, 1, 1)]
