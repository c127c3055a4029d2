"""The meetings' pages: list, detail, create, edit with optimistic locking, presence, agreements."""

from datetime import timedelta

import pytest
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.meetings import services
from safehold.meetings.models import Agreement, Meeting
from safehold.testing.factories import AssignmentFactory, CaseFactory, voice_key


def _meeting(case, actor, **extra):
    return services.meeting_record(actor=actor, case=case, kind="care_plan", held_on=case.opened_on,
                                   participants=[services.ParticipantInput(voice=voice_key(actor))], **extra)


def _url(name, case, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"case_id": case.pk, **kwargs})


def test_a_meeting_is_recorded_through_its_page(client_for, case, caseworker, parent):
    response = client_for(caseworker).post(_url("create", case), {
        "kind": "care_plan", "held_on": case.opened_on.isoformat(), "place": "Jugendamt",
        "participants": [voice_key(parent), voice_key(caseworker)], "agenda": "", "minutes": "", "next_on": ""})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("detail", case, meeting_id=meeting.pk)
    assert meeting.participants.count() == 2


def test_a_meeting_without_participants_is_refused_next_to_the_field(client_for, case, caseworker):
    response = client_for(caseworker).post(_url("create", case), {
        "kind": "care_plan", "held_on": case.opened_on.isoformat()})
    assert response.status_code == 400
    assert 'id="id_participants_error"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_next_date_before_the_meeting_is_refused_next_to_the_field(client_for, case, caseworker):
    response = client_for(caseworker).post(_url("create", case), {
        "kind": "review", "held_on": case.opened_on.isoformat(), "participants": [voice_key(caseworker)],
        "next_on": (case.opened_on - timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert 'id="id_next_on_error"' in response.content.decode()


def test_the_list_shows_the_newest_first_in_constant_queries(client_for, case, caseworker,
                                                             django_assert_max_num_queries):
    client = client_for(caseworker)
    _meeting(case, caseworker, place="Old place")
    client.get(_url("list", case))
    with django_assert_max_num_queries(12) as few:
        client.get(_url("list", case))
    for days in (3, 6, 9):
        services.meeting_record(actor=caseworker, case=case, kind="review", held_on=case.opened_on + timedelta(days),
                                place=f"Place {days}", participants=[services.ParticipantInput(
                                    voice=voice_key(caseworker))])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("list", case))
    page = response.content.decode()
    assert page.index("Place 9") < page.index("Place 3") < page.index("Old place")


def test_the_detail_is_audited_and_in_constant_queries(client_for, case, caseworker, parent,
                                                       django_assert_max_num_queries):
    meeting = _meeting(case, caseworker, agreements=[services.AgreementInput(what="Course", who="Mother")])
    client = client_for(caseworker)
    client.get(_url("detail", case, meeting_id=meeting.pk))
    with django_assert_max_num_queries(20) as few:
        client.get(_url("detail", case, meeting_id=meeting.pk))
    for i in range(4):
        services.agreement_add(actor=caseworker, case=case, meeting=meeting, what=f"Task {i}", who="A")
        services.professional_add(actor=caseworker, case=case, meeting=meeting, name=f"Pro {i}")
        services.expectation_add(actor=caseworker, case=case, meeting=meeting, voice=voice_key(parent),
                                 text=f"Hope {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("detail", case, meeting_id=meeting.pk))
    assert "Task 3" in response.content.decode()
    assert AuditEvent.objects.filter(action="view", object_type="meetings.meeting", object_id=str(meeting.pk)).exists()


def test_two_people_editing_the_meeting_the_second_gets_a_conflict(client_for, case, caseworker, consultant):
    meeting = _meeting(case, caseworker)
    data = {"kind": "care_plan", "held_on": case.opened_on.isoformat(), "participants": [voice_key(caseworker)],
            "version": 1}
    assert client_for(caseworker).post(_url("edit", case, meeting_id=meeting.pk),
                                       {**data, "place": "Kita"}).status_code == 302
    response = client_for(consultant).post(_url("edit", case, meeting_id=meeting.pk), {**data, "place": "School"})
    assert response.status_code == 409
    assert "School" in response.content.decode() and "Kita" in response.content.decode()
    assert Meeting.objects.get().place == "Kita"


def test_presence_is_recorded(client_for, case, caseworker):
    meeting = _meeting(case, caseworker)
    participant = meeting.participants.get()
    response = client_for(caseworker).post(_url("presence", case, meeting_id=meeting.pk),
                                           {"version": 1, f"participant_{participant.pk}": "excused"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.presence == "excused"


def test_agreements_are_added_changed_and_deleted(client_for, case, caseworker):
    meeting = _meeting(case, caseworker)
    client = client_for(caseworker)
    late = client.post(_url("agreement_create", case, meeting_id=meeting.pk),
                       {"what": "Course", "who": "Mother", "due_on": (case.opened_on - timedelta(1)).isoformat()})
    assert late.status_code == 400 and 'id="id_due_on_error"' in late.content.decode()
    assert client.post(_url("agreement_create", case, meeting_id=meeting.pk),
                       {"what": "Course", "who": "Mother"}).status_code == 302
    agreement = Agreement.objects.get()
    edit = _url("agreement_edit", case, meeting_id=meeting.pk, meeting_agreement_id=agreement.pk)
    assert client.post(edit, {"what": "Course twice", "who": "Mother", "version": 1}).status_code == 302
    assert client.post(edit, {"what": "Stale", "who": "Mother", "version": 1}).status_code == 409
    client.post(_url("agreement_delete", case, meeting_id=meeting.pk, meeting_agreement_id=agreement.pk))
    assert not Agreement.objects.exists()


def test_professionals_and_expectations_are_added_and_removed(client_for, case, caseworker, child):
    meeting = _meeting(case, caseworker)
    client = client_for(caseworker)
    client.post(_url("professional_create", case, meeting_id=meeting.pk),
                {"name": "Frau Kurz", "organisation": "Jugendamt", "presence": "present"})
    client.post(_url("expectation_create", case, meeting_id=meeting.pk),
                {"voice": voice_key(child), "text": "Home"})
    professional, expectation = meeting.professionals.get(), meeting.expectations.get()
    client.post(_url("professional_delete", case, meeting_id=meeting.pk, professional_id=professional.pk))
    client.post(_url("expectation_delete", case, meeting_id=meeting.pk, expectation_id=expectation.pk))
    assert not meeting.professionals.exists() and not meeting.expectations.exists()


def test_an_expectation_of_a_worker_is_refused(client_for, case, caseworker):
    meeting = _meeting(case, caseworker)
    response = client_for(caseworker).post(_url("expectation_create", case, meeting_id=meeting.pk),
                                           {"voice": voice_key(caseworker), "text": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["detail", "edit", "presence", "agreement_create"])
def test_a_meeting_of_another_case_is_not_found(client_for, case, caseworker, name, organisation, team):
    other = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=other, user=caseworker)
    meeting = _meeting(case, caseworker)
    assert client_for(caseworker).get(_url("list", other)).status_code == 200  # the user may open the other case
    assert client_for(caseworker).get(_url(name, other, meeting_id=meeting.pk)).status_code == 404


def test_another_organisation_gets_404(client_for, case, caseworker, stranger):
    meeting = _meeting(case, caseworker)
    assert client_for(stranger).get(_url("detail", case, meeting_id=meeting.pk)).status_code == 404


def test_the_pages_require_login(client, case, caseworker):
    meeting = _meeting(case, caseworker)
    assert client.get(_url("detail", case, meeting_id=meeting.pk)).status_code == 302


def test_an_auditor_may_not_change_a_meeting(client_for, case, caseworker, auditor):
    meeting = _meeting(case, caseworker)
    assert client_for(auditor).post(_url("edit", case, meeting_id=meeting.pk), {}).status_code == 403
