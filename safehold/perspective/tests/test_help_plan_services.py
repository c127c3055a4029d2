"""The Hilfeplan's services (perspective/help_plans.py): writing and updating the plan with optimistic locking,
what is refused with which field, sign-offs once per person and not before the meeting, a change of the text
withdrawing the sign-offs (audited), a closed case read-only, and the audit trail of every change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.cases.access import CaseClosed
from safehold.cases.models import LegalBasis
from safehold.core.versioning import ConflictError
from safehold.meetings import services as meetings
from safehold.perspective import help_plans
from safehold.perspective.models import HelpPlan, HelpPlanSignOff
from safehold.perspective.tests import help_plan_world
from safehold.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def world(case, caseworker, child, parent):
    return help_plan_world.build(case, caseworker, child=child, parent=parent)


@pytest.fixture
def plan(case, caseworker, child, world):
    return help_plan_world.write(case, caseworker, world, child)


def save(case, actor, world, expected_version, **fields):
    return help_plans.help_plan_save(actor=actor, case=case, meeting=world.meeting,
                                     expected_version=expected_version, **fields)


def refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_plan_is_written_with_its_goals_one_a_line_and_audited(plan, world, case):
    assert plan.meeting == world.meeting and plan.case == case
    assert plan.goal_list == ["Rückkehr prüfen", "Kontakte stärken"]
    assert {b.code for b in plan.legal_bases.all()} == {"SGB VIII § 27", "SGB VIII § 36"}
    assert AuditEvent.objects.filter(action="create", object_type="perspective.helpplan",
                                     object_id=str(plan.pk)).exists()


def test_changing_the_plan_needs_the_version_read(plan, world, case, caseworker, child):
    saved = save(case, caseworker, world, plan.version, child=child.pk, help="Rückführung mit Familienhilfe")
    # A PUT: what is left out is emptied.
    assert saved.changed == ["placement", "situation", "goals", "help", "provider", "legal_bases"]
    assert saved.plan.version == plan.version + 1
    with pytest.raises(ConflictError):
        save(case, caseworker, world, plan.version, child=child.pk, help="Something else")


def test_a_second_new_plan_for_the_same_meeting_is_a_conflict(plan, world, case, caseworker, child):
    with pytest.raises(ConflictError):
        save(case, caseworker, world, None, child=child.pk, help="Written at the same time")
    assert HelpPlan.objects.count() == 1


def test_a_meeting_of_another_kind_has_no_plan(case, caseworker, child, parent):
    network = meetings.meeting_record(actor=caseworker, case=case, kind="network", held_on=case.opened_on,
                                      participants=[meetings.ParticipantInput(voice=f"person:{parent.pk}")])
    errors = refused(lambda: help_plans.help_plan_save(actor=caseworker, case=case, meeting=network,
                                                       expected_version=None, child=child.pk, help="x"))
    assert "care-plan meeting" in errors["meeting"][0]


def test_a_child_of_another_case_is_refused_on_the_child(case, caseworker, world, parent):
    stranger_child = PersonFactory(case=CaseFactory(organisation=case.organisation), role="child")
    errors = refused(lambda: save(case, caseworker, world, None, child=stranger_child.pk, help="x"))
    assert list(errors) == ["child"]
    errors = refused(lambda: save(case, caseworker, world, None, child=parent.pk, help="x"))
    assert list(errors) == ["child"]


def test_a_placement_of_another_child_is_refused_on_the_placement(case, caseworker, world):
    sibling = PersonFactory(case=case, role="child", first_name="Mia")
    errors = refused(lambda: save(case, caseworker, world, None, child=sibling.pk, placement=world.placement.pk,
                                  help="x"))
    assert list(errors) == ["placement"]
    assert "Mia" in errors["placement"][0]
    # Both names isolated (FSI … PDI), so that neither reorders the words of the sentence.
    placed, chosen = world.placement.child.full_name, sibling.full_name
    assert f"This placement is of \u2068{placed}\u2069: choose one of \u2068{chosen}\u2069's" in errors["placement"][0]


def test_a_legal_basis_of_another_organisation_or_country_is_refused(case, caseworker, world, child,
                                                                     other_organisation):
    theirs = LegalBasis.objects.create(organisation=other_organisation, code="Barnets Lov § 91", label="x",
                                       country="DK")
    errors = refused(lambda: save(case, caseworker, world, None, child=child.pk, help="x", legal_bases=[theirs.pk]))
    assert list(errors) == ["legal_bases"]
    danish = LegalBasis.objects.create(organisation=case.organisation, code="Barnets Lov § 91", label="x",
                                       country="DK")
    errors = refused(lambda: save(case, caseworker, world, None, child=child.pk, help="x", legal_bases=[danish.pk]))
    assert list(errors) == ["legal_bases"]


def test_the_help_is_required(case, caseworker, world, child):
    assert list(refused(lambda: save(case, caseworker, world, None, child=child.pk, help="  "))) == ["help"]


def test_a_participant_and_a_professional_sign_once_each(plan, world, case, caseworker, parent):
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                  how="in_person")
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                  signer=f"professional:{world.professional.pk}", how="phone")
    assert [(s.name, s.how) for s in plan.sign_offs.all()] == [(parent.full_name, "in_person"),
                                                              ("Frau Yilmaz", "phone")]
    errors = refused(lambda: help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                                           signer=f"person:{parent.pk}", how="phone"))
    assert errors["signer"][0] == f"\u2068{parent.full_name}\u2069 has already signed this plan."
    assert AuditEvent.objects.filter(action="create", object_type="perspective.helpplansignoff").count() == 2


def test_someone_who_did_not_take_part_cannot_sign(plan, case, caseworker, child):
    errors = refused(lambda: help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                                           signer=f"person:{child.pk}", how="in_person"))
    assert list(errors) == ["signer"]


def test_a_sign_off_before_the_meeting_or_in_the_future_is_refused(plan, world, case, caseworker, parent):
    day_before = world.meeting.held_on - timedelta(days=1)
    errors = refused(lambda: help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                                           signer=f"person:{parent.pk}", how="in_person",
                                                           signed_on=day_before))
    assert list(errors) == ["signed_on"]
    errors = refused(lambda: help_plans.help_plan_sign_off(
        actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}", how="in_person",
        signed_on=world.meeting.held_on + timedelta(days=400)))
    assert list(errors) == ["signed_on"]


def test_a_sign_off_of_an_older_text_is_a_conflict(plan, world, case, caseworker, parent, child):
    shown = plan.version
    save(case, caseworker, world, plan.version, child=child.pk, help="Changed meanwhile")
    with pytest.raises(ConflictError):
        help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                      how="in_person", plan_version=shown)


def test_changing_the_text_withdraws_the_sign_offs_and_audits_it(plan, world, case, caseworker, parent, child):
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                  how="in_person")
    saved = save(case, caseworker, world, plan.version, child=child.pk, placement=world.placement.pk,
                 situation=plan.situation, goals=plan.goals, help="Rückführung mit Familienhilfe",
                 provider=plan.provider, legal_bases=[world.section_27.pk, world.section_36.pk])
    assert saved.changed == ["help"] and saved.withdrawn == [parent.full_name]
    assert not HelpPlanSignOff.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="perspective.helpplansignoff").count() == 1
    assert "sign_offs" in AuditEvent.objects.filter(action="update", object_id=str(plan.pk)).get().changed_fields


def test_saving_the_same_text_keeps_the_sign_offs(plan, world, case, caseworker, parent, child):
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                  how="in_person")
    saved = save(case, caseworker, world, plan.version, child=child.pk, placement=world.placement.pk,
                 situation=plan.situation, goals=plan.goals, help=plan.help, provider=plan.provider,
                 legal_bases=[world.section_36.pk, world.section_27.pk])
    assert saved.changed == [] and saved.withdrawn == []
    assert HelpPlanSignOff.objects.count() == 1


def test_a_sign_off_is_withdrawn_and_audited(plan, case, caseworker, parent):
    row = help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                        how="phone")
    help_plans.help_plan_sign_off_withdraw(actor=caseworker, case=case, sign_off=row)
    assert not HelpPlanSignOff.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="perspective.helpplansignoff").exists()


def test_a_sign_off_outlives_a_change_of_the_meetings_participants(plan, world, case, caseworker, parent):
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                  signer=f"professional:{world.professional.pk}", how="in_person")
    meeting = world.meeting
    meetings.meeting_change(actor=caseworker, case=case, meeting=meeting, expected_version=meeting.version,
                            changes={"professionals": [meetings.ProfessionalInput(name="Frau Yilmaz",
                                                                                  organisation="Jugendamt Dortmund",
                                                                                  presence="excused")]})
    meeting.refresh_from_db()
    signers = help_plans.meeting_signers(meeting)
    assert help_plans.unsigned(signers, plan.sign_offs.all()) == [s for s in signers if s.name != "Frau Yilmaz"]


def test_a_closed_case_is_read_only(plan, case, caseworker, parent, child, world):
    from safehold.cases.services import case_transition
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    case.refresh_from_db()
    with pytest.raises(CaseClosed):
        save(case, caseworker, world, plan.version, child=child.pk, help="x")
    with pytest.raises(CaseClosed):
        help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                      how="phone")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(situation=st.text(max_size=300), goals=st.text(max_size=300), provider=st.text(max_size=400))
def test_any_text_is_saved_cleaned_or_refused_on_its_field(case, caseworker, child, world, situation, goals,
                                                          provider):
    try:
        saved = save(case, caseworker, world, None, child=child.pk, help="Hilfe", situation=situation,
                     goals=goals, provider=provider)
    except ValidationError as error:
        assert set(error.message_dict) <= {"situation", "goals", "provider"}
        return
    plan = saved.plan
    plan.refresh_from_db()
    assert "\x00" not in plan.situation + plan.goals + plan.provider
    assert all(line and line == line.strip() for line in plan.goal_list)
    plan.delete()
