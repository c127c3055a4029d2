"""A meeting recorded and changed on its own (its pages, the API): content, refusals, optimistic locking."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.meetings import services
from safehold.meetings.models import Agreement, Meeting
from safehold.testing.factories import voice_key


def _record(case, actor, **extra):
    values = {"kind": "care_plan", "held_on": case.opened_on, "place": "Jugendamt",
              "participants": [services.ParticipantInput(voice=voice_key(actor))], **extra}
    return services.meeting_record(actor=actor, case=case, **values)


def test_a_care_plan_meeting_holds_everything_it_needs(case, caseworker, parent, child):
    meeting = _record(
        case, caseworker, agenda="Return home?", minutes="We talked.", next_on=case.opened_on + timedelta(days=90),
        participants=[services.ParticipantInput(voice=voice_key(parent), presence="excused"),
                      services.ParticipantInput(voice=voice_key(caseworker))],
        professionals=[services.ProfessionalInput(name="Frau Kurz", organisation="Jugendamt")],
        expectations=[services.ExpectationInput(voice=voice_key(child), text="I want to go home"),
                      services.ExpectationInput(voice=voice_key(parent), text="We want our child back")],
        agreements=[services.AgreementInput(what="Parenting course", who="Mother",
                                            due_on=case.opened_on + timedelta(days=30)),
                    services.AgreementInput(what="Visit the day care", who="Caseworker")])
    assert {p.voice_key: p.presence for p in meeting.participants.all()} == {voice_key(parent): "excused",
                                                                             voice_key(caseworker): "present"}
    assert [(p.name, p.organisation) for p in meeting.professionals.all()] == [("Frau Kurz", "Jugendamt")]
    assert [(e.voice_name, e.text) for e in meeting.expectations.all()] == [
        (child.full_name, "I want to go home"), (parent.full_name, "We want our child back")]
    assert [a.what for a in meeting.agreements.all()] == ["Parenting course", "Visit the day care"]
    event = AuditEvent.objects.get(object_type="meetings.meeting", action="create")
    assert "agreements" in event.changed_fields and "Parenting" not in str(event.changed_fields)


def test_a_meeting_without_participants_is_refused(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _record(case, caseworker, participants=[])
    assert "participants" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_a_professional_alone_is_enough(case, caseworker):
    meeting = _record(case, caseworker, participants=[], professionals=[services.ProfessionalInput(name="Dr. Lu")])
    assert meeting.professionals.count() == 1


def test_an_agreement_due_before_the_meeting_is_refused(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _record(case, caseworker, agreements=[
            services.AgreementInput(what="ok", who="A"),
            services.AgreementInput(what="late", who="B", due_on=case.opened_on - timedelta(days=1))])
    assert set(error.value.message_dict) == {"agreements.1.due_on"}


def test_a_next_date_before_the_meeting_is_refused(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _record(case, caseworker, next_on=case.opened_on - timedelta(days=1))
    assert set(error.value.message_dict) == {"next_on"}


def test_an_expectation_must_be_a_parents_or_childs(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _record(case, caseworker, expectations=[services.ExpectationInput(voice=voice_key(caseworker), text="x")])
    assert set(error.value.message_dict) == {"expectations.0.voice"}


def test_someone_of_another_case_cannot_take_part(case, caseworker):
    with pytest.raises(ValidationError) as error:
        _record(case, caseworker, participants=[services.ParticipantInput(voice="person:999999")])
    assert "participants" in error.value.message_dict


def test_a_change_from_an_older_version_is_a_conflict(case, caseworker):
    meeting = _record(case, caseworker)
    services.meeting_change(actor=caseworker, case=case, meeting=meeting, expected_version=1,
                            changes={"place": "Kita"})
    stale = Meeting.objects.get(pk=meeting.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.meeting_change(actor=caseworker, case=case, meeting=stale, expected_version=1,
                                changes={"place": "School"})
    assert Meeting.objects.get(pk=meeting.pk).place == "Kita"


def test_a_change_replaces_the_lists_sent_and_keeps_presence(case, caseworker, parent):
    meeting = _record(case, caseworker, participants=[
        services.ParticipantInput(voice=voice_key(caseworker), presence="excused")])
    changed = services.meeting_change(
        actor=caseworker, case=case, meeting=meeting, expected_version=1,
        changes={"participants": [services.ParticipantInput(voice=voice_key(caseworker)),
                                  services.ParticipantInput(voice=voice_key(parent))],
                 "agreements": [services.AgreementInput(what="Call", who="Father")]})
    assert changed == ["participants", "agreements"]
    assert {p.voice_key: p.presence for p in meeting.participants.all()} == {voice_key(caseworker): "excused",
                                                                             voice_key(parent): "present"}
    assert meeting.version == 2


def test_a_meeting_cannot_move_after_its_agreements(case, caseworker):
    meeting = _record(case, caseworker)
    services.agreement_add(actor=caseworker, case=case, meeting=meeting, what="Call", who="A",
                           due_on=case.opened_on + timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        services.meeting_change(actor=caseworker, case=case, meeting=meeting, expected_version=1,
                                changes={"held_on": case.opened_on + timedelta(days=5)})
    assert set(error.value.message_dict) == {"held_on"}


def test_agreements_keep_their_order_and_lock(case, caseworker):
    meeting = _record(case, caseworker)
    first = services.agreement_add(actor=caseworker, case=case, meeting=meeting, what="First", who="A")
    second = services.agreement_add(actor=caseworker, case=case, meeting=meeting, what="Second", who="B")
    assert (first.position, second.position) == (0, 1)
    services.agreement_update(actor=caseworker, case=case, meeting=meeting, agreement=first, expected_version=1,
                              what="First, changed", who="A")
    with pytest.raises(ConflictError):
        services.agreement_update(actor=caseworker, case=case, meeting=meeting,
                                  agreement=Agreement.objects.get(pk=first.pk), expected_version=1,
                                  what="Other", who="A")
    with pytest.raises(ValidationError) as error:
        services.agreement_add(actor=caseworker, case=case, meeting=meeting, what="Late", who="A",
                               due_on=case.opened_on - timedelta(days=1))
    assert set(error.value.message_dict) == {"due_on"}


def test_the_last_participant_stays(case, caseworker):
    meeting = _record(case, caseworker, participants=[], professionals=[services.ProfessionalInput(name="Dr. Lu")])
    with pytest.raises(ValidationError):
        services.professional_remove(actor=caseworker, case=case, meeting=meeting,
                                     professional=meeting.professionals.get())


def test_presence_is_set_under_the_meetings_version(case, caseworker):
    meeting = _record(case, caseworker)
    participant = meeting.participants.get()
    services.presence_set(actor=caseworker, case=case, meeting=meeting, expected_version=1,
                          participants={participant.pk: "excused"}, professionals={})
    participant.refresh_from_db()
    assert participant.presence == "excused"
    with pytest.raises(ConflictError):
        services.presence_set(actor=caseworker, case=case, meeting=meeting, expected_version=1,
                              participants={participant.pk: "present"}, professionals={})


def test_a_closed_case_refuses_a_meeting(closed_case, caseworker):
    from django.core.exceptions import PermissionDenied

    from safehold.cases.access import CaseClosed
    with pytest.raises((CaseClosed, PermissionDenied)):
        _record(closed_case, caseworker)
