"""Caseload per team and per worker, and overdue reviews, today, on a hand-built data set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.accounts.models import Role
from safehold.cases.models import CaseAssignment, CaseStatus
from safehold.reports import caseload, teams
from safehold.reports.base import Period, Scope
from safehold.reports.tests.data import case_with_children, plan
from safehold.testing.factories import AssignmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERIOD = Period(TODAY - timedelta(days=30), TODAY)


@pytest.fixture
def world(organisation, team, other_organisation):
    team_b = TeamFactory(organisation=organisation, name="ASD Süd")
    a1 = case_with_children(organisation, team, children=2)
    plan(a1, activated_on=TODAY - timedelta(days=20), next_review_on=TODAY - timedelta(days=3), review_every_days=14)
    a2 = case_with_children(organisation, team, children=1)
    plan(a2, activated_on=TODAY - timedelta(days=60), next_review_on=TODAY - timedelta(days=20), review_every_days=14)
    a3 = case_with_children(organisation, team, children=5, status=CaseStatus.CLOSED, closed_on=TODAY)
    b1 = case_with_children(organisation, team_b)
    plan(b1, activated_on=TODAY - timedelta(days=9), next_review_on=TODAY + timedelta(days=5))
    case_with_children(organisation, None, children=1)
    foreign = case_with_children(other_organisation, None, children=3)
    plan(foreign, activated_on=TODAY - timedelta(days=60), next_review_on=TODAY - timedelta(days=30))
    w1 = UserFactory(organisation=organisation, first_name="Wiebke", last_name="Arndt",
                     roles=[(Role.CASEWORKER, team)])
    w2 = UserFactory(organisation=organisation, first_name="Wolf", last_name="Brandt",
                     roles=[(Role.CASEWORKER, team)])
    AssignmentFactory(case=a1, user=w1)
    AssignmentFactory(case=a2, user=w1, role=CaseAssignment.Role.CONSULTANT)
    AssignmentFactory(case=a3, user=w1)
    AssignmentFactory(case=a1, user=w2)
    return team_b, w1, w2


def _table(result):
    first = result.table.columns[0].key
    return {row.cells[first].value: {k: c.value for k, c in row.cells.items() if k != first}
            for row in result.table.rows}


def test_each_team_shows_its_open_cases_children_and_overdue_reviews(organisation, world):
    table = _table(teams.compute(Scope(organisation.pk), PERIOD))
    assert table == {
        "ASD Nord": {"cases": 2, "children": 3, "plans": 2, "overdue": 2, "overdue_children": 3, "long_overdue": 1},
        "ASD Süd": {"cases": 1, "children": 0, "plans": 1, "overdue": 0, "overdue_children": 0, "long_overdue": 0},
        "No team": {"cases": 1, "children": 1, "plans": 0, "overdue": 0, "overdue_children": 0, "long_overdue": 0},
        "Total": {"cases": 4, "children": 4, "plans": 3, "overdue": 2, "overdue_children": 3, "long_overdue": 1},
    }


def test_a_team_lead_scope_shows_only_the_led_team(organisation, team, world):
    table = _table(teams.compute(Scope(organisation.pk, team_ids=frozenset({team.pk})), PERIOD))
    assert set(table) == {"ASD Nord", "Total"}


def test_caseload_per_worker_counts_open_cases_and_their_children(organisation, world):
    table = _table(caseload.compute(Scope(organisation.pk), PERIOD))
    assert table == {
        "Wiebke Arndt": {"cases": 2, "caseworker": 1, "children": 3},
        "Wolf Brandt": {"cases": 1, "caseworker": 1, "children": 2},
    }


def test_a_workers_own_caseload_has_only_their_line(organisation, world):
    _team_b, w1, _w2 = world
    table = _table(caseload.compute(Scope(organisation.pk, worker_id=w1.pk), PERIOD))
    assert table == {"Wiebke Arndt": {"cases": 2, "caseworker": 1, "children": 3}}
