"""Deleting a meeting: who took part, the expectations and the agreements go with it; what the tools above
recorded in it stays where it only names the meeting (a clarification assignment agreed in it, with the meeting
unset, its version moved on, audited) and goes where it belongs to it (its Hilfeplan, audited). The page asks
first, the POST deletes, the API answers 204; afterwards 404; a closed case and the wrong people are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.cases.access import CaseClosed
from safehold.cases.services import case_transition
from safehold.meetings import services
from safehold.meetings.models import Agreement, Expectation, Meeting, Participant, Professional
from safehold.perspective import services as perspective
from safehold.perspective.models import Assignment, HelpPlan
from safehold.testing.factories import voice_key


@pytest.fixture
def meeting(case, caseworker, parent, child):
    return services.meeting_record(
        actor=caseworker, case=case, kind="care_plan", held_on=case.opened_on, place="Jugendamt",
        participants=[services.ParticipantInput(voice=voice_key(parent))],
        professionals=[services.ProfessionalInput(name="Frau Yilmaz", organisation="Jugendamt")],
        expectations=[services.ExpectationInput(voice=voice_key(child), text="Wieder zu Mama")],
        agreements=[services.AgreementInput(what="Umgang zweimal pro Woche", who="Pflegefamilie"),
                    services.AgreementInput(what="Gutachten", who="Frau Yilmaz")])


@pytest.fixture
def assignment(case, caseworker, meeting):
    return perspective.assignment_create(actor=caseworker, case=case, question="Bindung?", meeting=meeting.pk,
                                         due_on=case.opened_on + timedelta(days=30))


def url(name: str, case, meeting) -> str:
    return reverse(f"meetings:{name}", kwargs={"case_id": case.pk, "meeting_id": meeting.pk})


def test_a_meeting_goes_with_its_lists_and_an_assignment_agreed_in_it_stays(case, caseworker, meeting, assignment):
    meeting_id = meeting.pk
    services.meeting_delete(actor=caseworker, case=case, meeting=meeting)
    assert not Meeting.objects.exists()
    for model in (Participant, Professional, Expectation, Agreement):
        assert not model.objects.exists()
    kept = Assignment.objects.get()
    assert kept.meeting is None and kept.question == "Bindung?" and kept.version == assignment.version + 1
    event = AuditEvent.objects.get(action="delete", object_type="meetings.meeting", object_id=str(meeting_id))
    assert event.changed_fields == ["agreements", "expectations", "participants", "professionals"]
    assert AuditEvent.objects.filter(action="update", object_type="perspective.assignment",
                                     object_id=str(assignment.pk), changed_fields=["meeting"]).exists()


def test_its_hilfeplan_goes_with_it_and_is_audited(case, caseworker, meeting, child):
    plan = HelpPlan.objects.create(case=case, meeting=meeting, child=child, situation="Emil ist in Pflege")
    services.meeting_delete(actor=caseworker, case=case, meeting=meeting)
    assert not HelpPlan.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="perspective.helpplan",
                                     object_id=str(plan.pk)).exists()


def test_nothing_goes_on_a_closed_case(case, caseworker, meeting):
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    case.refresh_from_db()
    with pytest.raises(CaseClosed):
        services.meeting_delete(actor=caseworker, case=case, meeting=meeting)
    assert Meeting.objects.exists()


def test_the_page_asks_first_saying_what_goes_and_what_stays(client_for, case, caseworker, meeting, assignment):
    response = client_for(caseworker).get(url("delete", case, meeting))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 participants" in html and "1 expectation gathered beforehand" in html and "2 agreements" in html
    assert "A clarification assignment agreed in this meeting or a map drawn in it is kept" in html
    assert Meeting.objects.exists()
    assert AuditEvent.objects.filter(action="view", object_type="meetings.meeting").exists()


def test_the_post_deletes_and_the_meeting_answers_404_afterwards(client_for, case, caseworker, meeting):
    client = client_for(caseworker)
    detail = url("detail", case, meeting)
    assert url("delete", case, meeting) in client.get(detail).content.decode()
    response = client.post(url("delete", case, meeting))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:list", kwargs={"case_id": case.pk})
    assert not Meeting.objects.exists()
    assert client.get(detail).status_code == 404
    assert client.post(url("delete", case, meeting)).status_code == 404


def test_deleting_needs_the_case_and_the_role(client, client_for, colleague, stranger, auditor, case, meeting):
    assert client.post(url("delete", case, meeting))["Location"].startswith("/accounts/login/")
    assert client_for(colleague).post(url("delete", case, meeting)).status_code == 404
    assert client_for(stranger).post(url("delete", case, meeting)).status_code == 404
    assert client_for(auditor).post(url("delete", case, meeting)).status_code == 403
    assert Meeting.objects.exists()


def test_the_api_deletes_with_204_and_404_for_others(api_client_for, caseworker, stranger, case, meeting):
    api_url = f"/api/v1/cases/{case.pk}/meetings/{meeting.pk}"
    assert api_client_for(stranger).delete(api_url).status_code == 404
    assert Meeting.objects.exists()
    client = api_client_for(caseworker)
    assert client.delete(api_url).status_code == 204
    assert not Meeting.objects.exists()
    assert client.get(api_url).status_code == 404 and client.delete(api_url).status_code == 404


def test_the_api_refuses_on_a_closed_case(api_client_for, caseworker, case, meeting):
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    assert api_client_for(caseworker).delete(f"/api/v1/cases/{case.pk}/meetings/{meeting.pk}").status_code == 403
    assert Meeting.objects.exists()


@pytest.mark.parametrize(("language", "words"), [
    ("de", ["Dieses Gespräch löschen?", "2 Teilnehmende", "2 Vereinbarungen"]),
    ("da", ["Slet dette møde?", "2 deltagere", "2 aftaler"]),
])
def test_the_question_speaks_the_users_language(client_for, caseworker, case, meeting, language, words):
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    with translation.override("en"):  # the request activates the user's language: not for the tests after it
        html = client_for(caseworker).get(url("delete", case, meeting)).content.decode()
    for word in words:
        assert word in html
