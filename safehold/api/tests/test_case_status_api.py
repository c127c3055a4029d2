"""POST /api/v1/cases/{id}/transition and /reopen: a case's path from referral to closed and back."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safehold.cases.models import Case, CaseStatus, StatusChange

JSON = "application/json"


def transition(client, case, **payload):
    return client.post(f"/api/v1/cases/{case.pk}/transition", payload, content_type=JSON)


def reopen(client, case, **payload):
    return client.post(f"/api/v1/cases/{case.pk}/reopen", payload, content_type=JSON)


def history(case) -> list[tuple[str, str]]:
    return list(StatusChange.objects.filter(case=case).values_list("from_status", "to_status"))


@pytest.fixture
def closed_case(case):
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, outcome="placed", outcome_note="Foster care.",
        closed_on=timezone.localdate(), version=4,
    )
    case.refresh_from_db()
    return case


def test_a_case_moves_one_step_forward(caseworker, case, api_client_for):
    response = transition(api_client_for(caseworker), case, status="assessment", note="Home visit booked.")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("assessment", 2)
    case.refresh_from_db()
    assert (case.status, case.version) == ("assessment", 2)
    assert history(case) == [("referral", "assessment")]
    assert StatusChange.objects.get(case=case).note == "Home visit booked."


def test_a_case_moves_back_from_safety_planning_to_assessment(caseworker, case, api_client_for):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.SAFETY_PLANNING)

    response = transition(api_client_for(caseworker), case, status="assessment")

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "assessment"


def test_closing_a_case_records_outcome_and_date(caseworker, case, api_client_for):
    response = transition(api_client_for(caseworker), case, status="closed", outcome="stayed_home",
                          note="  Safety plan holds.  ")

    assert response.status_code == 200
    body = response.json()
    today = timezone.localdate()
    assert (body["status"], body["outcome"]) == ("closed", "stayed_home")
    assert body["closed_on"] == today.isoformat()
    case.refresh_from_db()
    assert (case.status, case.outcome, case.outcome_note, case.closed_on) == (
        "closed", "stayed_home", "Safety plan holds.", today,
    )
    assert StatusChange.objects.get(case=case).outcome == "stayed_home"


def test_closing_without_an_outcome_is_refused(caseworker, case, api_client_for):
    response = transition(api_client_for(caseworker), case, status="closed")

    assert response.status_code == 400
    assert response.json() == {
        "message": "Choose the outcome before closing the case.",
        "errors": {"outcome": ["Choose the outcome before closing the case."]},
    }
    case.refresh_from_db()
    assert (case.status, case.version, case.closed_on) == ("referral", 1, None)
    assert history(case) == []


def test_a_transition_the_path_does_not_allow_is_refused(caseworker, case, api_client_for):
    response = transition(api_client_for(caseworker), case, status="monitoring")

    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["A case cannot move from “Referral” to “Monitoring”."]}
    case.refresh_from_db()
    assert (case.status, case.version) == ("referral", 1)


def test_an_outcome_on_a_case_that_stays_open_is_refused(caseworker, case, api_client_for):
    response = transition(api_client_for(caseworker), case, status="assessment", outcome="placed")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["outcome"]
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("referral", "")


def test_a_closed_case_does_not_transition(caseworker, closed_case, api_client_for):
    response = transition(api_client_for(caseworker), closed_case, status="assessment")

    assert response.status_code == 403
    assert response.json()["message"] == "This case is closed. Reopen it to change it."
    closed_case.refresh_from_db()
    assert closed_case.status == "closed"


def test_a_transition_against_a_stale_version_answers_409(caseworker, case, api_client_for):
    client = api_client_for(caseworker)
    assert transition(client, case, status="assessment", version=1).status_code == 200

    response = transition(client, case, status="closed", outcome="placed", version=1)

    assert response.status_code == 409
    assert response.json()["current"]["status"] == "assessment"
    assert response.json()["current"]["version"] == 2
    case.refresh_from_db()
    assert (case.status, case.version) == ("assessment", 2)
    assert history(case) == [("referral", "assessment")]


def test_a_closed_case_is_reopened_with_a_reason(caseworker, closed_case, api_client_for):
    response = reopen(api_client_for(caseworker), closed_case, status="safety_planning",
                      reason="  New report from school. ")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["outcome"], body["closed_on"], body["version"]) == (
        "safety_planning", "", None, 5,
    )
    closed_case.refresh_from_db()
    assert (closed_case.status, closed_case.outcome, closed_case.outcome_note) == ("safety_planning", "", "")
    change = StatusChange.objects.get(case=closed_case)
    assert (change.from_status, change.to_status, change.note) == ("closed", "safety_planning",
                                                                   "New report from school.")


def test_reopening_needs_a_reason(caseworker, closed_case, api_client_for):
    response = reopen(api_client_for(caseworker), closed_case, status="assessment", reason="   ")

    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Say why the case is reopened."]}
    closed_case.refresh_from_db()
    assert (closed_case.status, closed_case.outcome) == ("closed", "placed")


def test_only_a_closed_case_can_be_reopened(caseworker, case, api_client_for):
    response = reopen(api_client_for(caseworker), case, status="assessment", reason="Why not.")

    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["Only a closed case can be reopened."]}
    case.refresh_from_db()
    assert (case.status, case.version) == ("referral", 1)


@pytest.mark.parametrize("status", ["referral", "closed", "bogus"])
def test_a_case_is_reopened_into_assessment_safety_planning_or_monitoring_only(
    caseworker, closed_case, api_client_for, status,
):
    response = reopen(api_client_for(caseworker), closed_case, status=status, reason="New worries.")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]
    closed_case.refresh_from_db()
    assert closed_case.status == "closed"
