"""Screening services: drafts say what is missing, answers carry a voice of the case and may point to map
entries, the worker's decision needs a complete screening, the team lead's where the organisation asks for it,
optimistic locking, a closed case, the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.mapping import services as mapping
from safehold.screening import rules, services
from safehold.screening.models import Screening
from safehold.screening.tests.world import full_answers

DAY = date(2026, 1, 12)


@pytest.fixture
def voice(caseworker):
    return f"user:{caseworker.pk}"


@pytest.fixture
def complete(caseworker, case, voice):
    return services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=full_answers(voice))


def test_a_screening_with_answers_missing_is_a_draft_that_says_what_is_missing(caseworker, case, voice):
    answers = full_answers(voice)
    del answers["serious_harm"], answers["school"]
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=answers)
    assert not screening.complete
    assert services.result_of(screening).missing == ["serious_harm", "school"]
    labels = services.missing_labels(screening)
    assert len(labels) == 2 and "school or day care" in labels[1]


def test_a_complete_fitting_screening_keeps_its_outcome_and_is_audited(complete):
    assert complete.complete and complete.outcome == rules.FITS
    event = AuditEvent.objects.get(action="create", object_type="screening.screening")
    assert "answers.safety_risk" in event.changed_fields


def test_neglect_is_derived_not_answered(caseworker, case, voice):
    answers = full_answers(voice, great_safety_risk="no", neglect_repeated=2)
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=answers)
    assert screening.outcome == rules.FITS
    answers = full_answers(voice, great_safety_risk="no", neglect_repeated=1)
    assert services.screening_create(actor=caseworker, case=case, screened_on=DAY,
                                     answers=answers).outcome == rules.DOES_NOT_FIT


def test_an_answer_needs_a_voice_of_the_case(caseworker, case, stranger):
    with pytest.raises(ValidationError) as refused:
        services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers={
            "safety_risk": {"answer": "yes", "voice": f"user:{stranger.pk}"},
            "danger_to_self": {"answer": "no"}})
    assert set(refused.value.message_dict) == {"answers.safety_risk.voice", "answers.danger_to_self.voice"}


def test_a_condition_is_met_or_not_and_evidence_needs_an_answer(caseworker, case, voice):
    with pytest.raises(ValidationError) as refused:
        services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers={
            "school": {"answer": "unknown", "voice": voice},
            "closeness": {"answer": "", "evidence": "She is never hugged"},
            "nonsense": {"answer": "yes", "voice": voice}})
    assert set(refused.value.message_dict) == {"answers.school.answer", "answers.closeness.answer",
                                               "answers.nonsense"}
    assert not Screening.objects.exists()


def test_a_child_of_another_case_or_a_parent_is_refused(caseworker, case, parent):
    with pytest.raises(ValidationError) as refused:
        services.screening_create(actor=caseworker, case=case, screened_on=DAY, child=parent.pk)
    assert "child" in refused.value.message_dict


def test_an_answer_points_to_entries_of_the_case_s_maps_only(caseworker, case, child, voice):
    map_ = mapping.map_create(actor=caseworker, case=case, title="First")
    entry = mapping.entry_create(actor=caseworker, case=case, map_=map_, voice=f"person:{child.pk}",
                                 part="past_harm", text="Dad hit me")
    screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY, child=child.pk, answers={
        "violence_or_abuse": {"answer": "yes", "voice": f"person:{child.pk}", "evidence": "Dad hit me",
                              "map_entries": [entry.pk]}})
    answer = screening.answers.get()
    assert list(answer.map_entries.all()) == [entry] and answer.voice_name == child.full_name
    with pytest.raises(ValidationError) as refused:
        services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers={
            "danger_to_self": {"answer": "no", "voice": voice, "map_entries": [entry.pk + 1000]}})
    assert "answers.danger_to_self.map_entries" in refused.value.message_dict


def test_the_worker_s_decision_needs_a_complete_screening(caseworker, case, voice):
    draft = services.screening_create(actor=caseworker, case=case, screened_on=DAY,
                                      answers={"safety_risk": {"answer": "yes", "voice": voice}})
    with pytest.raises(ValidationError) as refused:
        services.screening_decide(actor=caseworker, case=case, screening=draft, expected_version=draft.version,
                                  decision="fits", reason="Clearly")
    assert "Missing" in refused.value.message_dict["worker_decision"][0]


def test_the_worker_decides_with_a_reason_beside_the_recommendation(caseworker, case, complete):
    with pytest.raises(ValidationError) as refused:
        services.screening_decide(actor=caseworker, case=case, screening=complete, expected_version=1,
                                  decision="fits", reason=" ")
    assert "worker_reason" in refused.value.message_dict
    services.screening_decide(actor=caseworker, case=case, screening=complete, expected_version=1,
                              decision="does_not_fit", reason="The grandmother moved in yesterday")
    complete.refresh_from_db()
    assert (complete.outcome, complete.worker_decision) == ("fits", "does_not_fit")
    assert complete.worker_decided_by == caseworker and complete.version == 2


def test_changing_the_answers_withdraws_the_decisions(caseworker, case, complete, voice):
    services.screening_decide(actor=caseworker, case=case, screening=complete, expected_version=1,
                              decision="fits", reason="As the screening says")
    changed = services.screening_update(actor=caseworker, case=case, screening=complete, expected_version=2,
                                        answers={"massive_support": {"answer": "no", "voice": voice}})
    complete.refresh_from_db()
    assert complete.worker_decision == "" and complete.outcome == rules.DOES_NOT_FIT
    assert "answers.massive_support" in changed and "worker_decision" in changed


def test_the_team_lead_decides_only_where_the_organisation_asks_and_after_the_worker(
        caseworker, team_lead, case, complete, organisation):
    services.screening_decide(actor=caseworker, case=case, screening=complete, expected_version=1,
                              decision="fits", reason="Yes")
    with pytest.raises(ValidationError):
        services.screening_lead_decide(actor=team_lead, case=case, screening=complete, expected_version=2,
                                       decision="fits", reason="Agreed")
    organisation.screening_needs_team_lead = True
    organisation.save()
    case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.screening_lead_decide(actor=caseworker, case=case, screening=complete, expected_version=2,
                                       decision="fits", reason="Agreed")
    services.screening_lead_decide(actor=team_lead, case=case, screening=complete, expected_version=2,
                                   decision="fits", reason="Agreed")
    complete.refresh_from_db()
    assert complete.lead_decision == "fits" and complete.lead_decided_by == team_lead


def test_the_second_of_two_edits_gets_a_conflict(caseworker, consultant, case, complete, voice):
    stale = Screening.objects.get(pk=complete.pk)
    services.screening_update(actor=consultant, case=case, screening=complete, expected_version=1, note="Mine")
    with pytest.raises(ConflictError):
        services.screening_update(actor=caseworker, case=case, screening=stale, expected_version=1,
                                  answers={"school": {"answer": "no", "voice": voice}})
    assert Screening.objects.get(pk=complete.pk).answers.get(item="school").evidence == "About school"


def test_a_conflict_on_answers_alone_is_caught_too(caseworker, case, complete, voice):
    services.screening_update(actor=caseworker, case=case, screening=complete, expected_version=1, note="Mine")
    stale = Screening.objects.get(pk=complete.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.screening_update(actor=caseworker, case=case, screening=stale, expected_version=1,
                                  answers={"school": {"answer": "yes", "repeated": True, "voice": voice}})


def test_a_closed_case_is_read_only(caseworker, closed_case, voice):
    with pytest.raises(PermissionDenied):
        services.screening_create(actor=caseworker, case=closed_case, screened_on=DAY)


def test_a_reader_cannot_screen(auditor, case):
    with pytest.raises(PermissionDenied):
        services.screening_create(actor=auditor, case=case, screened_on=DAY)


anything = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from([*rules.ITEMS, "nonsense"]),
                       st.dictionaries(st.sampled_from(["answer", "voice", "evidence", "map_entries", "repeated",
                                                        "other"]), anything, max_size=5), max_size=4))
def test_whatever_the_answers_hold_they_are_saved_or_refused_with_field_errors(caseworker, case, answers):
    try:
        screening = services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=answers)
    except ValidationError as refused:
        assert all(key.startswith("answers.") for key in refused.message_dict)
    else:
        assert screening.outcome in (rules.FITS, rules.DOES_NOT_FIT, rules.UNCLEAR)
