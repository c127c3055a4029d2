"""Clarification assignments: what the service refuses (next to which field), optimistic locking, the audit
records, the pages (refusals next to the field, 404 for another organisation, constant query counts)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.meetings import services as meeting_services
from safehold.meetings.models import Meeting
from safehold.perspective import services
from safehold.perspective.models import Assignment
from safehold.testing.factories import CaseFactory

START = date(2026, 3, 2)


@pytest.fixture
def meeting(caseworker, case):
    return meeting_services.meeting_record(
        actor=caseworker, case=case, kind="care_plan", held_on=START,
        professionals=[meeting_services.ProfessionalInput(name="Frau Jugendamt", organisation="Jugendamt")])


@pytest.fixture
def contact(caseworker, case, child, parent):
    placement = services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                          starts_on=START, time_frame_months=6)
    return services.contact_create(actor=caseworker, case=case, placement=placement, on=START + timedelta(7),
                                   status="held", present=[parent.pk])


@pytest.fixture
def assignment(caseworker, case, meeting):
    return services.assignment_create(actor=caseworker, case=case, meeting=meeting.pk,
                                      question="Can the mother read the child's signals?",
                                      commissioned_by="Jugendamt", answered_by="Kinderschutzfachkraft",
                                      due_on=START + timedelta(42))


def url(name: str, case, **kwargs) -> str:
    return reverse(f"perspective:{name}", kwargs={"case_id": case.pk, **kwargs})


def test_an_assignment_is_recorded_with_its_meeting_and_audited(assignment, meeting, caseworker):
    assert assignment.meeting == meeting
    assert assignment.status == "open"
    event = AuditEvent.objects.get(action="create", object_type="perspective.assignment")
    assert "question" in event.changed_fields and "meeting" in event.changed_fields


def test_due_before_the_meeting_is_refused_next_to_the_due_date(caseworker, case, meeting):
    with pytest.raises(ValidationError) as exc:
        services.assignment_create(actor=caseworker, case=case, meeting=meeting.pk, question="Q",
                                   due_on=START - timedelta(1))
    assert set(exc.value.message_dict) == {"due_on"}
    assert not Assignment.objects.exists()


def test_answered_without_findings_is_refused_next_to_the_findings(caseworker, case, assignment):
    with pytest.raises(ValidationError) as exc:
        services.assignment_update(actor=caseworker, case=case, assignment=assignment, expected_version=1,
                                   status="answered")
    assert set(exc.value.message_dict) == {"findings"}


def test_an_empty_question_a_bad_status_and_anothers_meeting_and_contact_are_refused(caseworker, case):
    other = CaseFactory(organisation=case.organisation)
    other_meeting = Meeting.objects.create(case=other, kind="review", held_on=START)
    with pytest.raises(ValidationError) as exc:
        services.assignment_create(actor=caseworker, case=case, meeting=other_meeting.pk, question=" ",
                                   status="done", contacts=[999999])
    assert set(exc.value.message_dict) == {"meeting", "question", "status", "contacts"}


def test_answering_links_contacts_and_a_stale_version_conflicts(caseworker, case, assignment, contact):
    changed = services.assignment_update(actor=caseworker, case=case, assignment=assignment, expected_version=1,
                                         status="answered", findings="She reads them well.",
                                         findings_by="Kinderschutzfachkraft", contacts=[contact.pk])
    assert set(changed) == {"status", "findings", "findings_by", "contacts"}
    assignment.refresh_from_db()
    assert assignment.version == 2 and list(assignment.contacts.all()) == [contact]
    assert AuditEvent.objects.filter(action="update", object_type="perspective.assignment").count() == 1
    with pytest.raises(ConflictError):
        services.assignment_update(actor=caseworker, case=case, assignment=assignment, expected_version=1,
                                   status="withdrawn")


def test_the_pages_list_show_and_create(client_for, caseworker, case, meeting, assignment,
                                        django_assert_max_num_queries):
    client = client_for(caseworker)
    with django_assert_max_num_queries(30):
        listing = client.get(url("assignments", case))
    assert "Can the mother read" in listing.content.decode()
    detail = client.get(url("assignment_detail", case, clarification_id=assignment.pk))
    assert "Kinderschutzfachkraft" in detail.content.decode()
    assert AuditEvent.objects.filter(action="view", object_type="perspective.assignment").exists()
    response = client.post(url("assignment_create", case), {
        "question": "Who could the child live with in the family?", "meeting": meeting.pk, "status": "open",
        "due_on": (START + timedelta(30)).isoformat()})
    assert response.status_code == 302
    assert Assignment.objects.count() == 2


def test_in_whose_words_the_findings_are_is_isolated(client_for, caseworker, case, assignment):
    """A name in Arabic after "in the words of": in a <bdi>, so that it cannot reorder the bracket after it."""
    services.assignment_update(actor=caseworker, case=case, assignment=assignment, expected_version=1,
                               status="answered", findings="She reads them well.", findings_by="مريم حداد")
    detail = client_for(caseworker).get(url("assignment_detail", case, clarification_id=assignment.pk))
    assert "(in the words of <bdi>مريم حداد</bdi>)" in detail.content.decode()


def test_the_list_costs_the_same_with_more_assignments(client_for, caseworker, case, meeting, contact,
                                                       django_assert_num_queries):
    client = client_for(caseworker)
    services.assignment_create(actor=caseworker, case=case, meeting=meeting.pk, question="One",
                               contacts=[contact.pk])
    client.get(url("assignments", case))
    with CaptureQueriesContext(connection) as one:
        client.get(url("assignments", case))
    for n in range(3):
        services.assignment_create(actor=caseworker, case=case, meeting=meeting.pk, question=f"More {n}",
                                   contacts=[contact.pk])
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url("assignments", case))


def test_the_form_shows_refusals_next_to_the_field(client_for, caseworker, case, meeting, assignment):
    response = client_for(caseworker).post(url("assignment_edit", case, clarification_id=assignment.pk), {
        "version": 1, "question": assignment.question, "meeting": meeting.pk, "status": "answered",
        "due_on": (START - timedelta(3)).isoformat()})
    assert response.status_code == 400
    form = response.context["form"]
    assert "findings" in form.errors and "due_on" in form.errors


def test_a_stale_edit_shows_the_conflict(client_for, caseworker, case, assignment):
    services.assignment_update(actor=caseworker, case=case, assignment=assignment, expected_version=1,
                               status="in_progress")
    response = client_for(caseworker).post(url("assignment_edit", case, clarification_id=assignment.pk), {
        "version": 1, "question": "Changed", "status": "open"})
    assert response.status_code == 409
    assignment.refresh_from_db()
    assert assignment.question != "Changed"


def test_another_organisations_assignment_answers_404(client_for, stranger, case, assignment):
    client = client_for(stranger)
    assert client.get(url("assignment_detail", case, clarification_id=assignment.pk)).status_code == 404
    assert client.get(url("assignments", case)).status_code == 404
