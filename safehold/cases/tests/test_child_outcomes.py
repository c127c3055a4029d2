"""An outcome for every child: at closing, when a child leaves the plan earlier, across a reopening, and for
cases closed before outcomes were kept per child (the data migration)."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases import services
from safehold.cases.access import access_case
from safehold.cases.models import Case, CaseStatus, ChildOutcome, Outcome, StatusChange
from safehold.cases.perms import Perm
from safehold.testing.factories import CaseFactory, PersonFactory


def _load(user, case):
    return access_case(user, case.pk, Perm.VIEW)[0]


def _close(user, case, **kwargs):
    return services.case_transition(actor=user, case=_load(user, case), to_status=CaseStatus.CLOSED, **kwargs)


def _current(case) -> dict[str, tuple[str, object]]:
    return {row.child.first_name: (row.outcome, row.on)
            for row in ChildOutcome.objects.filter(case=case, current=True).select_related("child")}


@pytest.fixture
def siblings(case):
    return (PersonFactory(case=case, role="child", first_name="Freja", last_name="Sørensen"),
            PersonFactory(case=case, role="child", first_name="Emil", last_name="Sørensen"))


# --- closing --------------------------------------------------------------------------------------------

def test_closing_without_an_outcome_for_each_child_is_refused_with_their_names(caseworker, case, siblings):
    freja, _emil = siblings
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case, outcomes=[{"child": freja.pk, "outcome": "kept_home"}])

    assert refused.value.message_dict == {"outcomes": [
        "Choose an outcome for each child, or one for every child without their own: Emil Sørensen."]}
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRAL
    assert not ChildOutcome.objects.exists()


def test_the_refusal_names_every_child_left_without_an_outcome(caseworker, case, siblings):
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case)
    [message] = refused.value.message_dict["outcomes"]
    assert message.startswith("Choose an outcome for each child")
    assert "Freja Sørensen" in message and "Emil Sørensen" in message


def test_a_case_without_children_still_needs_the_case_outcome(caseworker, case):
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case)
    assert refused.value.message_dict == {"outcome": ["Choose the outcome before closing the case."]}


def test_each_child_gets_their_own_outcome_and_date(caseworker, case, siblings):
    freja, emil = siblings
    yesterday = timezone.localdate() - timedelta(days=1)
    case.opened_on = yesterday - timedelta(days=30)
    case.save()

    _close(caseworker, case, outcomes=[
        {"child": freja.pk, "outcome": "kept_home"},
        {"child": emil.pk, "outcome": "foster_care", "on": yesterday, "note": "With the Jensens"}])

    assert _current(case) == {"Freja": ("kept_home", timezone.localdate()), "Emil": ("foster_care", yesterday)}
    closing = StatusChange.objects.get(case=case, to_status=CaseStatus.CLOSED)
    assert set(ChildOutcome.objects.values_list("closing", flat=True)) == {closing.pk}
    case.refresh_from_db()
    assert case.outcome == Outcome.PLACED  # the children differ and one lives away from home now


def test_the_case_outcome_applies_to_every_child_without_their_own(caseworker, case, siblings):
    freja, _emil = siblings
    _close(caseworker, case, outcome=Outcome.STAYED_HOME,
           outcomes=[{"child": freja.pk, "outcome": "residential_care"}])

    assert _current(case) == {"Freja": ("residential_care", timezone.localdate()),
                              "Emil": ("kept_home", timezone.localdate())}
    case.refresh_from_db()
    assert case.outcome == Outcome.STAYED_HOME  # as given


def test_the_old_single_outcome_closes_as_before_and_speaks_for_each_child(caseworker, case, siblings):
    _close(caseworker, case, outcome=Outcome.PLACED)
    assert {outcome for outcome, _on in _current(case).values()} == {"placed"}


@pytest.mark.parametrize(("kinds", "case_outcome"), [
    (["kept_home", "kept_home"], "stayed_home"),
    (["returned_home", "returned_home"], "returned_home"),
    (["kinship_care", "foster_care"], "placed"),
    (["kept_home", "moved_away"], "other"),
])
def test_the_case_outcome_follows_the_children_when_not_given(caseworker, case, siblings, kinds, case_outcome):
    _close(caseworker, case, outcomes=[{"child": c.pk, "outcome": k} for c, k in zip(siblings, kinds, strict=True)])
    case.refresh_from_db()
    assert case.outcome == case_outcome


def test_a_child_of_another_case_is_refused_on_its_field(caseworker, case, child, organisation):
    other = PersonFactory(case=CaseFactory(organisation=organisation), role="child")
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case, outcome="other", outcomes=[{"child": other.pk, "outcome": "kept_home"}])
    assert refused.value.message_dict == {"outcomes.0.child": ["Choose a child of this case."]}


def test_a_parent_a_child_named_twice_and_a_bad_outcome_or_date_are_refused_item_by_item(
        caseworker, case, siblings, parent):
    freja, emil = siblings
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case, outcome="other", outcomes=[
            {"child": parent.pk, "outcome": "kept_home"},
            {"child": freja.pk, "outcome": "kept_home"},
            {"child": freja.pk, "outcome": "kept_home"},
            {"child": emil.pk, "outcome": "flew_away", "on": timezone.localdate() + timedelta(days=1)}])
    assert refused.value.message_dict == {
        "outcomes.0.child": ["Choose a child of this case."],
        "outcomes.2.child": ["Freja Sørensen has an outcome already in this list."],
        "outcomes.3.outcome": ["Choose what became of the child."],
        "outcomes.3.on": ["The date cannot be in the future."],
    }


def test_outcomes_on_a_case_that_stays_open_are_refused(caseworker, case, child):
    with pytest.raises(ValidationError) as refused:
        services.case_transition(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.ASSESSMENT,
                                 outcomes=[{"child": child.pk, "outcome": "kept_home"}])
    assert list(refused.value.message_dict) == ["outcomes"]


def test_closing_audits_each_child_s_outcome(caseworker, case, siblings):
    _close(caseworker, case, outcome=Outcome.STAYED_HOME)
    events = AuditEvent.objects.filter(case=case, object_type="cases.childoutcome", action="create")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in ChildOutcome.objects.values_list("pk", flat=True))


# --- a child leaves the plan earlier -------------------------------------------------------------------

def test_a_child_who_left_the_plan_is_not_asked_again_at_closing(caseworker, case, siblings):
    freja, emil = siblings
    row = services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=emil.pk,
                                        outcome="kinship_care", note="Lives with his aunt")
    assert row.left_plan and row.current

    _close(caseworker, case, outcomes=[{"child": freja.pk, "outcome": "kept_home"}])

    assert _current(case) == {"Freja": ("kept_home", timezone.localdate()),
                              "Emil": ("kinship_care", timezone.localdate())}
    row.refresh_from_db()
    assert row.closing is None  # still the outcome of the day he left
    case.refresh_from_db()
    assert case.outcome == Outcome.PLACED


def test_a_child_who_left_the_plan_cannot_be_given_another_outcome_at_closing(caseworker, case, child):
    services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=child.pk,
                                  outcome="moved_away")
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case, outcomes=[{"child": child.pk, "outcome": "kept_home"}])
    assert refused.value.message_dict == {
        "outcomes.0.child": ["Freja Sørensen left the plan earlier; that outcome stays recorded."]}


def test_a_case_whose_children_all_left_closes_with_their_outcome(caseworker, case, child):
    services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=child.pk,
                                  outcome="foster_care")
    _close(caseworker, case)
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, Outcome.PLACED)


def test_leaving_the_plan_twice_is_refused(caseworker, case, child):
    services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=child.pk, outcome="other")
    with pytest.raises(ValidationError) as refused:
        services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=child.pk,
                                      outcome="foster_care")
    assert list(refused.value.message_dict) == ["child"]


def test_only_a_child_of_the_case_leaves_its_plan(caseworker, case, parent):
    with pytest.raises(ValidationError) as refused:
        services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=parent.pk,
                                      outcome="other")
    assert refused.value.message_dict == {"child": ["Choose a child of this case."]}


def test_a_date_before_the_case_was_opened_is_refused(caseworker, case, child):
    with pytest.raises(ValidationError) as refused:
        services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=child.pk,
                                      outcome="other", on=case.opened_on - timedelta(days=1))
    assert refused.value.message_dict == {"on": ["The date cannot be before the case was opened."]}


def test_withdrawing_puts_the_child_back_in_the_plan(caseworker, case, child):
    row = services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=child.pk,
                                        outcome="other")
    pk = row.pk
    services.child_outcome_withdraw(actor=caseworker, case=_load(caseworker, case), outcome=row)
    assert not ChildOutcome.objects.exists()
    assert AuditEvent.objects.filter(object_type="cases.childoutcome", object_id=str(pk),
                                     action="delete").exists()
    with pytest.raises(ValidationError):
        _close(caseworker, case)  # asked again


def test_a_closed_case_takes_no_outcome_outside_its_closing(caseworker, closed_case, child):
    from safehold.cases.perms import CaseClosed

    with pytest.raises(CaseClosed):
        services.child_outcome_record(actor=caseworker, case=_load(caseworker, closed_case), child=child.pk,
                                      outcome="other")


def test_who_may_not_change_the_case_may_not_record_an_outcome(auditor, case, child):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.child_outcome_record(actor=auditor, case=case, child=child.pk, outcome="other")


# --- reopening --------------------------------------------------------------------------------------------

def test_reopening_keeps_the_closing_s_outcomes_as_history_and_the_next_closing_asks_again(
        caseworker, case, siblings):
    freja, emil = siblings
    services.child_outcome_record(actor=caseworker, case=_load(caseworker, case), child=emil.pk,
                                  outcome="foster_care")
    _close(caseworker, case, outcomes=[{"child": freja.pk, "outcome": "kept_home"}])
    services.case_reopen(actor=caseworker, case=_load(caseworker, case), to_status=CaseStatus.ASSESSMENT,
                         reason="New worries")

    assert _current(case) == {"Emil": ("foster_care", timezone.localdate())}  # he left before; still left
    first = ChildOutcome.objects.get(child=freja)
    assert (first.current, first.closing.to_status) == (False, CaseStatus.CLOSED)
    with pytest.raises(ValidationError) as refused:
        _close(caseworker, case)
    assert refused.value.message_dict["outcomes"][0].endswith(": Freja Sørensen.")

    _close(caseworker, case, outcomes=[{"child": freja.pk, "outcome": "residential_care"}])
    assert _current(case)["Freja"][0] == "residential_care"  # counted once, with the last closing
    assert ChildOutcome.objects.filter(child=freja).count() == 2


# --- cases closed before outcomes were kept per child (migration 0005) ---------------------------------

def test_existing_closed_cases_show_their_case_outcome_for_each_child(caseworker, case, siblings, organisation):
    _close(caseworker, case, outcome=Outcome.RETURNED_HOME)
    ChildOutcome.objects.all().delete()  # as before the migration
    Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate() - timedelta(days=3))
    open_case = CaseFactory(organisation=organisation)
    PersonFactory(case=open_case, role="child")
    closed_without_children = CaseFactory(organisation=organisation, status="closed", outcome="placed")

    migration = importlib.import_module("safehold.cases.migrations.0005_child_outcomes_of_closed_cases")
    migration.outcomes_from_case_outcomes(apps, None)

    closing = StatusChange.objects.get(case=case, to_status=CaseStatus.CLOSED)
    rows = ChildOutcome.objects.order_by("child__first_name")
    assert [(r.child.first_name, r.outcome, r.on, r.closing_id, r.current, r.recorded_by_id) for r in rows] == [
        ("Emil", "returned_home", timezone.localdate() - timedelta(days=3), closing.pk, True, caseworker.pk),
        ("Freja", "returned_home", timezone.localdate() - timedelta(days=3), closing.pk, True, caseworker.pk),
    ]
    assert not ChildOutcome.objects.filter(case__in=[open_case, closed_without_children]).exists()
    migration.outcomes_from_case_outcomes(apps, None)  # twice changes nothing
    assert ChildOutcome.objects.count() == 2


@pytest.mark.parametrize(("case_outcome", "child_outcome"), [
    ("stayed_home", "kept_home"), ("returned_home", "returned_home"), ("placed", "placed"), ("other", "other")])
def test_the_migration_maps_each_case_outcome(case_outcome, child_outcome):
    from safehold.cases.models import CHILD_OUTCOME_OF_CASE

    migration = importlib.import_module("safehold.cases.migrations.0005_child_outcomes_of_closed_cases")
    assert migration.CHILD_OUTCOME_OF_CASE[case_outcome] == CHILD_OUTCOME_OF_CASE[case_outcome] == child_outcome
