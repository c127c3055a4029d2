"""Placements and their contacts through the API: /api/v1/cases/{id}/placements…, the same services as the
pages: field errors as 400, conflicts as 409 with the current record, another organisation as 404, audited
reads and constant query counts."""

from __future__ import annotations

import json
from datetime import date

import pytest

from safehold.audit.models import AuditEvent
from safehold.perspective import services
from safehold.perspective.models import Contact, Placement
from safehold.testing.factories import CaseFactory, PersonFactory

JSON = "application/json"
START = date(2026, 3, 2)


@pytest.fixture
def carer(case):
    return PersonFactory(case=case, role="caregiver", first_name="Heike", last_name="Brandt")


@pytest.fixture
def placement(caseworker, case, child, carer):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=START, time_frame_months=6, carers=[carer.pk])


def placements_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/placements"


def placement_url(placement) -> str:
    return f"/api/v1/cases/{placement.case_id}/placements/{placement.pk}"


def post(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type=JSON)


def patch(client, url: str, body: dict):
    return client.patch(url, data=json.dumps(body), content_type=JSON)


def test_create_and_read_a_placement(alice, case, child, carer):
    response = post(alice, placements_url(case), {
        "child": child.pk, "setting": "emergency_foster", "carers": [carer.pk], "starts_on": "2026-03-02",
        "time_frame_months": 6, "custody": "guardian", "custody_holder": "Amtsvormundschaft Dortmund"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["planned_end_on"] == "2026-09-02"
    assert body["child"] == {"id": child.pk, "name": child.full_name}
    assert body["carers"] == [{"id": carer.pk, "name": carer.full_name}]
    got = alice.get(placement_url(Placement.objects.get()))
    assert got.status_code == 200 and got.json()["custody"] == "guardian"
    assert AuditEvent.objects.filter(action="view", object_type="perspective.placement").exists()
    listed = alice.get(placements_url(case)).json()
    assert listed["count"] == 1


def test_refusals_are_field_errors(alice, case, child, placement, organisation):
    elsewhere = PersonFactory(case=CaseFactory(organisation=organisation), role="caregiver")
    response = post(alice, placements_url(case), {"child": child.pk, "setting": "kinship", "starts_on": "2026-04-01",
                                                  "carers": [elsewhere.pk]})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"carers"}
    response = post(alice, placements_url(case), {"child": child.pk, "setting": "kinship", "starts_on": "2026-04-01"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"starts_on"}
    response = post(alice, placements_url(case), {"child": child.pk, "setting": "kinship", "starts_on": "2027-04-01",
                                                  "planned_end_on": "2027-03-01"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"planned_end_on"}
    response = post(alice, placements_url(case), {"child": child.pk, "setting": "castle", "starts_on": "2027-04-01"})
    assert response.status_code == 400 and "setting" in response.json()["errors"]


def test_patch_with_an_old_version_answers_409_with_the_current_record(alice, placement):
    assert patch(alice, placement_url(placement), {"version": 1, "note": "erste"}).status_code == 200
    response = patch(alice, placement_url(placement), {"version": 1, "note": "zweite"})
    assert response.status_code == 409
    assert response.json()["current"]["note"] == "erste"


def test_patch_clears_the_planned_end_only_where_allowed(alice, placement):
    response = patch(alice, placement_url(placement), {"version": 1, "time_frame_months": None,
                                                       "planned_end_on": None})
    assert response.status_code == 200 and response.json()["planned_end_on"] is None
    response = patch(alice, placement_url(placement), {"version": 2, "setting": None})
    assert response.status_code == 400


def test_contacts_through_the_api(alice, case, placement, parent):
    url = f"{placement_url(placement)}/contacts"
    response = post(alice, url, {"on": "2026-03-09", "present": [parent.pk], "setting": "accompanied"})
    assert response.status_code == 201, response.json()
    contact_id = response.json()["id"]
    response = patch(alice, f"{url}/{contact_id}", {"version": 1, "status": "cancelled"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"cancelled_by", "cancel_reason"}
    response = patch(alice, f"{url}/{contact_id}", {"version": 1, "status": "cancelled", "cancelled_by": "Mutter",
                                                    "cancel_reason": "Termin beim Arzt"})
    assert response.status_code == 200 and response.json()["status_label"]
    response = post(alice, url, {"on": "2026-02-27"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"on"}
    assert alice.get(url).json()["count"] == 1
    assert alice.get(f"{url}/{contact_id}").json()["present"] == [{"id": parent.pk, "name": parent.full_name}]


def test_another_organisation_gets_404(api_client_for, stranger, case, placement):
    client = api_client_for(stranger)
    assert client.get(placements_url(case)).status_code == 404
    assert client.get(placement_url(placement)).status_code == 404
    assert patch(client, placement_url(placement), {"version": 1, "note": "x"}).status_code == 404
    assert Placement.objects.get().note == ""


def test_a_placement_of_another_case_answers_404(alice, caseworker, case, organisation, placement):
    from safehold.testing.factories import AssignmentFactory
    other = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other, user=caseworker)
    assert alice.get(f"/api/v1/cases/{other.pk}/placements/{placement.pk}").status_code == 404
    assert alice.get(f"/api/v1/cases/{other.pk}/placements/{placement.pk}/contacts").status_code == 404


def test_lists_run_the_same_queries_for_more_rows(alice, caseworker, case, placement, parent,
                                                  django_assert_max_num_queries):
    services.contact_create(actor=caseworker, case=case, placement=placement, on=START, present=[parent.pk])
    urls = [placements_url(case), f"{placement_url(placement)}/contacts"]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(100) as captured:
            alice.get(url)
        counts.append(len(captured))
    for i in range(4):
        sibling = PersonFactory(case=case, role="child")
        services.placement_create(actor=caseworker, case=case, child=sibling.pk, setting="kinship",
                                  starts_on=START, carers=[parent.pk])
        services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 3 + i),
                                present=[parent.pk, sibling.pk])
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert alice.get(url).status_code == 200
    assert Contact.objects.count() == 5


# --- clarification assignments ---------------------------------------------------------------------------

@pytest.fixture
def meeting(caseworker, case):
    from safehold.meetings import services as meeting_services
    return meeting_services.meeting_record(
        actor=caseworker, case=case, kind="care_plan", held_on=START,
        professionals=[meeting_services.ProfessionalInput(name="Frau Jugendamt")])


def assignments_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/clarification-assignments"


def test_create_answer_and_read_an_assignment(alice, case, meeting, placement):
    contact = services.contact_create(actor=placement.created_by, case=case, placement=placement, on=START,
                                      status="held")
    response = post(alice, assignments_url(case), {
        "question": "Can the mother read the child's signals?", "meeting": meeting.pk,
        "commissioned_by": "Jugendamt", "due_on": "2026-04-13"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["meeting"] == meeting.pk and body["status"] == "open"
    url = f"{assignments_url(case)}/{body['id']}"
    answered = patch(alice, url, {"version": 1, "status": "answered", "findings": "Mostly, yes.",
                                  "findings_by": "Kinderschutzfachkraft", "contacts": [contact.pk]})
    assert answered.status_code == 200, answered.json()
    assert answered.json()["contacts"] == [contact.pk] and answered.json()["version"] == 2
    assert alice.get(url).json()["findings"] == "Mostly, yes."
    assert AuditEvent.objects.filter(action="view", object_type="perspective.assignment").exists()
    assert alice.get(assignments_url(case)).json()["count"] == 1
    stale = patch(alice, url, {"version": 1, "status": "withdrawn"})
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "answered"


def test_assignment_refusals_are_field_errors(alice, case, meeting):
    response = post(alice, assignments_url(case), {"question": "Q", "meeting": meeting.pk, "due_on": "2026-03-01",
                                                   "status": "answered"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"due_on", "findings"}


def test_another_organisations_assignment_answers_404(api_client_for, stranger, caseworker, case):
    assignment = services.assignment_create(actor=caseworker, case=case, question="Q")
    client = api_client_for(stranger)
    assert client.get(assignments_url(case)).status_code == 404
    assert client.get(f"{assignments_url(case)}/{assignment.pk}").status_code == 404
    assert patch(client, f"{assignments_url(case)}/{assignment.pk}", {"version": 1, "question": "x"}
                 ).status_code == 404
