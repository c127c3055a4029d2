"""Voices: only the people and assigned workers of a case can speak on it, and a record keeps whose words it
holds even after the name is corrected or the person removed."""

import pytest
from django.core.exceptions import ValidationError

from safehold.cases.voices import Voice, VoiceKind, case_voices, resolve_voice
from safehold.meetings.models import Participant
from safehold.meetings.services import meeting_create
from safehold.testing.factories import CaseFactory, PersonFactory, voice_key


def test_a_case_s_voices_are_its_people_children_first_then_its_workers(case, caseworker, consultant, parent,
                                                                        child):
    network = PersonFactory(case=case, role="network", first_name="Birgit", last_name="Holm")
    voices = case_voices(case)
    assert [v.key for v in voices] == [
        voice_key(child), voice_key(parent), voice_key(network), voice_key(caseworker), voice_key(consultant),
    ]
    assert [v.kind for v in voices] == ["child", "parent", "network", "worker", "worker"]
    assert voices[0] == Voice(key=voice_key(child), kind="child", name="Freja Sørensen", person_id=child.pk)
    assert voices[3].user_id == caseworker.pk
    assert voices[3].name == caseworker.get_full_name()


def test_a_worker_without_a_full_name_is_named_by_username(case, caseworker):
    caseworker.first_name = caseworker.last_name = ""
    caseworker.save()
    worker = next(v for v in case_voices(case) if v.user_id == caseworker.pk)
    assert worker.name == "alice"


def test_case_voices_runs_no_query_when_given_what_it_needs(case, child, django_assert_num_queries):
    people = list(case.people.all())
    assignments = list(case.assignments.select_related("user"))
    with django_assert_num_queries(0):
        voices = case_voices(case, people=people, assignments=assignments)
    assert len(voices) == 3


def test_resolving_a_voice_finds_someone_on_the_case(case, parent, caseworker):
    assert resolve_voice(case, voice_key(parent)).person_id == parent.pk
    assert resolve_voice(case, voice_key(caseworker)).kind == VoiceKind.WORKER


@pytest.mark.parametrize("key", ["", "person:0", "user:0", "nobody", "person:abc"])
def test_a_voice_that_is_not_on_the_case_is_a_field_error(case, parent, key):
    with pytest.raises(ValidationError) as error:
        resolve_voice(case, key, field="participants")
    assert set(error.value.message_dict) == {"participants"}


def test_a_voice_of_another_case_is_refused(case, organisation, stranger, colleague):
    other_case = CaseFactory(organisation=organisation)
    someone_else = PersonFactory(case=other_case, role="parent")
    for key in (voice_key(someone_else), voice_key(stranger), voice_key(colleague)):
        with pytest.raises(ValidationError) as error:
            resolve_voice(case, key)
        assert "voice" in error.value.message_dict


def test_a_voice_label_names_the_person_and_their_part(case, parent):
    assert resolve_voice(case, voice_key(parent)).label == "Camilla Sørensen (Parent)"


def test_a_record_keeps_the_voice_it_was_given_after_the_person_is_removed(case, parent, caseworker):
    key = voice_key(parent)
    meeting = meeting_create(actor=caseworker, case=case, kind="network", held_on=case.opened_on,
                             participants=[resolve_voice(case, key)])
    parent.delete()
    participant = Participant.objects.get(meeting=meeting)
    assert participant.voice_person_id is None
    assert participant.voice_key == key
    assert participant.voice_label == "Camilla Sørensen (Parent)"
