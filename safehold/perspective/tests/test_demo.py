"""The demo's Perspektivklärung (safehold.demo.perspective): a placement in a Bereitschaftspflegefamilie and six
contacts over eight weeks, one cancelled, on a German case with a toddler; adding it twice adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

from safehold.demo.perspective import ensure_demo_perspective
from safehold.network.models import Relationship
from safehold.perspective.models import Assignment, Contact, Placement, Recommendation
from safehold.perspective.selectors import placement_contacts
from safehold.perspective.timeline import timeline_svg
from safehold.testing.factories import CaseFactory, PersonFactory

TODAY = date(2026, 5, 4)


def test_the_demo_adds_a_placement_with_six_contacts_over_eight_weeks(caseworker, organisation, team):
    from safehold.testing.factories import AssignmentFactory
    case = CaseFactory(organisation=organisation, team=team, language="de")
    AssignmentFactory(case=case, user=caseworker)
    toddler = PersonFactory(case=case, role="child", first_name="Lina", birth_date=date(2024, 9, 1))
    PersonFactory(case=case, role="child", first_name="Paul", birth_date=date(2019, 2, 1))
    PersonFactory(case=case, role="parent", first_name="Sandra")
    PersonFactory(case=case, role="parent", first_name="Marco")

    placement = ensure_demo_perspective(case, caseworker, today=TODAY)

    assert placement is not None and placement.child == toddler and placement.setting == "emergency_foster"
    assert placement.planned_end_on == placement.starts_on.replace(month=placement.starts_on.month + 6)
    assert sorted(c.first_name for c in placement.carers.all()) == ["Heike", "Jörg"]
    assert Relationship.objects.filter(case=case, kind="foster_carer", person_b=toddler).count() == 2
    contacts = placement_contacts(placement)
    assert len(contacts) == 6
    assert [c.status for c in contacts].count("cancelled") == 1
    assert contacts[-1].on - contacts[0].on <= timedelta(weeks=8)
    assert {c.status for c in contacts} == {"held", "cancelled", "planned"}
    svg = timeline_svg(placement, contacts)
    assert svg.count('class="mark ') == 6

    assignments = list(Assignment.objects.filter(case=case))
    assert len(assignments) == 3 and {a.status for a in assignments} == {"answered"}
    assert {a.meeting.kind for a in assignments} == {"care_plan"}
    assert all(a.findings and a.contacts.exists() for a in assignments)
    recommendation = Recommendation.objects.get(placement=placement)
    assert recommendation.option == "return_home" and recommendation.help_needed
    assert recommendation.assignments.count() == 3 and recommendation.parents_view

    assert ensure_demo_perspective(case, caseworker, today=TODAY) is None
    assert Placement.objects.count() == 1 and Contact.objects.count() == 6
    assert Assignment.objects.count() == 3 and Recommendation.objects.count() == 1
