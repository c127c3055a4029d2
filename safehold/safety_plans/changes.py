"""Changing a draft plan in one go (the API's PATCH): its sections, rules added, changed and removed, contacts
and agreements added. All or nothing, in one transaction: when any item is refused nothing is saved (the
audit records of the items that passed go with the rollback), and the errors of every item are raised
together, each named after its item, so that a client hears of them all in one answer:
"rules.2.text" for a field of an item, "contacts.0" for an item as a whole ("An approved version…")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case
from safehold.core.validation import Errors
from safehold.safety_plans import services
from safehold.safety_plans.models import Rule, SafetyPlan
from safehold.safety_plans.selectors import plan_rules
from safehold.safety_plans.services import AgreementChanges, ContactChanges, PlanChanges, RuleChanges


@dataclass(frozen=True)
class RuleItem:
    """A rule of a change: without an id, a rule to add; with its id and the version read, a change to it."""

    changes: RuleChanges
    id: int | None = None
    version: int | None = None


@transaction.atomic
def plan_change(*, actor: User, case: Case, plan: SafetyPlan, expected_version: int,
                rules: Sequence[RuleItem] = (), removed_rules: Sequence[int] = (),
                contacts: Sequence[ContactChanges] = (), agreements: Sequence[AgreementChanges] = (),
                **sections: Unpack[PlanChanges]) -> None:
    """Change a draft in one go, in this order: its sections (checked against `expected_version`, the plan's
    version read: ConflictError), the rules removed, the rules added or changed (each changed one checked
    against its own version), the contacts and the agreements added."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    if sections:
        with errors.under(""):
            services.plan_update(actor=actor, case=case, plan=plan, expected_version=expected_version, **sections)

    current = {rule.pk: rule for rule in plan_rules(plan)}
    for index, rule_id in enumerate(removed_rules):
        with errors.under(f"removed_rules.{index}"):
            removed = current.get(rule_id)
            if removed is None:
                raise ValidationError(_("There is no such rule on this plan."))
            services.rule_delete(actor=actor, case=case, rule=removed)
            del current[rule_id]  # gone: a later item of this change cannot change it

    for index, item in enumerate(rules):
        with errors.under(f"rules.{index}"):
            _add_or_change_rule(actor, case, plan, current, item)

    for index, contact in enumerate(contacts):
        with errors.under(f"contacts.{index}"):
            services.contact_add(actor=actor, case=case, plan=plan, **contact)

    for index, agreement in enumerate(agreements):
        with errors.under(f"agreements.{index}"):
            services.agreement_add(actor=actor, case=case, plan=plan, **agreement)
    errors.raise_if_any()


def _add_or_change_rule(actor: User, case: Case, plan: SafetyPlan, current: dict[int, Rule], item: RuleItem) -> None:
    if item.id is None:
        services.rule_create(actor=actor, case=case, plan=plan, **item.changes)
        return
    rule = current.get(item.id)
    if rule is None or item.version is None:
        problems = Errors()
        if rule is None:
            problems.add("id", _("There is no such rule on this plan."))
        if item.version is None:
            problems.add("version", _("Send the version of the rule you read."))
        raise ValidationError(dict(problems))
    services.rule_update(actor=actor, case=case, rule=rule, expected_version=item.version, **item.changes)
