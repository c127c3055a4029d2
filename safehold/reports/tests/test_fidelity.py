"""Practice fidelity on a hand-built data set: each share's numerator and denominator, and the network's median."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from safehold.cases.models import CaseStatus, Person
from safehold.child_voice.models import Conversation, SafetyHouse, Tool
from safehold.mapping.models import GoalKind, Part
from safehold.network.models import Circle, CirclePlacement
from safehold.network.placements import placements_date
from safehold.reports import fidelity
from safehold.reports.base import Period, Scope
from safehold.reports.tests.data import case_with_children, plan
from safehold.safety_plans.models import PlanStatus, SignOff
from safehold.testing.factories import EntryFactory, MapFactory, PersonFactory
from safehold.words_pictures.models import Story

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


def danger(map_, **fields):
    values = {"part": Part.FUTURE_DANGER, "worried": "Die Schule", "behaviour": "er trinkt",
              "impact": "sie wird verletzt", **fields}
    return EntryFactory(map=map_, **values)


def goal(map_, answers, kind=GoalKind.SAFETY, **fields):
    return EntryFactory(map=map_, part=Part.GOALS, goal_kind=kind, answers=answers, **fields)


def test_danger_statements_on_each_cases_latest_map(organisation, team, other_organisation):
    case = case_with_children(organisation, team, children=1)
    danger(MapFactory(case=case, drawn_on=date(2025, 12, 1)))  # not the latest map
    latest = MapFactory(case=case, drawn_on=date(2026, 3, 1))
    goal(latest, danger(latest))  # answered
    goal(latest, danger(latest), kind=GoalKind.FAMILY)  # a family goal does not answer it
    goal(latest, danger(latest), deleted_at=timezone.now())  # nor does a deleted goal
    danger(latest, deleted_at=timezone.now())  # deleted: not counted
    danger(latest, behaviour="")  # not a whole danger statement
    danger(MapFactory(case=case, drawn_on=date(2026, 8, 1)))  # after the period
    closed = case_with_children(organisation, team, status=CaseStatus.CLOSED, opened_on=date(2025, 1, 1),
                                closed_on=date(2025, 6, 1))
    danger(MapFactory(case=closed, drawn_on=date(2025, 5, 1)))
    danger(MapFactory(case=case_with_children(other_organisation, None), drawn_on=date(2026, 2, 1)))
    assert fidelity.danger_statements(Scope(organisation.pk), PERIOD) == {"total": 3, "met": 1}


def test_children_heard_in_the_three_months_up_to_the_periods_end(organisation, team):
    case = case_with_children(organisation, team)
    heard, on_the_edge, later = (PersonFactory(case=case, role="child") for _n in range(3))
    Conversation.objects.create(case=case, child=heard, held_on=date(2026, 4, 1))
    SafetyHouse.objects.create(case=case, child=on_the_edge, drawn_on=date(2026, 3, 30))  # three months before
    Conversation.objects.create(case=case, child=later, held_on=date(2026, 7, 1))
    other = case_with_children(organisation, team)
    fairy = PersonFactory(case=other, role="child")
    Conversation.objects.create(case=other, child=fairy, held_on=date(2026, 6, 30), tool=Tool.FAIRIES_WIZARDS)
    closed = case_with_children(organisation, team, children=2, status=CaseStatus.CLOSED, closed_on=date(2026, 5, 1))
    for child in Person.objects.filter(case=closed, role="child"):
        Conversation.objects.create(case=closed, child=child, held_on=date(2026, 4, 1))
    assert fidelity.children_heard(Scope(organisation.pk), PERIOD) == {"total": 4, "met": 2}


def test_three_months_before_keeps_to_the_months_end():
    assert fidelity.three_months_before(date(2026, 6, 30)) == date(2026, 3, 30)
    assert fidelity.three_months_before(date(2026, 5, 31)) == date(2026, 2, 28)
    assert fidelity.three_months_before(date(2026, 2, 15)) == date(2025, 11, 15)


def test_the_safety_network_is_who_stands_in_the_inner_and_middle_circles_at_the_periods_end(organisation, team):
    case = case_with_children(organisation, team)
    plan(case, activated_on=date(2026, 2, 1))
    stays, leaves, comes, late = (PersonFactory(case=case, role="network") for _n in range(4))

    def place(person, circle, on):
        CirclePlacement.objects.create(case=case, person=person, circle=circle, placed_on=on)
        placements_date(case, person)  # as network.services.circle_place does

    place(stays, Circle.INNER, date(2026, 1, 1))
    place(leaves, Circle.MIDDLE, date(2026, 1, 1))
    place(leaves, Circle.OUTER, date(2026, 5, 1))
    place(comes, Circle.OUTER, date(2026, 1, 1))
    place(comes, Circle.INNER, date(2026, 6, 1))
    place(late, Circle.INNER, date(2026, 7, 1))
    ended = case_with_children(organisation, team)  # its plan was in force early in the period; no network
    plan(ended, status=PlanStatus.ENDED, activated_on=date(2025, 1, 1), ended_on=date(2026, 1, 15))
    plan(case_with_children(organisation, team), activated_on=date(2026, 7, 15))  # not in force in the period
    assert fidelity.network_sizes(Scope(organisation.pk), PERIOD) == [(0, 1), (2, 1)]
    table = {row.cells["indicator"].value: row.cells for row in
             fidelity.compute(Scope(organisation.pk), PERIOD).table.rows}
    [network] = [cells for label, cells in table.items() if label.startswith("Size of the safety network")]
    assert (network["counted"].value, network["median"].value) == (2, 1.0)


def test_plans_signed_by_the_family_and_explained_to_the_children(organisation, team):
    signed = case_with_children(organisation, team, children=1)
    story = Story.objects.create(case=signed, read_on=date(2026, 2, 10))
    version = plan(signed, activated_on=date(2026, 2, 1), story=story)
    parent = Person.objects.get(case=signed, role="parent")
    SignOff.objects.create(plan=version, person=parent, name="Mutter", how="in_person")
    childless = case_with_children(organisation, team)
    version = plan(childless, activated_on=date(2026, 3, 1))
    friend = PersonFactory(case=childless, role="network")
    SignOff.objects.create(plan=version, person=friend, name="Freund", how="phone")  # the network is not the family
    unread = case_with_children(organisation, team, children=2)
    version = plan(unread, activated_on=date(2026, 4, 1), story=Story.objects.create(case=unread))
    carer = PersonFactory(case=unread, role="caregiver")
    SignOff.objects.create(plan=version, person=carer, name="Pflegemutter", how="in_person")
    plan(signed, status=PlanStatus.ENDED, activated_on=date(2025, 1, 1), ended_on=date(2025, 6, 1),
         version_no=99)  # came into force before the period
    assert fidelity.plans(Scope(organisation.pk), PERIOD) == {
        "total": 3, "signed": 2, "for_children": 2, "explained": 1}
    rows = fidelity.compute(Scope(organisation.pk), PERIOD).table.rows
    shares = {row.cells["indicator"].value: row.cells["share"].value for row in rows}
    assert shares["Safety plans signed by the family"] == pytest.approx(2 / 3)
    assert shares["Safety plans explained to the children with Words & Pictures"] == 0.5
