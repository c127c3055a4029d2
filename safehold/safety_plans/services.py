"""Every change to safety plans: versions, rules, contacts, agreements, transitions, sign-off, check-ins.
Each runs in one transaction with its audit record. An approved version is frozen: nothing here changes it
except its status (active, superseded, ended)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.core.text import clean_text
from safehold.core.versioning import save_versioned, update_versioned
from safehold.mapping.models import Entry, Map, Part
from safehold.network.models import CaseNetwork
from safehold.safety_plans.coverage import cell_label, clean_cells, coverage
from safehold.safety_plans.models import (
    PLAN_TRANSITIONS,
    CheckIn,
    CheckInSource,
    Contact,
    PlanStatus,
    ProfessionalAgreement,
    Rule,
    RuleCheck,
    RuleResult,
    SafetyPlan,
    SignOff,
)
from safehold.words_pictures.models import Story

MAX_TEXT = 2000
PLAN_EDITABLE = (
    "minimum_requirements", "coordinator", "child_explanation", "information_given", "if_worries_who_notices",
    "if_worries_who_is_called", "if_worries_authority", "review_every_days", "uncovered_reason", "map", "story",
)
_PLAN_TEXTS = ("minimum_requirements", "child_explanation", "information_given", "if_worries_who_notices",
               "if_worries_who_is_called", "if_worries_authority", "uncovered_reason")
SIGNING_ROLES = (PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK, PersonRole.CHILD)




def _require_draft(plan: SafetyPlan) -> None:
    # The status is read again under a row lock: the caller's copy may be from before someone proposed or
    # approved the plan, and plan_transition takes the same lock, so no change slips into an approved version.
    status = SafetyPlan.objects.select_for_update().filter(pk=plan.pk).values_list("status", flat=True).first()
    if status is not None:
        plan.status = status
    if plan.is_frozen:
        raise ValidationError(_("An approved version cannot be changed. Start a new version to change the plan."))
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("The plan has been proposed. Send it back to draft to change it."))


def _text(value: Any) -> str | None:
    """Text as sent by a form or API client, cleaned; None if it is not text at all."""
    if value is None:
        return ""
    return clean_text(value) if isinstance(value, str) else None


def _check_plan(case: Case, plan: SafetyPlan) -> None:
    if plan.case_id != case.pk:  # a programming error: views load plans through the case
        raise ValueError("plan of another case")


def _case_person(case: Case, person_id: Any, field: str, roles: Iterable[str] | None = None) -> Person:
    return chosen_person(case, person_id, field=field, roles=roles)


# --- plans and versions ------------------------------------------------------------------------------

@transaction.atomic
def plan_create(*, actor, case: Case) -> SafetyPlan:
    """Start a plan, or the next version of it: a copy of the latest version (rules, contacts, agreements),
    in draft. One draft or proposed version at a time."""
    require_case_perm(actor, case, Perm.CHANGE)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if case.safety_plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.PROPOSED]).exists():
        raise ValidationError(_("This case already has a plan in draft or proposed. Work on that one."))
    latest = case.safety_plans.order_by("-version_no").first()
    plan = SafetyPlan(case=case, created_by=actor, version_no=(latest.version_no + 1) if latest else 1,
                      copied_from=latest)
    if latest is not None:
        for name in PLAN_EDITABLE:
            setattr(plan, name, getattr(latest, name))
    else:  # the first plan starts with the coordinator the network already has (one register)
        plan.coordinator_id = CaseNetwork.objects.filter(case=case).values_list("coordinator", flat=True).first()
    plan.save()
    if latest is not None:
        _copy_content(latest, plan)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=plan,
                 changed_fields=["version_no", *(["copied_from"] if latest else [])])
    return plan


def _copy_content(source: SafetyPlan, target: SafetyPlan) -> None:
    Rule.objects.bulk_create([
        Rule(plan=target, position=r.position, text=r.text, responsible_id=r.responsible_id, periods=r.periods,
             holidays=r.holidays, situation=r.situation, answers_id=r.answers_id, lineage=r.lineage)
        for r in source.rules.all()
    ])
    Contact.objects.bulk_create([
        Contact(plan=target, person_id=c.person_id, name=c.name, role=c.role, phone=c.phone, position=c.position)
        for c in source.contacts.all()
    ])
    ProfessionalAgreement.objects.bulk_create([
        ProfessionalAgreement(plan=target, agency=a.agency, agreement=a.agreement, position=a.position)
        for a in source.agreements.all()
    ])


@transaction.atomic
def plan_update(*, actor, case: Case, plan: SafetyPlan, expected_version: int, **changes: Any) -> list[str]:
    """Change the plan's own sections. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    errors: dict[str, str] = {}
    for name in _PLAN_TEXTS:
        if name in changes:
            text = _text(changes[name])
            if text is None:
                errors[name] = _("Enter text.")
                continue
            changes[name] = text
            if len(text) > MAX_TEXT:
                errors[name] = _("Keep this to %(limit)d characters.") % {"limit": MAX_TEXT}
    if "coordinator" in changes and changes["coordinator"] is not None:
        coordinator = changes["coordinator"]
        if not isinstance(coordinator, Person) or coordinator.case_id != case.pk:
            errors["coordinator"] = _("Choose a person on this case.")
    if "review_every_days" in changes:
        days = changes["review_every_days"]
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 90:
            errors["review_every_days"] = _("Review at least every 90 days, at most every day.")
    plan_map = changes.get("map")
    if plan_map is not None and (not isinstance(plan_map, Map) or plan_map.case_id != case.pk):
        errors["map"] = _("Choose a map of this case.")
    story = changes.get("story")
    if story is not None and (not isinstance(story, Story) or story.case_id != case.pk):
        errors["story"] = _("Choose a Words & Pictures story of this case.")
    if errors:
        raise ValidationError(errors)
    changed = update_versioned(plan, changes, PLAN_EDITABLE, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=changed)
    return changed


def _uncovered(plan: SafetyPlan) -> list[str]:
    return coverage(plan.rules.all()).gaps


@transaction.atomic
def plan_transition(*, actor, case: Case, plan: SafetyPlan, to_status: str) -> SafetyPlan:
    """Move a version along draft → proposed → approved (team lead only) → active → ended. A version with
    periods nobody covers is proposed and approved only with the reason recorded. Activating a version
    supersedes the one active before."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    if to_status == PlanStatus.APPROVED:
        # Checked first: someone who may not approve learns that, not what the plan still lacks.
        require_case_perm(actor, case, Perm.ASSIGN)  # the team lead of the case's team
    # The case row first, as plan_create does: two versions activated at the same moment would otherwise
    # each miss the other and both stay active.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    SafetyPlan.objects.select_for_update().filter(pk=plan.pk).first()
    plan.refresh_from_db()
    if to_status not in PLAN_TRANSITIONS.get(plan.status, ()):
        raise ValidationError({"status": _("A plan cannot move from “%(from)s” to “%(to)s”.") % {
            "from": plan.get_status_display(),
            "to": PlanStatus(to_status).label if to_status in PlanStatus.values else to_status}})
    if to_status in (PlanStatus.PROPOSED, PlanStatus.APPROVED):
        if not plan.rules.exists():
            raise ValidationError({"status": _("A plan needs at least one rule.")})
        gaps = _uncovered(plan)
        if gaps and not plan.uncovered_reason:
            raise ValidationError({"uncovered_reason": _(
                "Nobody covers %(periods)s. Cover these periods or record why they need no cover.") % {
                "periods": ", ".join(cell_label(cell) for cell in gaps)}})
    if to_status == PlanStatus.ACTIVE and case.safety_plans.filter(
            version_no__gt=plan.version_no, activated_on__isnull=False).exists():
        raise ValidationError({"status": _("A later version of the plan has already been in force.")})
    changed = ["status"]
    today = timezone.localdate()
    if to_status == PlanStatus.APPROVED:
        plan.approved_by, plan.approved_at = actor, timezone.now()
        changed += ["approved_by", "approved_at"]
    elif to_status == PlanStatus.ACTIVE:
        # The version in force, and earlier approved versions that never came into force, give way to this one.
        earlier_versions = case.safety_plans.filter(status__in=[PlanStatus.ACTIVE, PlanStatus.APPROVED],
                                                    version_no__lt=plan.version_no)
        for earlier in earlier_versions:
            earlier.status, earlier.ended_on = PlanStatus.SUPERSEDED, today
            save_versioned(earlier, expected_version=earlier.version, fields=["status", "ended_on"])
            audit_record(actor=actor, action=Action.UPDATE, case=case, obj=earlier,
                         changed_fields=["status", "ended_on"])
        plan.activated_on, plan.next_review_on = today, today + timedelta(days=plan.review_every_days)
        changed += ["activated_on", "next_review_on"]
    elif to_status == PlanStatus.ENDED:
        plan.ended_on = today
        changed.append("ended_on")
    plan.status = to_status
    save_versioned(plan, expected_version=plan.version, fields=changed)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=changed)
    return plan


# --- rules ---------------------------------------------------------------------------------------------

def _clean_rule(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    data["text"] = _text(data.get("text")) or ""
    if not data["text"]:
        errors["text"] = _("Write down what exactly happens, in the family's words.")
    elif len(data["text"]) > MAX_TEXT:
        errors["text"] = _("Keep a rule to %(limit)d characters.") % {"limit": MAX_TEXT}
    try:
        data["responsible"] = _case_person(case, data.get("responsible"), "responsible")
    except ValidationError:
        errors["responsible"] = _("Say who is responsible: a person on this case.")
    try:
        data["periods"] = clean_cells(data.get("periods") or [])
    except ValueError:
        errors["periods"] = _("Choose the periods from the week's grid.")
    situation = _text(data.get("situation"))
    data["situation"] = situation or ""
    if situation is None:
        errors["situation"] = _("Describe the situation in words.")
    elif len(situation) > 300:
        errors["situation"] = _("Keep the situation to 300 characters.")
    if not errors.get("periods") and not data["periods"] and not data["situation"] and not data.get("holidays"):
        errors["periods"] = _("Say when the rule applies: periods of the week, holidays or a situation.")
    answers = data.get("answers")
    if answers is not None and (not isinstance(answers, Entry) or answers.map.case_id != case.pk
                                or answers.part != Part.FUTURE_DANGER or answers.deleted_at is not None):
        errors["answers"] = _("Choose a danger statement of this case's maps.")
    if errors:
        raise ValidationError(errors)
    data["holidays"] = bool(data.get("holidays"))
    return data


_RULE_FIELDS = ("text", "responsible", "periods", "holidays", "situation", "answers")


@transaction.atomic
def rule_create(*, actor, case: Case, plan: SafetyPlan, **data: Any) -> Rule:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    unknown = set(data) - set(_RULE_FIELDS)
    if unknown:
        raise ValueError(f"unknown rule fields {sorted(unknown)}")
    fields = _clean_rule(case, dict(data))
    last = plan.rules.aggregate(last=Max("position"))["last"]
    rule = Rule.objects.create(plan=plan, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=rule,
                 changed_fields=[k for k, v in fields.items() if v])
    return rule


@transaction.atomic
def rule_update(*, actor, case: Case, rule: Rule, expected_version: int, **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, rule.plan)
    _require_draft(rule.plan)
    data = {name: getattr(rule, name) for name in _RULE_FIELDS}
    data["responsible"] = rule.responsible_id
    data.update(changes)
    fields = _clean_rule(case, data)
    changed = update_versioned(rule, fields, _RULE_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=rule, changed_fields=changed)
    return changed


@transaction.atomic
def rule_delete(*, actor, case: Case, rule: Rule) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, rule.plan)
    _require_draft(rule.plan)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=rule)
    rule.delete()


# --- contacts and agreements with professionals ------------------------------------------------------

_CONTACT_FIELDS = ("person", "name", "role", "phone")
_AGREEMENT_FIELDS = ("agency", "agreement")


def _clean_contact(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    person_obj = None
    if data.get("person") not in (None, ""):
        try:
            person_obj = _case_person(case, data["person"], "person")
        except ValidationError:
            errors["person"] = _("Choose a person on this case.")
    name = (_text(data.get("name")) or "") or (person_obj.full_name if person_obj else "")
    phone = (_text(data.get("phone")) or "") or (person_obj.phone if person_obj else "")
    role = _text(data.get("role")) or ""
    if not name:
        errors["name"] = _("Enter the name.")
    # Refused rather than cut short: a phone number missing its last digits reaches nobody.
    for field, value, limit in (("name", name, 201), ("role", role, 200), ("phone", phone, 40)):
        if len(value) > limit:
            errors[field] = _("Keep this to %(limit)d characters.") % {"limit": limit}
    if errors:
        raise ValidationError(errors)
    return {"person": person_obj, "name": name, "role": role, "phone": phone}


def _clean_agreement(data: dict[str, Any]) -> dict[str, Any]:
    agency, agreement = _text(data.get("agency")) or "", _text(data.get("agreement")) or ""
    errors = {}
    if not agency:
        errors["agency"] = _("Say who agreed: the school, day care, GP, police…")
    elif len(agency) > 200:
        errors["agency"] = _("Keep this to %(limit)d characters.") % {"limit": 200}
    if not agreement:
        errors["agreement"] = _("Write down what they agreed to do.")
    elif len(agreement) > MAX_TEXT:
        errors["agreement"] = _("Keep this to %(limit)d characters.") % {"limit": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    return {"agency": agency, "agreement": agreement}


@transaction.atomic
def contact_add(*, actor, case: Case, plan: SafetyPlan, name: str = "", role: str = "", phone: str = "",
                person: int | None = None) -> Contact:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    fields = _clean_contact(case, {"person": person, "name": name, "role": role, "phone": phone})
    last = plan.contacts.aggregate(last=Max("position"))["last"]
    contact = Contact.objects.create(plan=plan, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=["contacts"])
    return contact


@transaction.atomic
def contact_update(*, actor, case: Case, contact: Contact, expected_version: int, **changes: Any) -> list[str]:
    """Change a contact of a draft plan. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, contact.plan)
    _require_draft(contact.plan)
    unknown = set(changes) - set(_CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"unknown contact fields {sorted(unknown)}")
    data = {name: getattr(contact, name) for name in _CONTACT_FIELDS}
    data["person"] = contact.person_id
    data.update(changes)
    fields = _clean_contact(case, data)
    changed = update_versioned(contact, fields, _CONTACT_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=contact, changed_fields=changed)
    return changed


@transaction.atomic
def contact_delete(*, actor, case: Case, contact: Contact) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, contact.plan)
    _require_draft(contact.plan)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=contact)
    contact.delete()


@transaction.atomic
def agreement_add(*, actor, case: Case, plan: SafetyPlan, agency: str, agreement: str) -> ProfessionalAgreement:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    fields = _clean_agreement({"agency": agency, "agreement": agreement})
    last = plan.agreements.aggregate(last=Max("position"))["last"]
    row = ProfessionalAgreement.objects.create(plan=plan, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=["agreements"])
    return row


@transaction.atomic
def agreement_update(*, actor, case: Case, professional_agreement: ProfessionalAgreement, expected_version: int,
                     **changes: Any) -> list[str]:
    """Change an agreement with a professional on a draft plan. Returns the names of the fields that changed."""
    row = professional_agreement
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, row.plan)
    _require_draft(row.plan)
    unknown = set(changes) - set(_AGREEMENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown agreement fields {sorted(unknown)}")
    fields = _clean_agreement({**{name: getattr(row, name) for name in _AGREEMENT_FIELDS}, **changes})
    changed = update_versioned(row, fields, _AGREEMENT_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=row, changed_fields=changed)
    return changed


@transaction.atomic
def agreement_delete(*, actor, case: Case, professional_agreement: ProfessionalAgreement) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, professional_agreement.plan)
    _require_draft(professional_agreement.plan)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=professional_agreement)
    professional_agreement.delete()


# --- sign-off and monitoring -----------------------------------------------------------------------------

@transaction.atomic
def sign_off(*, actor, case: Case, plan: SafetyPlan, person: Any, how: str, signed_on: date | None = None
             ) -> SignOff:
    """Record that a family or network member agreed to this version (in person or by phone)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    errors: dict[str, str] = {}
    signer = None
    try:
        signer = _case_person(case, person, "person", roles=SIGNING_ROLES)
    except ValidationError:
        errors["person"] = _("Choose a family or network member of this case.")
    if how not in SignOff.How.values:
        errors["how"] = _("Say whether they agreed in person or by phone.")
    signed_on = signed_on or timezone.localdate()
    if not isinstance(signed_on, date) or isinstance(signed_on, datetime):
        errors["signed_on"] = _("Enter a date.")
    elif signed_on > timezone.localdate():
        errors["signed_on"] = _("The date cannot be in the future.")
    if plan.status in (PlanStatus.SUPERSEDED, PlanStatus.ENDED):
        errors["plan"] = _("This version is no longer in force.")
    if errors:
        raise ValidationError(errors)
    assert signer is not None
    row, _created = SignOff.objects.update_or_create(
        plan=plan, person=signer,
        defaults={"name": signer.full_name, "how": how, "signed_on": signed_on, "recorded_by": actor})
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=["sign_offs"])
    return row


@transaction.atomic
def check_in_create(*, actor, case: Case, plan: SafetyPlan, source: str, checked_on: date | None = None,
                    safety_score: Any = None, note: str = "",
                    results: Mapping[int, tuple[str, str]] | None = None) -> CheckIn:
    """Record a check-in on the active plan: for each rule held / broken / not known, with a note. Rules not
    named are recorded as not known. Moves the next review on."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    # Locked and read again: the caller's copy may predate a new version superseding it, and the next review
    # is written below.
    SafetyPlan.objects.select_for_update().filter(pk=plan.pk).first()
    plan.refresh_from_db()
    errors: dict[str, str] = {}
    if plan.status != PlanStatus.ACTIVE:
        errors["plan"] = _("Check-ins are recorded on the active plan.")
    if source not in CheckInSource.values:
        errors["source"] = _("Say where the information comes from.")
    checked_on = checked_on or timezone.localdate()
    if not isinstance(checked_on, date) or isinstance(checked_on, datetime):
        errors["checked_on"] = _("Enter a date.")
        checked_on = timezone.localdate()
    elif checked_on > timezone.localdate():
        errors["checked_on"] = _("A check-in cannot be dated in the future.")
    elif plan.activated_on and checked_on < plan.activated_on:
        errors["checked_on"] = _("The plan was not yet active on that date.")
    score = None
    if safety_score is not None and safety_score != "":
        if isinstance(safety_score, int) and not isinstance(safety_score, bool):
            score = safety_score
        elif isinstance(safety_score, str):
            text = safety_score.strip()
            # At most two digits: Python refuses to convert very long digit strings to int (ValueError).
            score = int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else None
        if score is None or not 0 <= score <= 10:
            errors["safety_score"] = _("A scale runs from 0 to 10.")
            score = None
    note_text = _text(note)
    if note_text is None or len(note_text) > MAX_TEXT:
        errors["note"] = _("Keep the note to %(limit)d characters.") % {"limit": MAX_TEXT}
    rules = {r.pk: r for r in plan.rules.all()}
    given: dict[int, tuple[str, str]] = {}
    if results is not None and not isinstance(results, Mapping):
        errors["results"] = _("Each rule held, was broken, or it is not known.")
        results = None
    for rule_id, outcome in (results or {}).items():
        if rule_id not in rules:
            errors["results"] = _("Record results only for the rules of this plan.")
            continue
        result, sent_note = outcome if isinstance(outcome, (tuple, list)) and len(outcome) == 2 else (None, "")
        rule_note = _text(sent_note)
        if result not in RuleResult.values or rule_note is None:
            errors["results"] = _("Each rule held, was broken, or it is not known.")
        elif len(rule_note) > MAX_TEXT:
            errors["results"] = _("Keep the note to %(limit)d characters.") % {"limit": MAX_TEXT}
        else:
            given[rule_id] = (result, rule_note)
    if errors:
        raise ValidationError(errors)
    check_in = CheckIn.objects.create(plan=plan, checked_on=checked_on, checked_by=actor, source=source,
                                      safety_score=score, note=note_text or "")
    RuleCheck.objects.bulk_create([
        RuleCheck(check_in=check_in, rule_id=rule_id,
                  result=given.get(rule_id, (RuleResult.UNKNOWN, ""))[0],
                  note=given.get(rule_id, ("", ""))[1])
        for rule_id in rules
    ])
    following = checked_on + timedelta(days=plan.review_every_days)
    if plan.next_review_on is None or following > plan.next_review_on:
        plan.next_review_on = following
        save_versioned(plan, expected_version=plan.version, fields=["next_review_on"])
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=check_in,
                 changed_fields=["checked_on", "source", "results", *(["safety_score"] if score is not None else [])])
    return check_in
