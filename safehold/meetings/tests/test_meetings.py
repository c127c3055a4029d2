"""Meetings on a case and who took part. The map services call these inside their own transaction and checks;
tests here hold the meeting rules themselves."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from safehold.audit.models import AuditEvent
from safehold.cases.voices import resolve_voice
from safehold.meetings.models import Meeting, MeetingKind, Participant
from safehold.meetings.services import meeting_create, meeting_update
from safehold.testing.factories import voice_key


@pytest.fixture
def voices(case, parent, child, caseworker):
    return {name: resolve_voice(case, voice_key(who))
            for name, who in (("parent", parent), ("child", child), ("worker", caseworker))}


@pytest.mark.parametrize("kind", MeetingKind.values)
def test_every_kind_of_meeting_can_be_held(kind, case, caseworker, voices):
    meeting = meeting_create(actor=caseworker, case=case, kind=kind, held_on=case.opened_on,
                             participants=[voices["parent"], voices["worker"]])
    assert meeting.kind == kind
    assert meeting.created_by == caseworker
    assert sorted(meeting.participants.values_list("voice_kind", flat=True)) == ["parent", "worker"]


def test_the_five_kinds_are_the_ones_practice_uses():
    assert set(MeetingKind.values) == {"assessment", "network", "safety_plan", "care_plan", "review"}


@pytest.mark.parametrize("kind", ["", "party", "ASSESSMENT"])
def test_an_unknown_kind_of_meeting_is_refused(kind, case, caseworker):
    with pytest.raises(ValidationError) as error:
        meeting_create(actor=caseworker, case=case, kind=kind, held_on=case.opened_on)
    assert set(error.value.message_dict) == {"meeting_kind"}
    assert not Meeting.objects.exists()


def test_holding_a_meeting_is_audited(case, caseworker, voices):
    meeting = meeting_create(actor=caseworker, case=case, kind="network", held_on=case.opened_on,
                             participants=[voices["parent"]])
    event = AuditEvent.objects.get(object_type="meetings.meeting")
    assert (event.action, event.case_id, event.object_id) == ("create", case.pk, str(meeting.pk))
    assert event.changed_fields == ["held_on", "kind", "participants"]


def test_someone_named_twice_takes_part_once(case, caseworker, voices):
    meeting = meeting_create(actor=caseworker, case=case, kind="review", held_on=case.opened_on,
                             participants=[voices["child"], voices["child"]])
    assert meeting.participants.count() == 1


def test_changing_a_meeting_returns_and_audits_what_changed(case, caseworker, voices):
    meeting = meeting_create(actor=caseworker, case=case, kind="network", held_on=case.opened_on,
                             participants=[voices["parent"], voices["worker"]])
    later = case.opened_on + timedelta(days=3)
    changed = meeting_update(actor=caseworker, case=case, meeting=meeting, kind="review", held_on=later,
                             participants=[voices["worker"], voices["child"]])
    assert changed == ["kind", "held_on", "participants"]
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.held_on, meeting.version) == ("review", later, 2)
    assert set(meeting.participants.values_list("voice_key", flat=True)) == {voices["worker"].key,
                                                                              voices["child"].key}
    event = AuditEvent.objects.get(object_type="meetings.meeting", action="update")
    assert event.changed_fields == ["held_on", "kind", "participants"]


def test_a_meeting_saved_unchanged_records_nothing(case, caseworker, voices):
    meeting = meeting_create(actor=caseworker, case=case, kind="network", held_on=case.opened_on,
                             participants=[voices["parent"]])
    kept = Participant.objects.get(meeting=meeting).pk
    assert meeting_update(actor=caseworker, case=case, meeting=meeting, kind="network", held_on=case.opened_on,
                          participants=[voices["parent"]]) == []
    assert Participant.objects.get(meeting=meeting).pk == kept
    assert meeting.version == 1
    assert not AuditEvent.objects.filter(object_type="meetings.meeting", action="update").exists()


def test_changing_a_meeting_to_an_unknown_kind_is_refused(case, caseworker, voices):
    meeting = meeting_create(actor=caseworker, case=case, kind="network", held_on=case.opened_on)
    with pytest.raises(ValidationError) as error:
        meeting_update(actor=caseworker, case=case, meeting=meeting, kind="nope", held_on=case.opened_on,
                       participants=[])
    assert "meeting_kind" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.kind == "network"


def test_a_meeting_reads_as_its_kind_and_date(case, caseworker):
    meeting = meeting_create(actor=caseworker, case=case, kind="care_plan", held_on=case.opened_on)
    assert str(meeting) == f"Care-plan meeting (Hilfeplangespräch) {case.opened_on:%d/%m/%Y}"
