"""What a rule is (someone safe is there, an if-then rule, a professional's check, another agreement), and why it
matters: only someone safe being there covers periods of the week, in the grid, the gap check and the PDF."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS, WEEKDAYS, cells_for
from safehold.safety_plans.models import PlanStatus, Rule, RuleKind
from safehold.testing.factories import RuleFactory, SafetyPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


def test_an_if_then_rule_with_periods_covers_none_of_them(case, caseworker, plan, parent):
    services.rule_create(actor=caseworker, case=case, plan=plan, kind=RuleKind.IF_THEN, responsible=parent.pk,
                         text="If he has been drinking, he leaves and calls grandma", periods=list(CELLS),
                         situation="if he has been drinking")
    with pytest.raises(ValidationError) as refused:
        services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    assert "Monday, Morning" in refused.value.message_dict["uncovered_reason"][0]


def test_a_presence_rule_covers_its_periods(case, caseworker, plan, parent):
    services.rule_create(actor=caseworker, case=case, plan=plan, kind=RuleKind.PRESENCE, responsible=parent.pk,
                         text="Mum is at home", periods=list(CELLS))
    assert services.plan_transition(actor=caseworker, case=case, plan=plan,
                                     to_status=PlanStatus.PROPOSED).status == PlanStatus.PROPOSED


def test_a_presence_rule_needs_times(case, caseworker, plan, parent):
    with pytest.raises(ValidationError) as refused:
        services.rule_create(actor=caseworker, case=case, plan=plan, kind=RuleKind.PRESENCE, responsible=parent.pk,
                             text="Mum is there", situation="when dad has been drinking")
    assert refused.value.message_dict["periods"] == [
        "Say at which times they are there: periods of the week or holidays."]


def test_an_unknown_kind_is_refused_on_its_field(case, caseworker, plan, parent):
    with pytest.raises(ValidationError) as refused:
        services.rule_create(actor=caseworker, case=case, plan=plan, kind="guess", responsible=parent.pk,
                             text="Something", periods=["mon:day"])
    assert "kind" in refused.value.message_dict


@pytest.mark.parametrize(("periods", "situation", "holidays", "kind"), [
    (["mon:day"], "", False, RuleKind.PRESENCE),
    (["mon:day"], "when he drinks", False, RuleKind.PRESENCE),
    ([], "when he drinks", False, RuleKind.IF_THEN),
    ([], "when he drinks", True, RuleKind.IF_THEN),
    ([], "", True, RuleKind.PRESENCE),
])
def test_a_rule_sent_without_a_kind_gets_the_one_its_times_say(case, caseworker, plan, parent, periods, situation,
                                                               holidays, kind):
    rule = services.rule_create(actor=caseworker, case=case, plan=plan, responsible=parent.pk, text="A rule",
                                periods=periods, situation=situation, holidays=holidays)
    assert rule.kind == kind


def test_the_data_migration_gives_earlier_rules_the_kind_their_times_say(case):
    plan = SafetyPlanFactory(case=case)
    with_periods = RuleFactory(plan=plan, periods=cells_for(WEEKDAYS, ["evening"]), situation="x", kind="other")
    situation_only = RuleFactory(plan=plan, periods=[], situation="when he drinks", kind="presence")
    holidays_only = RuleFactory(plan=plan, periods=[], holidays=True, kind="other")
    migration = importlib.import_module("safehold.safety_plans.migrations.0005_rule_kind_from_periods")
    migration.set_kinds(apps, None)
    kinds = dict(Rule.objects.filter(plan=plan).values_list("pk", "kind"))
    assert kinds == {with_periods.pk: "presence", situation_only.pk: "if_then", holidays_only.pk: "presence"}


def test_a_new_version_keeps_the_kinds(case, caseworker, team_lead, plan, parent):
    services.rule_create(actor=caseworker, case=case, plan=plan, kind=RuleKind.CHECK, responsible=parent.pk,
                         text="The health visitor calls on Mondays", periods=list(CELLS))
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         uncovered_reason="Only a check")
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED,
                             comment="A check is all we need for now.")
    second = services.plan_create(actor=caseworker, case=case)
    assert list(second.rules.values_list("kind", flat=True)) == [RuleKind.CHECK]


def test_the_rule_form_offers_the_kinds_and_the_list_names_each(client_for, caseworker, case, plan, parent):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/safety-plans/{plan.pk}/rules/new/", {
        "kind": "if_then", "text": "If he drinks, he leaves", "responsible": parent.pk,
        "situation": "when he has been drinking"})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()
    assert "If-then rule for a situation" in page
    form = client.get(f"/cases/{case.pk}/safety-plans/{plan.pk}/rules/new/").content.decode()
    assert 'value="presence"' in form and 'value="check"' in form
