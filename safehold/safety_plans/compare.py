"""What changed between two versions of a safety plan: the plan's own sections, rules added, removed and
changed (matched by their lineage, which a new version's copies keep), contacts and agreements with
professionals. Values come out as display text, so that a page or an export shows them as they are."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Model, Prefetch
from django.db.models import prefetch_related_objects as prefetch
from django.utils.translation import gettext as _

from safehold.safety_plans.coverage import CELLS, cell_label, period_labels
from safehold.safety_plans.models import PLAN_TEXT_FIELDS, Contact, ProfessionalAgreement, Rule, SafetyPlan

T = TypeVar("T")
_PLAN_FIELDS = ("coordinator", *PLAN_TEXT_FIELDS, "review_every_days", "family_network_picture")
_RULE_FIELDS = ("kind", "text", "responsible", "periods", "holidays", "situation", "answers")


@dataclass
class FieldChange:
    name: str
    label: Any  # the field's (lazily translated) verbose name
    before: str
    after: str


@dataclass
class RuleChange:
    change: str  # "added", "removed" or "changed"
    before: Rule | None
    after: Rule | None
    fields: list[FieldChange] = field(default_factory=list)
    periods_added: list[str] = field(default_factory=list)  # labels ("Monday, Morning"), in grid order
    periods_removed: list[str] = field(default_factory=list)

    @property
    def rule(self) -> Rule:
        return self.after or self.before  # type: ignore[return-value]


@dataclass
class ContactChange:
    change: str
    before: Contact | None
    after: Contact | None

    @property
    def contact(self) -> Contact:
        return self.after or self.before  # type: ignore[return-value]


@dataclass
class AgreementChange:
    change: str
    before: ProfessionalAgreement | None
    after: ProfessionalAgreement | None

    @property
    def agreement(self) -> ProfessionalAgreement:
        return self.after or self.before  # type: ignore[return-value]


@dataclass
class PlanComparison:
    older: SafetyPlan
    newer: SafetyPlan
    sections: list[FieldChange]
    rules: list[RuleChange]
    contacts: list[ContactChange]
    agreements: list[AgreementChange]
    unchanged_rules: int

    @property
    def is_empty(self) -> bool:
        return not (self.sections or self.rules or self.contacts or self.agreements)


def _match(old: Iterable[T], new: Iterable[T], key: Callable[[T], Hashable]) -> list[tuple[T | None, T | None]]:
    """Pairs of (before, after) with the same key, in the newer order, then what only the older one has.
    Two items with the same key in one version (two agreements with "the school") pair up in order."""
    waiting: dict[Hashable, list[T]] = {}
    for item in old:
        waiting.setdefault(key(item), []).append(item)
    pairs: list[tuple[T | None, T | None]] = []
    for item in new:
        earlier = waiting.get(key(item))
        pairs.append((earlier.pop(0) if earlier else None, item))
    return pairs + [(item, None) for items in waiting.values() for item in items]


def _kind(before: Model | None, after: Model | None) -> str:
    return "added" if before is None else "removed" if after is None else "changed"


def _stored(name: str) -> str:
    # Compared by what is stored: two people with the same name are still a different person.
    return name + "_id" if name in ("coordinator", "responsible", "answers") else name


def _plan_value(plan: SafetyPlan, name: str) -> str:
    if name == "coordinator":
        return plan.coordinator.full_name if plan.coordinator else ""
    if name == "family_network_picture":
        return str(plan.get_family_network_picture_display())
    if name == "worry_about":
        return ", ".join(sorted(person.full_name for person in plan.worry_about.all()))
    return str(getattr(plan, name))


def _worry_ids(plan: SafetyPlan) -> set[int]:
    return {person.pk for person in plan.worry_about.all()}


def _rule_value(rule: Rule, name: str) -> str:
    if name == "kind":
        return str(rule.get_kind_display())
    if name == "responsible":
        return rule.responsible.full_name
    if name == "periods":
        return "; ".join(period_labels(rule.periods))
    if name == "holidays":
        return _("Yes") if rule.holidays else _("No")
    if name == "answers":
        return (rule.answers.behaviour or rule.answers.text) if rule.answers else ""
    return getattr(rule, name)


def _rule_change(before: Rule, after: Rule) -> RuleChange:
    change = RuleChange("changed", before, after)
    for name in _RULE_FIELDS:
        old, new = getattr(before, _stored(name)), getattr(after, _stored(name))
        if name == "periods":
            old, new = set(old or ()), set(new or ())
            change.periods_added = [cell_label(c) for c in CELLS if c in new - old]
            change.periods_removed = [cell_label(c) for c in CELLS if c in old - new]
        if old != new:
            change.fields.append(FieldChange(name, Rule._meta.get_field(name).verbose_name,  # type: ignore[union-attr]
                                             _rule_value(before, name), _rule_value(after, name)))
    return change


def _contact_key(contact: Contact) -> tuple:
    return ("person", contact.person_id) if contact.person_id else ("name", contact.name, contact.phone)


def compare_plans(older: SafetyPlan, newer: SafetyPlan) -> PlanComparison:
    """At most five queries whatever the size of the versions (none for what is already loaded)."""
    prefetch([older, newer], "coordinator", "contacts", "agreements", "worry_about",
             Prefetch("rules", queryset=Rule.objects.select_related("responsible", "answers")))
    sections = [
        FieldChange(name, SafetyPlan._meta.get_field(name).verbose_name,  # type: ignore[union-attr]
                    _plan_value(older, name), _plan_value(newer, name))
        for name in _PLAN_FIELDS if getattr(older, _stored(name)) != getattr(newer, _stored(name))
    ]
    if _worry_ids(older) != _worry_ids(newer):
        sections.append(FieldChange("worry_about", SafetyPlan._meta.get_field("worry_about").verbose_name,
                                    _plan_value(older, "worry_about"), _plan_value(newer, "worry_about")))
    rules: list[RuleChange] = []
    unchanged = 0
    for before, after in _match(older.rules.all(), newer.rules.all(), lambda r: r.lineage):
        change = _rule_change(before, after) if before and after else RuleChange(_kind(before, after), before, after)
        if change.change != "changed" or change.fields:
            rules.append(change)
        else:
            unchanged += 1
    contacts = [
        ContactChange(_kind(before, after), before, after)
        for before, after in _match(older.contacts.all(), newer.contacts.all(), _contact_key)
        # Matched by person, a new phone number or role is a change: a wrong number reaches nobody.
        if not (before and after) or (before.name, before.role, before.phone) != (after.name, after.role, after.phone)
    ]
    agreements = [
        AgreementChange(_kind(before, after), before, after)
        for before, after in _match(older.agreements.all(), newer.agreements.all(), lambda a: a.agency)
        if not (before and after) or before.agreement != after.agreement
    ]
    return PlanComparison(older, newer, sections, rules, contacts, agreements, unchanged)
