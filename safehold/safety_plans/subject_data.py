"""The safety plan's part in a person's export (see cases/subject_records.py): each version of the plan that
names them (as its coordinator, as someone the worry is about, holding a rule, as a contact, signing it), the
rules they hold with how each check-in found them, their contact entries and sign-offs, and the professionals'
agreements that name them. Seven queries."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Item, Record, Subject, SubjectData, item, record
from safehold.safety_plans.models import (
    CheckIn,
    Contact,
    ProfessionalAgreement,
    Rule,
    RuleCheck,
    SafetyPlan,
    SignOff,
)

PLAN_FIELDS = ("version_no", "status", "minimum_requirements", "child_explanation", "information_given",
               "if_worries_who_notices", "if_worries_who_is_called", "if_worries_authority", "activated_on",
               "ended_on", "next_review_on")


def _in_plan(plan: SafetyPlan) -> Item:
    return item("plan", _("safety plan"), plan.pk, _("Version %(number)s") % {"number": plan.version_no})


def collect(subject: Subject) -> list[Record]:
    person = subject.person
    plans = (SafetyPlan.objects.filter(case=subject.case).order_by("version_no")
             .prefetch_related(Prefetch("rules", queryset=Rule.objects.filter(responsible=person)),
                               Prefetch("contacts", queryset=Contact.objects.filter(person=person)),
                               Prefetch("sign_offs", queryset=SignOff.objects.filter(person=person)),
                               "agreements", "worry_about"))
    checks: dict[int, list[RuleCheck]] = {}
    for check in (RuleCheck.objects.filter(rule__plan__case=subject.case, rule__responsible=person)
                  .select_related("check_in").order_by("check_in__checked_on", "id")):
        checks.setdefault(check.rule_id, []).append(check)
    records: list[Record] = []
    for plan in plans:
        rules, contacts, sign_offs = list(plan.rules.all()), list(plan.contacts.all()), list(plan.sign_offs.all())
        agreements = [a for a in plan.agreements.all() if subject.named_in(a.agency, a.agreement)]
        coordinates = plan.coordinator_id == person.pk
        worried_about = any(p.pk == person.pk for p in plan.worry_about.all())
        if not (rules or contacts or sign_offs or agreements or coordinates or worried_about):
            continue
        records.append(record(plan, PLAN_FIELDS, item("coordinator", _("network coordinator"), coordinates),
                              item("worry_about", _("the worry is about them"), worried_about)))
        for rule in rules:
            records.append(record(rule, ["kind", "text", "periods", "holidays", "situation"], _in_plan(plan)))
            records += [record(check, ["result", "note"], item("rule", _("rule"), rule.pk),
                               item("checked_on", _("date"), check.check_in.checked_on),
                               item("source", _("source"), check.check_in.source,
                                    check.check_in.get_source_display()))
                        for check in checks.get(rule.pk, [])]
        records += [record(c, ["name", "role", "phone"], _in_plan(plan)) for c in contacts]
        records += [record(s, ["name", "how", "signed_on"], _in_plan(plan)) for s in sign_offs]
        records += [record(a, ["agency", "agreement"], _in_plan(plan)) for a in agreements]
    return records


SUBJECT_DATA = SubjectData(
    key="safety_plans", title=gettext_lazy("Safety plans"), collect=collect,
    models=(SafetyPlan, Rule, Contact, ProfessionalAgreement, SignOff, CheckIn, RuleCheck),
)
