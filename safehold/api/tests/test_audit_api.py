"""Every API read and change of case data lands in the audit trail, marked as coming through the API."""

from __future__ import annotations

import pytest

from safehold.accounts.services import token_create
from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, Person

JSON = "application/json"
ADDRESS = "203.0.113.42"
AGENT = "safehold-sync/2.1"


@pytest.fixture
def alice_at_her_desk(caseworker, api_client_for):
    """alice's API client, calling from a known address with a known user agent."""
    client = api_client_for(caseworker)
    client.defaults.update(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    return client


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_reading_a_case_records_a_view_through_the_api_with_the_client_address(caseworker, case, alice_at_her_desk):
    since = last_event_id()

    assert alice_at_her_desk.get(f"/api/v1/cases/{case.pk}").status_code == 200

    [event] = new_events(since)
    assert (event.action, event.channel) == ("view", "api")
    assert (event.case_id, event.case_reference) == (case.pk, "JA-2026-0001")
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert (event.actor, event.actor_username) == (caseworker, "alice")
    assert event.organisation_id == case.organisation_id
    assert (event.client_address, event.user_agent) == (ADDRESS, AGENT)
    assert event.changed_fields == []


def test_reading_a_person_records_a_view_of_that_person(case, child, alice_at_her_desk):
    since = last_event_id()

    assert alice_at_her_desk.get(f"/api/v1/cases/{case.pk}/people/{child.pk}").status_code == 200

    [event] = new_events(since)
    assert (event.action, event.channel, event.client_address) == ("view", "api", ADDRESS)
    assert (event.case_id, event.object_type, event.object_id) == (case.pk, "cases.person", str(child.pk))


def test_listing_people_and_cases_records_a_view_of_each_list(case, child, alice_at_her_desk):
    since = last_event_id()

    alice_at_her_desk.get(f"/api/v1/cases/{case.pk}/people")
    alice_at_her_desk.get("/api/v1/cases", {"q": "sorensen"})
    alice_at_her_desk.get("/api/v1/cases", {"q": "nobody by that name"})

    events = new_events(since)
    # A case shown in a list is recorded on that case; an empty result once, without a case.
    assert [(e.action, e.channel, e.object_type, e.case_id) for e in events] == [
        ("view", "api", "cases.person_list", case.pk),
        ("view", "api", "cases.case_list", case.pk),
        ("view", "api", "cases.case_list", None),
    ]


@pytest.mark.parametrize("role", ["colleague", "auditor", "stranger"])
def test_a_refused_read_records_no_view(request, case, child, api_client_for, role):
    client = api_client_for(request.getfixturevalue(role))
    since = last_event_id()

    assert client.get(f"/api/v1/cases/{case.pk}").status_code in (403, 404)
    assert client.get(f"/api/v1/cases/{case.pk}/people/{child.pk}").status_code in (403, 404)

    assert not AuditEvent.objects.filter(pk__gt=since, action="view").exists()


def test_patching_a_case_records_exactly_the_fields_that_changed(case, alice_at_her_desk):
    since = last_event_id()

    response = alice_at_her_desk.patch(f"/api/v1/cases/{case.pk}", {
        "version": 1, "reference": "JA-2026-0001", "family_name": "Sørensen-Holm", "summary": "New worries.",
        "language": "de",
    }, content_type=JSON)

    assert response.status_code == 200
    [event] = new_events(since)
    assert (event.action, event.channel, event.client_address) == ("update", "api", ADDRESS)
    assert (event.case_id, event.object_type) == (case.pk, "cases.case")
    assert event.changed_fields == ["family_name", "summary"]


def test_a_patch_that_changes_nothing_records_nothing(case, alice_at_her_desk):
    since = last_event_id()

    alice_at_her_desk.patch(f"/api/v1/cases/{case.pk}", {"version": 1, "family_name": "Sørensen"}, content_type=JSON)

    assert new_events(since) == []


def test_a_refused_patch_records_nothing(consultant, case, alice_at_her_desk, api_client_for):
    api_client_for(consultant).patch(f"/api/v1/cases/{case.pk}", {"version": 1, "summary": "x"},
                                     content_type=JSON)
    since = last_event_id()

    assert alice_at_her_desk.patch(f"/api/v1/cases/{case.pk}", {"version": 1, "summary": "y"},
                       content_type=JSON).status_code == 409

    assert new_events(since) == []


def test_patching_a_person_records_exactly_the_fields_that_changed(case, child, alice_at_her_desk):
    since = last_event_id()

    response = alice_at_her_desk.patch(f"/api/v1/cases/{case.pk}/people/{child.pk}", {
        "version": 1, "first_name": "Freja", "notes": "Loves football.", "interpreter_needed": True,
    }, content_type=JSON)

    assert response.status_code == 200
    [event] = new_events(since)
    assert (event.action, event.channel, event.object_type, event.object_id) == (
        "update", "api", "cases.person", str(child.pk),
    )
    assert event.case_id == case.pk
    assert event.changed_fields == ["interpreter_needed", "notes"]


def test_a_transition_records_the_status_change(case, alice_at_her_desk):
    since = last_event_id()

    alice_at_her_desk.post(f"/api/v1/cases/{case.pk}/transition", {"status": "closed", "outcome": "placed"},
               content_type=JSON)

    [event] = new_events(since)
    assert (event.action, event.channel, event.case_id) == ("update", "api", case.pk)
    assert event.changed_fields == ["closed_on", "outcome", "outcome_note", "status"]


def test_opening_a_case_records_its_creation(alice_at_her_desk):
    since = last_event_id()

    response = alice_at_her_desk.post("/api/v1/cases", {"reference": "X-1", "family_name": "Weber",
                                                        "summary": "School."}, content_type=JSON)

    case = Case.objects.get(pk=response.json()["id"])
    [event] = new_events(since)
    assert (event.action, event.channel, event.client_address) == ("create", "api", ADDRESS)
    assert (event.case_id, event.object_type, event.object_id) == (case.pk, "cases.case", str(case.pk))
    # The team is the opener's own when the request names none (every case has a team).
    assert event.changed_fields == ["family_name", "language", "opened_on", "reference", "summary", "team"]


def test_adding_and_removing_a_person_records_create_and_delete(case, alice_at_her_desk):
    since = last_event_id()

    created = alice_at_her_desk.post(f"/api/v1/cases/{case.pk}/people", {"role": "network", "first_name": "Jonas"},
                         content_type=JSON)
    person_id = created.json()["id"]
    deleted = alice_at_her_desk.delete(f"/api/v1/cases/{case.pk}/people/{person_id}")

    assert (created.status_code, deleted.status_code) == (201, 204)
    assert not Person.objects.filter(pk=person_id).exists()
    events = new_events(since)
    assert [(e.action, e.channel, e.case_id, e.object_type, e.object_id) for e in events] == [
        ("create", "api", case.pk, "cases.person", str(person_id)),
        ("delete", "api", case.pk, "cases.person", str(person_id)),
    ]
    assert events[0].changed_fields == ["first_name", "role"]


def test_getting_and_revoking_a_token_is_recorded(caseworker, anonymous, alice_at_her_desk):
    since = last_event_id()

    anonymous.post("/api/v1/auth/token", {"username": "alice", "password": "correct horse battery staple"},
                   content_type=JSON, REMOTE_ADDR=ADDRESS)
    spare, _key = token_create(user=caseworker)
    alice_at_her_desk.delete(f"/api/v1/auth/tokens/{spare.pk}")

    events = [e for e in new_events(since) if e.channel == "api"]
    assert [(e.action, e.object_type, e.actor_id) for e in events] == [
        ("create", "accounts.apitoken", caseworker.pk),
        ("login", "", caseworker.pk),
        ("delete", "accounts.apitoken", caseworker.pk),
    ]
    assert events[2].object_id == str(spare.pk)
    assert {e.client_address for e in events} == {ADDRESS}
