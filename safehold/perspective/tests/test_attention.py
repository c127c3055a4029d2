"""The start page's deadlines of the Perspektivklärung: assignments due within a week or overdue, a placement
ending within four weeks without a recommendation, the next care-plan meeting within two weeks; for the
assigned workers and the team lead only, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.cases.sections import attention_for
from safehold.meetings.models import Meeting
from safehold.perspective import services
from safehold.perspective.attention import perspective_deadlines
from safehold.perspective.models import Placement
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _placement(actor, case, child, *, ends_in_days: int) -> Placement:
    placement = services.placement_create(actor=actor, case=case, child=child.pk, setting="emergency_foster",
                                          starts_on=TODAY() - timedelta(days=150))
    Placement.objects.filter(pk=placement.pk).update(planned_end_on=TODAY() + timedelta(days=ends_in_days))
    placement.refresh_from_db()
    return placement


def test_assignments_due_soon_or_overdue_show_and_others_do_not(case, caseworker):
    services.assignment_create(actor=caseworker, case=case, question="Can the mother read Emil's signals?",
                               due_on=TODAY() - timedelta(days=2))
    services.assignment_create(actor=caseworker, case=case, question="Is the flat safe?",
                               due_on=TODAY() + timedelta(days=5))
    services.assignment_create(actor=caseworker, case=case, question="Later", due_on=TODAY() + timedelta(days=30))
    services.assignment_create(actor=caseworker, case=case, question="Done", due_on=TODAY(), status="answered",
                               findings="Yes.")
    items = {item.message: item.severity for item in perspective_deadlines(caseworker)}
    assert [severity for message, severity in items.items() if "signals" in message] == ["danger"]
    assert [severity for message, severity in items.items() if "flat" in message] == ["warning"]
    assert not [message for message in items if "Later" in message or "Done" in message]


def test_a_placement_ending_within_four_weeks_without_a_recommendation_shows(case, caseworker, child):
    placement = _placement(caseworker, case, child, ends_in_days=20)
    [item] = perspective_deadlines(caseworker)
    assert item.due == placement.planned_end_on
    assert item.message.startswith(f"The placement of \u2068{child.first_name}\u2069 ends on")  # name isolated
    services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                 option="return_home", help_needed="Familienhilfe", reasons="Es geht gut.")
    assert perspective_deadlines(caseworker) == []


def test_a_placement_ending_later_does_not_show(case, caseworker, child):
    _placement(caseworker, case, child, ends_in_days=60)
    assert perspective_deadlines(caseworker) == []


def test_the_next_care_plan_meeting_within_two_weeks_shows_once_per_case(case, caseworker):
    Meeting.objects.create(case=case, kind="care_plan", held_on=TODAY() - timedelta(days=60),
                           next_on=TODAY() + timedelta(days=10))
    Meeting.objects.create(case=case, kind="review", held_on=TODAY() - timedelta(days=5),
                           next_on=TODAY() + timedelta(days=3))
    Meeting.objects.create(case=case, kind="network", held_on=TODAY(), next_on=TODAY() + timedelta(days=1))
    [item] = perspective_deadlines(caseworker)
    assert item.due == TODAY() + timedelta(days=3) and item.severity == "info"


def test_only_the_case_s_workers_and_team_lead_see_them_in_a_fixed_number_of_queries(
        case, caseworker, team_lead, colleague, auditor, django_assert_max_num_queries):
    for n in range(3):
        other = CaseFactory(organisation=case.organisation, team=case.team)
        AssignmentFactory(case=other, user=caseworker)
        services.assignment_create(actor=caseworker, case=other, question=f"Frage {n}", due_on=TODAY())
        _placement(caseworker, other, PersonFactory(case=other, role="child"), ends_in_days=7)
    with django_assert_max_num_queries(5):
        items = perspective_deadlines(caseworker)
    assert len(items) == 6
    assert len(perspective_deadlines(team_lead)) == 6
    assert perspective_deadlines(colleague) == [] and perspective_deadlines(auditor) == []
    assert sum(1 for item in attention_for(caseworker) if "Frage" in item.message) == 3
