"""A draft changed in one go (what the API's PATCH calls): every item or none, the errors named after their
items, the sections and each changed rule checked against the version read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safehold.audit.models import AuditEvent
from safehold.cases.perms import CaseClosed
from safehold.core.versioning import ConflictError
from safehold.safety_plans import services
from safehold.safety_plans.changes import RuleItem, plan_change
from safehold.safety_plans.models import Rule, SafetyPlan


@pytest.fixture
def plan(case, caseworker, parent):
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Mum walks Freja to school",
                         responsible=parent.pk, periods=["mon:morning"])
    return SafetyPlan.objects.get(pk=plan.pk)


def test_every_item_is_applied_in_one_go(plan, case, caseworker, parent, child):
    walk = plan.rules.get()

    plan_change(actor=caseworker, case=case, plan=plan, expected_version=plan.version, coordinator=parent.pk,
                child_explanation="With pictures",
                rules=[RuleItem({"periods": ["mon:morning", "tue:morning"]}, id=walk.pk, version=walk.version),
                       RuleItem({"text": "Grandma sleeps over", "responsible": child.pk, "periods": ["sat:night"]})],
                contacts=[{"name": "Police", "phone": "110"}], agreements=[{"agency": "GP", "agreement": "Calls"}])

    plan.refresh_from_db()
    walk.refresh_from_db()
    assert (plan.coordinator, plan.child_explanation, plan.version) == (parent, "With pictures", 2)
    assert (walk.periods, walk.version) == (["mon:morning", "tue:morning"], 2)
    assert list(plan.rules.values_list("text", flat=True)) == ["Mum walks Freja to school", "Grandma sleeps over"]
    assert (plan.contacts.get().name, plan.agreements.get().agency) == ("Police", "GP")


def test_a_refused_item_saves_nothing_and_every_refusal_is_named_after_its_item(plan, case, caseworker, parent):
    since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    with pytest.raises(ValidationError) as caught:
        plan_change(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                    minimum_requirements="Saved only with the rest", map=0, removed_rules=[0],
                    rules=[RuleItem({"text": "Fine", "responsible": parent.pk, "periods": ["mon:day"]}),
                           RuleItem({"text": " ", "responsible": parent.pk, "periods": ["mon:day"]}),
                           RuleItem({"text": "Changed"}, id=plan.rules.get().pk)],
                    contacts=[{"role": "Neighbour"}])

    assert caught.value.message_dict == {
        "map": ["Choose a map of this case."],
        "removed_rules.0": ["There is no such rule on this plan."],
        "rules.1.text": ["Write down what exactly happens, in the family's words."],
        "rules.2.version": ["Send the version of the rule you read."],
        "contacts.0.name": ["Enter the name."],
    }
    plan.refresh_from_db()
    assert (plan.minimum_requirements, plan.version, plan.rules.count(), plan.contacts.count()) == ("", 1, 1, 0)
    assert not AuditEvent.objects.filter(pk__gt=since).exists()


def test_a_rule_changed_since_it_was_read_is_a_conflict_and_nothing_is_saved(plan, case, caseworker, parent):
    walk = plan.rules.get()
    services.rule_update(actor=caseworker, case=case, rule=walk, expected_version=1, text="Dad walks Freja")

    with pytest.raises(ConflictError) as caught:
        plan_change(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                    child_explanation="Would be saved",
                    rules=[RuleItem({"text": "Mine"}, id=walk.pk, version=1)])

    assert caught.value.current.text == "Dad walks Freja"
    plan.refresh_from_db()
    assert (plan.child_explanation, plan.version, Rule.objects.get(pk=walk.pk).text) == ("", 1, "Dad walks Freja")


def test_a_closed_case_takes_no_change(plan, closed_case, caseworker):
    with pytest.raises(CaseClosed):
        plan_change(actor=caseworker, case=closed_case, plan=plan, expected_version=plan.version,
                    contacts=[{"name": "Police"}])
    assert not plan.contacts.exists()
