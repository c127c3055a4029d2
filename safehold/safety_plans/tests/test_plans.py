"""Versions of a safety plan: starting one, copying the latest, editing the sections of a draft, the way
from draft to active, approval by the team lead, 24/7 cover, freezing, audit, closed cases and access."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.access import Perm, access_case
from safehold.cases.perms import CaseClosed
from safehold.core.versioning import ConflictError
from safehold.mapping import services as mapping
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS, WEEKDAYS, cells_for
from safehold.safety_plans.models import PlanStatus, SafetyPlan
from safehold.testing.factories import CaseFactory, PersonFactory, SafetyPlanFactory
from safehold.words_pictures.models import Story


@pytest.fixture
def plan(case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


def add_rule(actor, case, plan, responsible, periods=CELLS, **extra):
    return services.rule_create(actor=actor, case=case, plan=plan, text="Mama ist abends zu Hause",
                                responsible=responsible.pk, periods=list(periods), **extra)


def move(actor, case, plan, *statuses):
    """Through the statuses, with the team lead's comment where one approves and a reason where one sends back."""
    for status in statuses:
        plan = services.plan_transition(actor=actor, case=case, plan=plan, to_status=status,
                                        comment="Geprüft." if status == PlanStatus.APPROVED else "",
                                        reason="Bitte ergänzen." if status == PlanStatus.DRAFT else "")
    return plan


@pytest.fixture
def active(plan, case, caseworker, team_lead, parent):
    add_rule(caseworker, case, plan, parent)
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    return move(team_lead, case, plan, PlanStatus.APPROVED, PlanStatus.ACTIVE)


# --- versions -------------------------------------------------------------------------------------------


def test_a_new_plan_starts_as_draft_version_1_and_is_audited(plan, case, caseworker):
    assert (plan.version_no, plan.status, plan.copied_from) == (1, PlanStatus.DRAFT, None)
    event = AuditEvent.objects.get(object_type="safety_plans.safetyplan", object_id=str(plan.pk))
    assert (event.action, event.actor, event.case) == (AuditEvent.Action.CREATE, caseworker, case)


def test_only_one_version_can_be_in_draft_or_proposed_at_a_time(plan, case, caseworker, parent):
    with pytest.raises(ValidationError, match="already has a plan in draft or proposed"):
        services.plan_create(actor=caseworker, case=case)
    add_rule(caseworker, case, plan, parent)
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    with pytest.raises(ValidationError):
        services.plan_create(actor=caseworker, case=case)
    assert SafetyPlan.objects.filter(case=case).count() == 1


def test_a_new_version_is_a_copy_of_the_latest_and_its_rules_keep_their_lineage(
        active, case, caseworker):
    second = services.plan_create(actor=caseworker, case=case)
    assert (second.version_no, second.status, second.copied_from_id) == (2, PlanStatus.DRAFT, active.pk)
    old_rule, new_rule = active.rules.get(), second.rules.get()
    assert new_rule.pk != old_rule.pk
    assert (new_rule.lineage, new_rule.text, new_rule.responsible_id, new_rule.periods) == (
        old_rule.lineage, old_rule.text, old_rule.responsible_id, old_rule.periods)
    assert second.sign_offs.count() == 0


def test_a_copy_carries_the_sections_contacts_and_agreements(plan, case, caseworker, team_lead,
                                                             parent):
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         minimum_requirements="Freja ist nie allein mit Papa, wenn er getrunken hat",
                         coordinator=parent.pk, child_explanation="Mit Bildern erklärt", review_every_days=7)
    services.contact_add(actor=caseworker, case=case, plan=plan, person=parent.pk, role="Mutter")
    services.agreement_add(actor=caseworker, case=case, plan=plan, agency="Schule",
                           agreement="Meldet sich, wenn Freja ohne Frühstück kommt")
    add_rule(caseworker, case, plan, parent)
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    move(team_lead, case, plan, PlanStatus.APPROVED)
    second = services.plan_create(actor=caseworker, case=case)
    assert (second.minimum_requirements, second.coordinator, second.child_explanation,
            second.review_every_days) == (plan.minimum_requirements, parent, "Mit Bildern erklärt", 7)
    assert [(c.name, c.role) for c in second.contacts.all()] == [(parent.full_name, "Mutter")]
    assert [a.agency for a in second.agreements.all()] == ["Schule"]


# --- editing the sections ---------------------------------------------------------------------------------


def test_the_sections_of_a_draft_are_changed_with_an_audit_record_of_the_fields(plan, case, caseworker):
    changed = services.plan_update(
        actor=caseworker, case=case, plan=plan, expected_version=plan.version,
        if_worries_who_notices="  Die Schule\r\n", if_worries_who_is_called="Die Oma",
        if_worries_authority="Hausbesuch",
        information_given="Alle haben den Plan bekommen", child_explanation="")
    assert sorted(changed) == ["if_worries_authority", "if_worries_who_is_called", "if_worries_who_notices",
                               "information_given"]
    plan.refresh_from_db()
    assert (plan.if_worries_who_notices, plan.version) == ("Die Schule", 2)
    event = AuditEvent.objects.filter(object_id=str(plan.pk), action=AuditEvent.Action.UPDATE).get()
    assert event.changed_fields == sorted(changed)


def test_a_stale_edit_is_refused_with_the_current_plan_and_changes_nothing(plan, case, caseworker):
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=1, minimum_requirements="A")
    stale = SafetyPlan.objects.get(pk=plan.pk)
    stale.version = 1
    with pytest.raises(ConflictError) as caught:
        services.plan_update(actor=caseworker, case=case, plan=stale, expected_version=1, minimum_requirements="B")
    assert caught.value.current.minimum_requirements == "A"
    assert SafetyPlan.objects.get(pk=plan.pk).minimum_requirements == "A"


@pytest.mark.parametrize(("changes", "field"), [
    ({"review_every_days": 0}, "review_every_days"),
    ({"review_every_days": 91}, "review_every_days"),
    ({"minimum_requirements": "x" * 2001}, "minimum_requirements"),
    ({"minimum_requirements": 42}, "minimum_requirements"),
    ({"map": 3}, "map"),
])
def test_bad_sections_are_refused_on_their_field(plan, case, caseworker, changes, field):
    with pytest.raises(ValidationError) as caught:
        services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version, **changes)
    assert list(caught.value.message_dict) == [field]
    assert SafetyPlan.objects.get(pk=plan.pk).version == 1


def test_the_coordinator_the_map_and_the_story_must_belong_to_this_case(plan, case, caseworker, organisation):
    other = CaseFactory(organisation=organisation)
    other_person = PersonFactory(case=other, role="network")
    other_map = mapping.Map.objects.create(case=other, drawn_on=timezone.localdate())
    other_story = Story.objects.create(case=other)
    with pytest.raises(ValidationError) as caught:
        services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                             coordinator=other_person.pk, map=other_map.pk, story=other_story.pk)
    assert caught.value.message_dict == {
        "coordinator": ["Choose a person on this case."], "map": ["Choose a map of this case."],
        "story": ["Choose a Words & Pictures story of this case."]}
    plan.refresh_from_db()
    assert (plan.coordinator, plan.map, plan.story, plan.version) == (None, None, None, 1)


def test_the_coordinator_the_map_and_the_story_are_named_by_their_ids_and_cleared_by_none(plan, case, caseworker,
                                                                                        parent):
    own_map = mapping.map_create(actor=caseworker, case=case)
    story = Story.objects.create(case=case)
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         coordinator=parent.pk, map=own_map.pk, story=story.pk)
    plan.refresh_from_db()
    assert (plan.coordinator, plan.map, plan.story) == (parent, own_map, story)
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         coordinator=None, map=None, story=None)
    plan.refresh_from_db()
    assert (plan.coordinator, plan.map, plan.story, plan.version) == (None, None, None, 3)


# --- from draft to active ---------------------------------------------------------------------------------


def test_a_plan_goes_from_draft_through_approval_by_the_team_lead_to_active(active, team_lead):
    today = timezone.localdate()
    assert (active.status, active.approved_by, active.activated_on) == (PlanStatus.ACTIVE, team_lead, today)
    assert active.next_review_on == today + timedelta(days=14)
    statuses = [e.changed_fields for e in AuditEvent.objects.filter(object_id=str(active.pk),
                                                                      action=AuditEvent.Action.UPDATE)]
    assert len(statuses) == 3


def test_a_proposed_plan_can_go_back_to_draft_and_be_changed(plan, case, caseworker, parent):
    add_rule(caseworker, case, plan, parent)
    move(caseworker, case, plan, PlanStatus.PROPOSED, PlanStatus.DRAFT)
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         minimum_requirements="Neu")
    saved = SafetyPlan.objects.get(pk=plan.pk)
    assert (saved.status, saved.minimum_requirements) == (PlanStatus.DRAFT, "Neu")


def test_a_caseworker_cannot_approve(plan, case, caseworker, parent):
    add_rule(caseworker, case, plan, parent)
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    with pytest.raises(PermissionDenied):
        move(caseworker, case, plan, PlanStatus.APPROVED)
    assert SafetyPlan.objects.get(pk=plan.pk).status == PlanStatus.PROPOSED


def test_a_caseworker_is_refused_approval_even_of_a_plan_with_gaps(plan, case, caseworker, parent):
    add_rule(caseworker, case, plan, parent, periods=["mon:morning"])
    SafetyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PROPOSED)  # proposed before a rule changed
    with pytest.raises(PermissionDenied):
        move(caseworker, case, plan, PlanStatus.APPROVED)
    assert SafetyPlan.objects.get(pk=plan.pk).status == PlanStatus.PROPOSED


@pytest.mark.parametrize("to_status", [PlanStatus.APPROVED, PlanStatus.ACTIVE, PlanStatus.SUPERSEDED, "nonsense"])
def test_a_draft_only_moves_to_proposed(plan, case, team_lead, to_status):
    with pytest.raises(ValidationError) as caught:
        services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=to_status)
    assert "status" in caught.value.message_dict


def test_a_plan_without_rules_cannot_be_proposed(plan, case, caseworker):
    with pytest.raises(ValidationError, match="at least one rule"):
        move(caseworker, case, plan, PlanStatus.PROPOSED)


def test_uncovered_periods_need_a_recorded_reason_to_propose_and_approve(plan, case, caseworker,
                                                                         team_lead, parent):
    add_rule(caseworker, case, plan, parent, periods=cells_for(WEEKDAYS, ["evening", "night"]),
             situation="wenn Papa getrunken hat", holidays=True)
    with pytest.raises(ValidationError) as caught:
        move(caseworker, case, plan, PlanStatus.PROPOSED)
    message = caught.value.message_dict["uncovered_reason"][0]
    assert "Monday, Morning" in message and "Sunday, Night" in message and "Monday, Evening" not in message
    plan.refresh_from_db()
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         uncovered_reason="Tagsüber ist Freja in der Schule, am Wochenende bei Oma")
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    assert move(team_lead, case, plan, PlanStatus.APPROVED).status == PlanStatus.APPROVED


def test_activating_a_version_supersedes_the_one_active_before(active, case, caseworker, team_lead):
    second = services.plan_create(actor=caseworker, case=case)
    move(caseworker, case, second, PlanStatus.PROPOSED)
    move(team_lead, case, second, PlanStatus.APPROVED, PlanStatus.ACTIVE)
    active.refresh_from_db()
    assert (active.status, active.ended_on) == (PlanStatus.SUPERSEDED, timezone.localdate())
    assert list(SafetyPlan.objects.filter(case=case, status=PlanStatus.ACTIVE)) == [second]


def test_an_older_approved_version_cannot_replace_a_later_one_in_force(plan, case, caseworker,
                                                                      team_lead, parent):
    add_rule(caseworker, case, plan, parent)
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    move(team_lead, case, plan, PlanStatus.APPROVED)
    second = services.plan_create(actor=caseworker, case=case)
    move(caseworker, case, second, PlanStatus.PROPOSED)
    move(team_lead, case, second, PlanStatus.APPROVED, PlanStatus.ACTIVE)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUPERSEDED  # approved, never in force, and now replaced
    SafetyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    with pytest.raises(ValidationError, match="later version"):
        move(team_lead, case, plan, PlanStatus.ACTIVE)
    assert SafetyPlan.objects.get(pk=second.pk).status == PlanStatus.ACTIVE


def test_an_active_plan_can_be_ended_and_then_goes_nowhere(active, case, team_lead):
    ended = move(team_lead, case, active, PlanStatus.ENDED)
    assert (ended.status, ended.ended_on) == (PlanStatus.ENDED, timezone.localdate())
    with pytest.raises(ValidationError):
        move(team_lead, case, ended, PlanStatus.ACTIVE)


# --- frozen versions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [PlanStatus.PROPOSED, PlanStatus.APPROVED, PlanStatus.ACTIVE,
                                    PlanStatus.SUPERSEDED, PlanStatus.ENDED])
def test_only_a_draft_can_be_changed(status, plan, case, caseworker, parent):
    rule = add_rule(caseworker, case, plan, parent)
    SafetyPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    attempts = [
        lambda: services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                                     minimum_requirements="Neu"),
        lambda: add_rule(caseworker, case, plan, parent),
        lambda: services.rule_update(actor=caseworker, case=case, rule=rule, expected_version=rule.version,
                                     text="Neu"),
        lambda: services.rule_delete(actor=caseworker, case=case, rule=rule),
        lambda: services.contact_add(actor=caseworker, case=case, plan=plan, name="Oma"),
        lambda: services.agreement_add(actor=caseworker, case=case, plan=plan, agency="Kita", agreement="Ruft an"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    assert (plan.rules.get().text, plan.contacts.count(), plan.agreements.count()) == (rule.text, 0, 0)


def test_a_page_opened_before_approval_cannot_change_the_approved_plan(plan, case, caseworker,
                                                                       team_lead, parent):
    rule = add_rule(caseworker, case, plan, parent)
    opened_earlier = SafetyPlan.objects.get(pk=plan.pk)
    move(caseworker, case, plan, PlanStatus.PROPOSED)
    move(team_lead, case, plan, PlanStatus.APPROVED)
    with pytest.raises(ValidationError, match="approved version cannot be changed"):
        add_rule(caseworker, case, opened_earlier, parent)
    with pytest.raises(ValidationError):
        services.agreement_add(actor=caseworker, case=case, plan=opened_earlier, agency="Kita", agreement="Ruft an")
    assert list(plan.rules.all()) == [rule]
    assert plan.agreements.count() == 0


# --- closed cases and access ------------------------------------------------------------------------------


def test_a_closed_case_refuses_changes(plan, closed_case, caseworker):
    with pytest.raises(CaseClosed, match="closed"):
        services.plan_update(actor=caseworker, case=closed_case, plan=plan, expected_version=plan.version,
                             minimum_requirements="Neu")
    with pytest.raises(CaseClosed, match="closed"):
        services.plan_create(actor=caseworker, case=closed_case)
    assert SafetyPlan.objects.get(pk=plan.pk).minimum_requirements == ""
    assert SafetyPlan.objects.filter(case=closed_case).count() == 1


@pytest.mark.parametrize("who", ["colleague", "auditor", "org_admin", "stranger"])
def test_someone_not_on_the_case_is_refused(who, request, case, plan):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=user, case=case)
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=user, case=case, plan=plan, expected_version=plan.version,
                             minimum_requirements="Neu")
    assert SafetyPlan.objects.get(pk=plan.pk).minimum_requirements == ""


@pytest.mark.parametrize("who", ["colleague", "auditor", "stranger"])
def test_loading_the_case_to_change_it_is_refused_to_someone_not_on_it(who, request, case):
    with pytest.raises((Http404, PermissionDenied)):
        access_case(request.getfixturevalue(who), case.pk, Perm.CHANGE)


@pytest.mark.parametrize(("first", "second"), [
    (PlanStatus.DRAFT, PlanStatus.PROPOSED), (PlanStatus.DRAFT, PlanStatus.DRAFT),
    (PlanStatus.ACTIVE, PlanStatus.ACTIVE),
])
def test_the_database_holds_one_open_and_one_active_version_per_case(case, first, second):
    SafetyPlanFactory(case=case, status=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        SafetyPlanFactory(case=case, status=second)


def test_many_ended_and_superseded_versions_and_one_of_each_other_can_coexist(case):
    for status in (PlanStatus.SUPERSEDED, PlanStatus.SUPERSEDED, PlanStatus.ENDED, PlanStatus.APPROVED,
                   PlanStatus.APPROVED, PlanStatus.ACTIVE, PlanStatus.DRAFT):
        SafetyPlanFactory(case=case, status=status)
    assert SafetyPlan.objects.filter(case=case).count() == 7
