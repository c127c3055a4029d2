"""Deleting through the API: DELETE on a placement, a contact, an assignment and the recommendation answers 204
through the same services as the pages; afterwards, and for another organisation or another case's ids, 404; a
closed case 403."""

from __future__ import annotations

from datetime import date

import pytest

from safehold.audit.models import AuditEvent
from safehold.cases.services import case_transition
from safehold.perspective import services
from safehold.perspective.models import Assignment, Contact, Placement, Recommendation
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

START = date(2026, 3, 2)


@pytest.fixture
def placement(caseworker, case, child):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=START, time_frame_months=6)


@pytest.fixture
def contact(caseworker, case, placement):
    return services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 9),
                                   status="held")


@pytest.fixture
def assignment(caseworker, case, contact):
    return services.assignment_create(actor=caseworker, case=case, question="Bindung?", status="answered",
                                      findings="sicher", contacts=[contact.pk])


@pytest.fixture
def recommendation(caseworker, case, placement, assignment):
    return services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                        option="return_home", reasons="weil", assignments=[assignment.pk])


def base(case) -> str:
    return f"/api/v1/cases/{case.pk}"


def test_a_contact_is_deleted_and_then_404(api_client_for, caseworker, case, placement, contact, assignment):
    client = api_client_for(caseworker)
    contact_url = f"{base(case)}/placements/{placement.pk}/contacts/{contact.pk}"
    assert client.delete(contact_url).status_code == 204
    assert not Contact.objects.exists() and Assignment.objects.get().contacts.count() == 0
    assert AuditEvent.objects.filter(action="delete", object_type="perspective.contact", channel="api").exists()
    assert client.get(contact_url).status_code == 404
    assert client.delete(contact_url).status_code == 404


def test_an_assignment_and_the_recommendation_are_deleted(api_client_for, caseworker, case, placement, assignment,
                                                         recommendation):
    client = api_client_for(caseworker)
    recommendation_url = f"{base(case)}/placements/{placement.pk}/recommendation"
    assert client.delete(f"{base(case)}/clarification-assignments/{assignment.pk}").status_code == 204
    assert Recommendation.objects.get().assignments.count() == 0
    assert client.delete(recommendation_url).status_code == 204
    assert not Recommendation.objects.exists()
    assert client.delete(recommendation_url).status_code == 404  # there is none now
    assert client.get(f"{base(case)}/clarification-assignments/{assignment.pk}").status_code == 404


def test_a_placement_is_deleted_with_its_contacts(api_client_for, caseworker, case, placement, contact,
                                                 recommendation):
    client = api_client_for(caseworker)
    assert client.delete(f"{base(case)}/placements/{placement.pk}").status_code == 204
    assert not Placement.objects.exists() and not Contact.objects.exists() and not Recommendation.objects.exists()
    assert client.get(f"{base(case)}/placements/{placement.pk}").status_code == 404
    assert client.get(f"{base(case)}/placements/{placement.pk}/timeline.svg").status_code == 404


def test_another_organisation_gets_404_and_nothing_goes(api_client_for, stranger, case, placement, contact,
                                                       assignment, recommendation):
    client = api_client_for(stranger)
    for path in (f"/placements/{placement.pk}/contacts/{contact.pk}", f"/placements/{placement.pk}/recommendation",
                 f"/clarification-assignments/{assignment.pk}", f"/placements/{placement.pk}"):
        assert client.delete(base(case) + path).status_code == 404
    assert Placement.objects.count() == Contact.objects.count() == Assignment.objects.count() == 1
    assert Recommendation.objects.count() == 1


def test_ids_of_another_case_are_404(api_client_for, caseworker, organisation, team, case, placement, contact):
    other = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=other, user=caseworker)
    other_placement = services.placement_create(actor=caseworker, case=other,
                                                child=PersonFactory(case=other, role="child").pk,
                                                setting="kinship", starts_on=START)
    client = api_client_for(caseworker)
    assert client.delete(f"{base(case)}/placements/{other_placement.pk}").status_code == 404
    assert client.delete(f"{base(other)}/placements/{other_placement.pk}/contacts/{contact.pk}").status_code == 404
    assert Placement.objects.count() == 2 and Contact.objects.count() == 1


def test_a_closed_case_refuses(api_client_for, caseworker, case, placement):
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    response = api_client_for(caseworker).delete(f"{base(case)}/placements/{placement.pk}")
    assert response.status_code == 403
    assert Placement.objects.exists()


def test_an_auditor_may_not_delete(api_client_for, auditor, case, placement):
    assert api_client_for(auditor).delete(f"{base(case)}/placements/{placement.pk}").status_code == 403
    assert Placement.objects.exists()
