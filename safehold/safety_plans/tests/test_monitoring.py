"""Sign-off by the family and network, and check-ins on the active plan: how each rule held, the safety
score, and the next review moving on."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.models import CheckIn, PlanStatus, RuleResult, SafetyPlan, SignOff
from safehold.testing.factories import CaseFactory, PersonFactory

TODAY = timezone.localdate


@pytest.fixture
def plan(case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


@pytest.fixture
def rules(plan, case, caseworker, parent):
    return [services.rule_create(actor=caseworker, case=case, plan=plan, text=text, responsible=parent.pk,
                                 periods=list(CELLS))
            for text in ("Mama ist abends zu Hause", "Papa trinkt nicht")]


@pytest.fixture
def active(plan, rules, case, caseworker, team_lead):
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    for status in (PlanStatus.APPROVED, PlanStatus.ACTIVE):
        plan = services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=status)
    return plan


def check_in(actor, case, plan, **data):
    return services.check_in_create(actor=actor, case=case, plan=plan, **{"source": "home_visit", **data})


# --- sign-off -------------------------------------------------------------------------------------------


def test_a_parent_signs_off_in_person_with_an_audit_record(plan, case, caseworker, parent):
    row = services.sign_off(actor=caseworker, case=case, plan=plan, person=parent.pk, how="in_person")
    assert (row.person, row.name, row.how, row.signed_on, row.recorded_by) == (
        parent, parent.full_name, "in_person", TODAY(), caseworker)
    assert AuditEvent.objects.filter(object_id=str(plan.pk), changed_fields=["sign_offs"]).exists()


def test_signing_again_updates_the_sign_off(plan, case, caseworker, parent):
    yesterday = TODAY() - timedelta(days=1)
    services.sign_off(actor=caseworker, case=case, plan=plan, person=parent.pk, how="in_person")
    services.sign_off(actor=caseworker, case=case, plan=plan, person=parent.pk, how="phone", signed_on=yesterday)
    assert list(SignOff.objects.values_list("how", "signed_on")) == [("phone", yesterday)]


@pytest.mark.parametrize(("data", "field"), [
    ({"how": "by_pigeon"}, "how"),
    ({"signed_on": TODAY() + timedelta(days=1)}, "signed_on"),
    ({"person": None}, "person"),
    ({"person": "abc"}, "person"),
])
def test_a_bad_sign_off_is_refused_on_its_field(plan, case, caseworker, parent, data, field):
    with pytest.raises(ValidationError) as caught:
        services.sign_off(actor=caseworker, case=case, plan=plan, **{"person": parent.pk, "how": "phone", **data})
    assert field in caught.value.message_dict
    assert not SignOff.objects.exists()


def test_only_family_and_network_of_this_case_sign_off(plan, case, caseworker, organisation):
    teacher = PersonFactory(case=case, role="professional")
    neighbour = PersonFactory(case=CaseFactory(organisation=organisation), role="network")
    for person in (teacher, neighbour):
        with pytest.raises(ValidationError) as caught:
            services.sign_off(actor=caseworker, case=case, plan=plan, person=person.pk, how="phone")
        assert list(caught.value.message_dict) == ["person"]


def test_a_superseded_version_takes_no_sign_off(plan, case, caseworker, parent):
    SafetyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUPERSEDED)
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.sign_off(actor=caseworker, case=case, plan=plan, person=parent.pk, how="phone")
    assert "plan" in caught.value.message_dict


# --- check-ins ----------------------------------------------------------------------------------------------


def test_a_check_in_records_each_rule_and_moves_the_next_review_on(active, rules, case, caseworker):
    SafetyPlan.objects.filter(pk=active.pk).update(activated_on=TODAY() - timedelta(days=20),
                                                   next_review_on=TODAY() - timedelta(days=6))
    active.refresh_from_db()
    row = check_in(caseworker, case, active, source="school", safety_score=7, note="Alles gut\x00",
                   checked_on=TODAY() - timedelta(days=2),
                   results={rules[0].pk: (RuleResult.BROKEN, " Papa war betrunken ")})
    assert (row.source, row.safety_score, row.note, row.checked_by) == ("school", 7, "Alles gut", caseworker)
    assert [(c.rule, c.result, c.note) for c in row.rule_checks.order_by("rule__position")] == [
        (rules[0], "broken", "Papa war betrunken"), (rules[1], "unknown", "")]
    active.refresh_from_db()
    assert active.next_review_on == TODAY() + timedelta(days=12)
    event = AuditEvent.objects.get(object_type="safety_plans.checkin", object_id=str(row.pk))
    assert "safety_score" in event.changed_fields


def test_a_backdated_check_in_does_not_move_the_review_back(active, case, caseworker):
    SafetyPlan.objects.filter(pk=active.pk).update(activated_on=TODAY() - timedelta(days=30))
    active.refresh_from_db()
    before = active.next_review_on
    check_in(caseworker, case, active, checked_on=TODAY() - timedelta(days=25))
    active.refresh_from_db()
    assert active.next_review_on == before


def test_the_review_interval_is_set_per_plan(plan, rules, case, caseworker, team_lead):
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         review_every_days=7)
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED)
    plan = services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.ACTIVE)
    assert plan.next_review_on == TODAY() + timedelta(days=7)


def test_a_check_in_from_a_page_opened_before_a_new_version_came_into_force_is_refused(
        active, case, caseworker, team_lead):
    opened_earlier = SafetyPlan.objects.get(pk=active.pk)
    second = services.plan_create(actor=caseworker, case=case)
    services.plan_transition(actor=caseworker, case=case, plan=second, to_status=PlanStatus.PROPOSED)
    for status in (PlanStatus.APPROVED, PlanStatus.ACTIVE):
        services.plan_transition(actor=team_lead, case=case, plan=second, to_status=status)
    with pytest.raises(ValidationError) as caught:
        check_in(caseworker, case, opened_earlier)
    assert list(caught.value.message_dict) == ["plan"]
    assert not CheckIn.objects.exists()


def test_a_check_in_moves_the_review_on_even_from_a_page_opened_before_the_last_check_in(
        active, case, caseworker):
    SafetyPlan.objects.filter(pk=active.pk).update(activated_on=TODAY() - timedelta(days=10),
                                                   next_review_on=TODAY() - timedelta(days=1))
    opened_earlier = SafetyPlan.objects.get(pk=active.pk)
    check_in(caseworker, case, active, checked_on=TODAY() - timedelta(days=5))
    check_in(caseworker, case, opened_earlier, source="call")
    assert SafetyPlan.objects.get(pk=active.pk).next_review_on == TODAY() + timedelta(days=14)
    assert CheckIn.objects.count() == 2


@pytest.mark.parametrize(("data", "field"), [
    ({"checked_on": TODAY() + timedelta(days=1)}, "checked_on"),
    ({"checked_on": TODAY() - timedelta(days=1)}, "checked_on"),  # before the plan became active
    ({"checked_on": "2026-01-01"}, "checked_on"),
    ({"source": "rumour"}, "source"),
    ({"safety_score": 11}, "safety_score"),
    ({"safety_score": -1}, "safety_score"),
    ({"safety_score": "7.5"}, "safety_score"),
    ({"safety_score": "9" * 5000}, "safety_score"),
    ({"safety_score": True}, "safety_score"),
    ({"safety_score": 7.0}, "safety_score"),
    ({"note": "n" * 2001}, "note"),
    ({"note": 5}, "note"),
    ({"results": {10**9: ("held", "")}}, "results"),
])
def test_a_bad_check_in_is_refused_on_its_field(active, case, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        check_in(caseworker, case, active, **data)
    assert list(caught.value.message_dict) == [field]
    assert not CheckIn.objects.exists()


def test_a_rule_result_must_be_held_broken_or_not_known(active, rules, case, caseworker):
    for outcome in (("maybe", ""), ("held", 5), ("held", "n" * 2001)):
        with pytest.raises(ValidationError) as caught:
            check_in(caseworker, case, active, results={rules[0].pk: outcome})
        assert list(caught.value.message_dict) == ["results"]


def test_check_ins_are_only_recorded_on_the_active_plan(plan, rules, case, caseworker):
    with pytest.raises(ValidationError) as caught:
        check_in(caseworker, case, plan)
    assert "plan" in caught.value.message_dict


def test_a_check_in_by_someone_not_on_the_case_is_refused(active, case, colleague, auditor):
    for user in (colleague, auditor):
        with pytest.raises(PermissionDenied):
            check_in(user, case, active)
    assert not CheckIn.objects.exists()


def test_a_sign_off_date_must_be_a_date(plan, case, caseworker, parent):
    with pytest.raises(ValidationError) as caught:
        services.sign_off(actor=caseworker, case=case, plan=plan, person=parent.pk, how="phone",
                          signed_on="2026-01-01")
    assert list(caught.value.message_dict) == ["signed_on"]


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(9999, 12, 31)])
def test_a_date_no_case_can_mean_is_refused_with_a_message_never_a_crash(active, case, caseworker, parent,
                                                                         day):
    expected = {"Enter a date between 1900 and 2199."}
    with pytest.raises(ValidationError) as caught:
        check_in(caseworker, case, active, checked_on=day)
    assert caught.value.message_dict == {"checked_on": list(expected)}
    with pytest.raises(ValidationError) as caught:
        services.sign_off(actor=caseworker, case=case, plan=active, person=parent.pk, how="phone", signed_on=day)
    assert caught.value.message_dict == {"signed_on": list(expected)}
    assert not CheckIn.objects.exists() and not SignOff.objects.exists()


def test_a_safety_score_off_the_scale_is_refused_with_the_scales_one_message(active, case, caseworker):
    with pytest.raises(ValidationError) as caught:
        check_in(caseworker, case, active, safety_score=11)
    assert caught.value.message_dict == {"safety_score": ["Choose a whole number from 0 to 10."]}
