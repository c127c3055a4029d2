"""POST/GET/PATCH /api/v1/cases/{case_id}/screenings…: drafts with what is missing, the result item by item,
400 with field errors, 409 on a conflict, 404 for other organisations, the decisions."""

from __future__ import annotations

import json
from datetime import date

import pytest

from safehold.audit.models import AuditEvent
from safehold.screening import services
from safehold.screening.models import Screening
from safehold.screening.tests.world import full_answers

JSON = "application/json"
DAY = date(2026, 1, 12)


def _url(case, screening=None) -> str:
    base = f"/api/v1/cases/{case.pk}/screenings"
    return base if screening is None else f"{base}/{screening.pk}"


@pytest.fixture
def voice(caseworker):
    return f"user:{caseworker.pk}"


def test_a_screening_is_posted_with_an_answer_missing_and_kept_as_a_draft(alice, case, child, voice):
    answers = full_answers(voice, great_safety_risk="no", neglect_repeated=2)
    del answers["school"]
    response = alice.post(_url(case), {"screened_on": "2026-01-12", "child": child.pk, "answers": answers},
                          content_type=JSON)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["complete"] is False and body["result"]["missing"] == ["school"]
    assert body["result"]["risks"]["gross_neglect"] == "yes" and body["child"]["id"] == child.pk
    assert body["result"]["neglect"]["counted"] == 2
    assert body["outcome"] == "fits"  # already clear: the missing condition cannot change it


def test_bad_input_answers_400_with_field_errors(alice, case, voice):
    response = alice.post(_url(case), {"screened_on": "2026-01-12", "answers": {
        "safety_risk": {"answer": "yes"}, "school": {"answer": "unknown", "voice": voice}}}, content_type=JSON)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"answers.safety_risk.voice", "answers.school.answer"}
    response = alice.post(_url(case), {"screened_on": "2026-01-12", "answers": {"nonsense": {"answer": "yes"}}},
                          content_type=JSON)
    assert response.status_code == 400
    assert not Screening.objects.exists()


def test_list_and_read_are_audited(alice, caseworker, case, voice):
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY,
                                          answers=full_answers(voice))
    body = alice.get(_url(case)).json()
    assert body["count"] == 1 and len(body["items"][0]["answers"]) == 14
    assert alice.get(_url(case, screening)).json()["outcome"] == "fits"
    assert AuditEvent.objects.filter(action="view", object_type="screening.screening").exists()
    assert AuditEvent.objects.filter(action="view", object_type="screening.screening_list").exists()


def test_patch_changes_answers_then_decides_and_a_stale_version_is_409(alice, caseworker, case, voice):
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY,
                                          answers=full_answers(voice))
    response = alice.patch(_url(case, screening), json.dumps({
        "version": 1, "answers": {"danger_to_self": {"answer": "yes", "voice": voice, "evidence": "She ran off"}},
        "worker_decision": "fits", "worker_reason": "Two risks"}), content_type=JSON)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["worker_decision"] == "fits" and body["version"] == 3
    stale = alice.patch(_url(case, screening), json.dumps({"version": 1, "note": "late"}), content_type=JSON)
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 3


def test_a_refused_decision_undoes_the_whole_patch(alice, caseworker, case, voice):
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY)
    response = alice.patch(_url(case, screening), json.dumps({
        "version": 1, "note": "changed", "worker_decision": "fits", "worker_reason": "Sure"}), content_type=JSON)
    assert response.status_code == 400 and "worker_decision" in response.json()["errors"]
    assert Screening.objects.get().note == ""


def test_the_team_lead_decides_through_the_api(api_client_for, team_lead, caseworker, case, organisation, voice):
    organisation.screening_needs_team_lead = True
    organisation.save()
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY,
                                          answers=full_answers(voice))
    services.screening_decide(actor=caseworker, case=case, screening=screening, expected_version=1,
                              decision="fits", reason="Clear")
    response = api_client_for(team_lead).patch(_url(case, screening), json.dumps({
        "version": 2, "lead_decision": "does_not_fit", "lead_reason": "The network holds"}), content_type=JSON)
    assert response.status_code == 200 and response.json()["lead_decision"] == "does_not_fit"
    response = api_client_for(caseworker).patch(_url(case, screening), json.dumps({
        "version": 3, "lead_decision": "fits", "lead_reason": "Me"}), content_type=JSON)
    assert response.status_code == 403


def test_another_organisation_gets_404(api_client_for, stranger, caseworker, case):
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY)
    client = api_client_for(stranger)
    assert client.get(_url(case, screening)).status_code == 404
    assert client.post(_url(case), {"screened_on": "2026-01-12"}, content_type=JSON).status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(alice, caseworker, case, voice, django_assert_max_num_queries):
    for _ in range(4):
        services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=full_answers(voice))
    with django_assert_max_num_queries(12):
        alice.get(_url(case))
