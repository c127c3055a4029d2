"""Meetings through the API: /api/v1/cases/{id}/meetings… with participants, professionals, expectations and
agreements; the same services as the pages."""

from __future__ import annotations

import json
from datetime import timedelta

from safehold.audit.models import AuditEvent
from safehold.meetings import services
from safehold.meetings.models import Meeting
from safehold.testing.factories import voice_key

JSON = "application/json"


def _url(case, meeting=None) -> str:
    return f"/api/v1/cases/{case.pk}/meetings" + (f"/{meeting.pk}" if meeting else "")


def _body(case, actor, **extra):
    return {"kind": "care_plan", "held_on": case.opened_on.isoformat(), "place": "Jugendamt",
            "participants": [{"voice": voice_key(actor)}], **extra}


def _meeting(case, actor):
    return services.meeting_record(actor=actor, case=case, kind="care_plan", held_on=case.opened_on,
                                   participants=[services.ParticipantInput(voice=voice_key(actor))])


def test_a_meeting_is_created_with_everything(api_client_for, case, caseworker, parent, child):
    body = _body(case, caseworker, next_on=(case.opened_on + timedelta(days=60)).isoformat(),
                 professionals=[{"name": "Frau Kurz", "organisation": "Jugendamt", "presence": "excused"}],
                 expectations=[{"voice": voice_key(child), "text": "Home"}],
                 agreements=[{"what": "Course", "who": "Mother"}, {"what": "Visit", "who": "Worker"}])
    response = api_client_for(caseworker).post(_url(case), json.dumps(body), content_type=JSON)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [a["what"] for a in data["agreements"]] == ["Course", "Visit"]
    assert data["professionals"][0]["presence"] == "excused"
    assert data["expectations"][0]["name"] == child.full_name
    assert data["participants"][0]["presence"] == "present"


def test_bad_input_answers_400_with_the_fields(api_client_for, case, caseworker):
    body = _body(case, caseworker, participants=[],
                 agreements=[{"what": "Late", "who": "A", "due_on": (case.opened_on - timedelta(1)).isoformat()}],
                 next_on=(case.opened_on - timedelta(1)).isoformat())
    response = api_client_for(caseworker).post(_url(case), json.dumps(body), content_type=JSON)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"participants", "agreements.0.due_on", "next_on"}
    assert not Meeting.objects.exists()


def test_list_and_get_are_audited(api_client_for, case, caseworker):
    meeting = _meeting(case, caseworker)
    client = api_client_for(caseworker)
    listed = client.get(_url(case))
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert client.get(_url(case, meeting)).json()["id"] == meeting.pk
    assert AuditEvent.objects.filter(action="view", object_type="meetings.meeting_list").exists()
    assert AuditEvent.objects.filter(action="view", object_type="meetings.meeting", object_id=str(meeting.pk)).exists()


def test_the_list_takes_constant_queries(api_client_for, case, caseworker, django_assert_max_num_queries):
    _meeting(case, caseworker)
    client = api_client_for(caseworker)
    with django_assert_max_num_queries(30) as few:
        client.get(_url(case))
    for _i in range(3):
        services.agreement_add(actor=caseworker, case=case, meeting=_meeting(case, caseworker), what="x", who="y")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_url(case)).json()["count"] == 4


def test_a_patch_changes_and_a_stale_one_is_409(api_client_for, case, caseworker):
    meeting = _meeting(case, caseworker)
    client = api_client_for(caseworker)
    ok = client.patch(_url(case, meeting), json.dumps({"version": 1, "minutes": "Done",
                                                      "agreements": [{"what": "Call", "who": "Dad"}]}),
                      content_type=JSON)
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["agreements"][0]["who"] == "Dad"
    stale = client.patch(_url(case, meeting), json.dumps({"version": 1, "minutes": "Other"}), content_type=JSON)
    assert stale.status_code == 409
    assert stale.json()["current"]["minutes"] == "Done"


def test_a_patch_cannot_remove_every_participant(api_client_for, case, caseworker):
    meeting = _meeting(case, caseworker)
    response = api_client_for(caseworker).patch(_url(case, meeting), json.dumps({"version": 1, "participants": []}),
                                                content_type=JSON)
    assert response.status_code == 400 and "participants" in response.json()["errors"]


def test_another_organisation_gets_404(api_client_for, case, caseworker, stranger):
    meeting = _meeting(case, caseworker)
    assert api_client_for(stranger).get(_url(case, meeting)).status_code == 404


def test_an_auditor_may_not_create(api_client_for, case, caseworker, auditor):
    response = api_client_for(auditor).post(_url(case), json.dumps(_body(case, caseworker)), content_type=JSON)
    assert response.status_code == 403
