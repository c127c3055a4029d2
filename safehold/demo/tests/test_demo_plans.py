"""The demo cases' safety plans (safehold/demo/plans.py): one active, approved 24/7 plan per case of the demo
organisation, in the case's language, monitored since it came into force."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.mapping.models import Map, Part
from safehold.safety_plans.coverage import coverage
from safehold.safety_plans.models import PlanStatus, RuleCheck, RuleResult, SafetyPlan

LANGUAGE = {"JA-2026-0147": "de", "BU-2026-0311": "da", "CP-2026-0058": "en"}
# Small words every text in a language is full of, and the other two never use.
MARKERS = {"de": (" und ", " nicht "), "da": (" og ", " ikke "), "en": (" and ", " not ")}

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def plans(build_once) -> dict[str, SafetyPlan]:
    """The demo, seeded once for the module; what a test changes is rolled back after it."""
    with build_once():
        _seed()
        return {ref: SafetyPlan.objects.select_related("case", "coordinator", "approved_by").get(
            case__reference=ref) for ref in LANGUAGE}


def _words(plan: SafetyPlan) -> str:
    texts = [plan.minimum_requirements, plan.child_explanation, plan.information_given, plan.if_worries_who_notices,
             plan.if_worries_who_is_called, plan.if_worries_authority]
    texts += [text for rule in plan.rules.all() for text in (rule.text, rule.situation)]
    texts += [agreement.agreement for agreement in plan.agreements.all()]
    texts += [check_in.note for check_in in plan.check_ins.all()]
    return " ".join(texts)


def test_each_demo_case_has_one_active_plan_approved_by_the_team_lead(plans):
    for reference, plan in plans.items():
        assert plan.status == PlanStatus.ACTIVE, reference
        assert plan.approved_by.username == "demo-teamlead"
        assert plan.approved_at.date() < plan.activated_on + timedelta(days=1)
        assert plan.activated_on < timezone.localdate() - timedelta(days=7)
        assert plan.next_review_on >= timezone.localdate()


def test_the_case_in_the_other_organisation_has_no_plan(plans):
    assert not SafetyPlan.objects.filter(case__reference="OT-2026-0001").exists()


def test_the_cover_is_honest_and_the_rules_answer_the_latest_maps_danger_statements(plans):
    """Nobody the worry is about keeps a safe adult's rule; a week not covered says why (the German case has
    real gaps, with the reason recorded and the team lead's comment on the approval)."""
    for reference, plan in plans.items():
        rules = list(plan.rules.all())
        assert 5 <= len(rules) <= 8, reference
        worry = {person.pk for person in plan.worry_about.all()}
        assert worry, reference
        result = coverage(rules, worry)
        assert not result.not_counted, reference
        assert result.is_complete or (plan.uncovered_reason and plan.approval_comment), (reference, result.gaps)
        latest = Map.objects.filter(case=plan.case).order_by("-drawn_on", "-id").first()
        assert plan.map == latest
        statements = set(latest.entries.live().filter(part=Part.FUTURE_DANGER).values_list("pk", flat=True))
        answered = {rule.answers_id for rule in rules if rule.answers_id}
        assert answered == statements, reference


def test_the_coordinator_contacts_and_agreements_are_there_with_phone_numbers(plans):
    for reference, plan in plans.items():
        assert plan.coordinator.role == "network" and plan.coordinator.phone, reference
        contacts = list(plan.contacts.all())
        assert 4 <= len(contacts) <= 6 and all(contact.phone for contact in contacts), reference
        assert plan.coordinator.pk in {contact.person_id for contact in contacts}
        assert 2 <= plan.agreements.count() <= 3, reference
        for text in (plan.minimum_requirements, plan.child_explanation, plan.if_worries_who_notices,
                     plan.if_worries_who_is_called, plan.if_worries_authority):
            assert len(text) > 80, reference


def test_the_parents_and_the_network_signed_off_before_it_came_into_force(plans):
    for reference, plan in plans.items():
        roles = set(plan.sign_offs.values_list("person__role", flat=True))
        assert {"network"} <= roles and roles & {"parent", "caregiver"}, reference
        assert all(sign_off.signed_on < plan.activated_on for sign_off in plan.sign_offs.all())


def test_check_ins_since_activation_mostly_held_with_one_rule_broken_once(plans):
    for reference, plan in plans.items():
        check_ins = list(plan.check_ins.all())
        assert len(check_ins) >= 2, reference
        assert all(plan.activated_on <= c.checked_on < timezone.localdate() for c in check_ins)
        assert all(c.safety_score is not None and c.note for c in check_ins)
        checks = RuleCheck.objects.filter(check_in__plan=plan)
        broken = list(checks.filter(result=RuleResult.BROKEN))
        assert len(broken) == 1 and len(broken[0].note) > 60, reference
        assert checks.filter(result=RuleResult.HELD).count() == checks.count() - 1


def test_the_plans_are_written_in_the_language_of_the_case(plans):
    for reference, plan in plans.items():
        words = _words(plan)
        language = LANGUAGE[reference]
        assert all(marker in words for marker in MARKERS[language]), reference
        others = [m for lang, markers in MARKERS.items() if lang != language for m in markers]
        assert not [m for m in others if m in words], reference
    assert "Netzwerkkoordinatorin" in plans["JA-2026-0147"].contacts.first().role
    assert "netværkstovholder" in plans["BU-2026-0311"].contacts.first().role


def test_the_plans_are_written_through_the_services_and_so_on_the_audit_trail(plans):
    for reference, plan in plans.items():
        events = AuditEvent.objects.filter(case_reference=reference, object_type="safety_plans.safetyplan",
                                           object_id=str(plan.pk))
        assert events.filter(action="create").exists(), reference
        approvals = [e for e in events.filter(action="update") if "approved_by" in e.changed_fields]
        assert [e.actor_username for e in approvals] == ["demo-teamlead"], reference
        assert AuditEvent.objects.filter(case_reference=reference, object_type="safety_plans.checkin").count() == (
            plan.check_ins.count())


def test_seeding_again_adds_no_plan_and_changes_none(plans):
    before = {ref: (plan.pk, plan.version, plan.rules.count(), plan.check_ins.count()) for ref, plan in plans.items()}
    _seed()
    after = {ref: (plan.pk, plan.version, plan.rules.count(), plan.check_ins.count())
             for ref, plan in ((ref, SafetyPlan.objects.get(case__reference=ref)) for ref in LANGUAGE)}
    assert after == before
