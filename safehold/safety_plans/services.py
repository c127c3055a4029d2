"""Every change to safety plans: versions, rules, contacts, agreements, transitions, sign-off, check-ins.
Each runs in one transaction with its audit record. An approved version is frozen: nothing here changes it
except its status (active, superseded, ended)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import TypedDict, TypeVar, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import TRANSITIONS as CASE_TRANSITIONS
from safehold.cases.models import Case, CaseStatus, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.cases.services import case_transition
from safehold.core.validation import SHORT, Errors, clean_date, clean_score, clean_text
from safehold.core.versioning import save_versioned, update_versioned
from safehold.network.models import CaseNetwork
from safehold.resources.selectors_referrals import chosen_referral
from safehold.safety_plans.coverage import cell_label, clean_cells, coverage
from safehold.safety_plans.models import (
    PLAN_TEXT_FIELDS,
    PLAN_TRANSITIONS,
    RUNNING,
    CheckIn,
    CheckInSource,
    Contact,
    FamilyNetworkPicture,
    PlanStatus,
    ProfessionalAgreement,
    Rule,
    RuleCheck,
    RuleKind,
    RuleResult,
    SafetyPlan,
    SignOff,
)
from safehold.safety_plans.selectors import chosen_danger_statement, chosen_map, chosen_story

T = TypeVar("T")

PLAN_EDITABLE = (
    "minimum_requirements", "coordinator", "child_explanation", "information_given", "if_worries_who_notices",
    "if_worries_who_is_called", "if_worries_authority", "review_every_days", "uncovered_reason", "map", "story",
    "family_network_picture",
)
SIGNING_ROLES = (PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK, PersonRole.CHILD)
# Whom the worry may be about: the adults around the child (a child is never the source of danger here).
WORRY_ROLES = (PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK, PersonRole.PROFESSIONAL)
# The case phases a plan put into force may move the case on from, to monitoring.
BEFORE_MONITORING = (CaseStatus.REFERRAL, CaseStatus.ASSESSMENT, CaseStatus.SAFETY_PLANNING)
# The columns' lengths: a longer text is refused, never cut short (a phone number missing its last digits
# reaches nobody).
CONTACT_NAME, CONTACT_ROLE, CONTACT_PHONE, AGENCY = 201, 200, 40, 200


class PlanChanges(TypedDict, total=False):
    """The plan's own sections a change names; what it leaves out stays as it is. The map, the story and the
    coordinator are ids of the case's (None: none)."""

    map: int | None
    story: int | None
    coordinator: int | None
    minimum_requirements: str
    child_explanation: str
    information_given: str
    if_worries_who_notices: str
    if_worries_who_is_called: str
    if_worries_authority: str
    review_every_days: int
    uncovered_reason: str
    family_network_picture: str
    worry_about: Sequence[int]


class RuleChanges(TypedDict, total=False):
    """A rule's fields: who keeps it is the id of a person on the case, the danger statement it answers the id
    of an entry on the case's maps (None: none)."""

    kind: str
    text: str
    responsible: int | None
    periods: Sequence[str]
    holidays: bool
    situation: str
    answers: int | None


class ContactChanges(TypedDict, total=False):
    """A contact: a person on the case (an id; name and phone default to theirs), or a name and number."""

    person: int | None
    name: str
    role: str
    phone: str


class AgreementChanges(TypedDict, total=False):
    """An agreement with a professional; the referral it points to is the id of a referral of the case (None:
    none)."""

    agency: str
    agreement: str
    referral: int | None


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


def _check_plan(case: Case, plan: SafetyPlan) -> None:
    if plan.case_id != case.pk:  # a programming error: views and routers load plans through the case
        raise ValueError("plan of another case")


def _chosen(errors: Errors, field: str, find: Callable[..., T], case: Case, value: object, **options: object
            ) -> T | None:
    """The case's record an id from input names, through its case-scoped selector (`chosen_person`,
    `chosen_map`…); None, with the selector's message on `field`, when it names none of this case's."""
    try:
        return find(case, value, field=field, **options)
    except ValidationError as refused:
        errors.add(field, refused.message_dict[field][0])
        return None


# --- plans and versions ------------------------------------------------------------------------------

@transaction.atomic
def plan_create(*, actor: User, case: Case) -> SafetyPlan:
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
        plan.worry_about.set(plan_worry_ids(latest))
        _copy_content(latest, plan)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=plan,
                 changed_fields=["version_no", *(["copied_from"] if latest else [])])
    return plan


def _copy_content(source: SafetyPlan, target: SafetyPlan) -> None:
    Rule.objects.bulk_create([
        Rule(plan=target, position=r.position, kind=r.kind, text=r.text, responsible_id=r.responsible_id,
             periods=r.periods, holidays=r.holidays, situation=r.situation, answers_id=r.answers_id, lineage=r.lineage)
        for r in source.rules.all()
    ])
    Contact.objects.bulk_create([
        Contact(plan=target, person_id=c.person_id, name=c.name, role=c.role, phone=c.phone, position=c.position)
        for c in source.contacts.all()
    ])
    ProfessionalAgreement.objects.bulk_create([
        ProfessionalAgreement(plan=target, agency=a.agency, agreement=a.agreement, referral_id=a.referral_id,
                              position=a.position)
        for a in source.agreements.all()
    ])


@transaction.atomic
def plan_update(*, actor: User, case: Case, plan: SafetyPlan, expected_version: int,
                **changes: Unpack[PlanChanges]) -> list[str]:
    """Change the plan's own sections. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    errors = Errors()
    given: Mapping[str, object] = changes
    values: dict[str, object] = {name: clean_text(value, name, errors)
                                 for name, value in given.items() if name in PLAN_TEXT_FIELDS}
    if "coordinator" in changes:
        coordinator = changes["coordinator"]
        values["coordinator"] = None if coordinator is None else _chosen(errors, "coordinator", chosen_person,
                                                                         case, coordinator)
    if "map" in changes:
        plan_map = changes["map"]
        values["map"] = None if plan_map is None else _chosen(errors, "map", chosen_map, case, plan_map)
    if "story" in changes:
        story = changes["story"]
        values["story"] = None if story is None else _chosen(errors, "story", chosen_story, case, story)
    if "review_every_days" in changes:
        values["review_every_days"] = days = changes["review_every_days"]
        if not 1 <= days <= 90:
            errors.add("review_every_days", _("Review at least every 90 days, at most every day."))
    if "family_network_picture" in changes:
        values["family_network_picture"] = picture = changes["family_network_picture"]
        if picture not in FamilyNetworkPicture.values:
            errors.add("family_network_picture", _("Choose what the family's plan shows of the network."))
    worry_about: set[int] | None = None
    if "worry_about" in changes:
        worry_about = set()
        for person_id in changes["worry_about"] or ():
            person = _chosen(errors, "worry_about", chosen_person, case, person_id, roles=WORRY_ROLES,
                             message=_("Choose adults of this case."))
            if person is not None:
                worry_about.add(person.pk)
    errors.raise_if_any()
    changed = update_versioned(plan, values, PLAN_EDITABLE, expected_version=expected_version)
    if worry_about is not None and worry_about != set(plan_worry_ids(plan)):
        if not changed:  # the M2M is no column: the version still moves on, so that a parallel edit conflicts
            save_versioned(plan, expected_version=expected_version, fields=[])
        plan.worry_about.set(worry_about)
        changed.append("worry_about")
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=changed)
    return changed


def plan_worry_ids(plan: SafetyPlan) -> list[int]:
    """The ids of the people the plan's worry is about. One query (none when prefetched)."""
    return [person.pk for person in plan.worry_about.all()]


@transaction.atomic
def plan_story_link(*, actor: User, case: Case, plan: SafetyPlan, story: int | None, expected_version: int
                    ) -> list[str]:
    """Link the Words & Pictures story that explains the plan to the children, also to an approved or active
    version: the story changes nothing the family agreed to, so it needs no new version and no new approval.
    Only the story link changes. Returns ["story"] when it changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    SafetyPlan.objects.select_for_update().filter(pk=plan.pk).first()
    errors = Errors()
    chosen = None if story is None else _chosen(errors, "story", chosen_story, case, story)
    current = SafetyPlan.objects.filter(pk=plan.pk).values_list("status", flat=True).first()
    if current not in RUNNING:
        errors.add("story", _("This version is no longer in force."))
    errors.raise_if_any()
    changed = update_versioned(plan, {"story": chosen}, ("story",), expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=changed)
    return changed


@transaction.atomic
def plan_transition(*, actor: User, case: Case, plan: SafetyPlan, to_status: str, comment: str = "",
                    reason: str = "", move_case: bool = False) -> SafetyPlan:
    """Move a version along draft → proposed → approved (team lead only) → active → ended. A version with
    periods nobody covers is proposed and approved only with the reason recorded, and approved only with the
    team lead's `comment` (optional otherwise, recorded on the plan). Sending a proposal back to draft needs
    the `reason`, which the caseworker reads on the draft. Activating a version supersedes the one active
    before; with `move_case`, a case still before monitoring moves on to monitoring in the same step."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    if to_status == PlanStatus.APPROVED:
        # Checked first: someone who may not approve learns that, not what the plan still lacks.
        require_case_perm(actor, case, Perm.APPROVE)  # the team lead of the case's team
    # The case row first, as plan_create does: two versions activated at the same moment would otherwise
    # each miss the other and both stay active.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    case.refresh_from_db(fields=["status", "version"])
    SafetyPlan.objects.select_for_update().filter(pk=plan.pk).first()
    plan.refresh_from_db()
    if to_status not in PLAN_TRANSITIONS.get(plan.status, ()):
        raise ValidationError({"status": _("A plan cannot move from “%(from)s” to “%(to)s”.") % {
            "from": plan.get_status_display(),
            "to": PlanStatus(to_status).label if to_status in PlanStatus.values else to_status}})
    errors = Errors()
    comment, reason = clean_text(comment, "comment", errors), clean_text(reason, "reason", errors)
    errors.raise_if_any()
    if to_status in (PlanStatus.PROPOSED, PlanStatus.APPROVED):
        if not plan.rules.exists():
            raise ValidationError({"status": _("A plan needs at least one rule.")})
        gaps = coverage(plan.rules.all(), plan_worry_ids(plan)).gaps
        if gaps and not plan.uncovered_reason:
            raise ValidationError({"uncovered_reason": _(
                "Nobody covers %(periods)s. Cover these periods or record why they need no cover.") % {
                "periods": ", ".join(cell_label(cell) for cell in gaps)}})
        if gaps and to_status == PlanStatus.APPROVED and not comment:
            raise ValidationError({"comment": _(
                "Some periods are not covered. Say why you approve the plan as it is.")})
    if to_status == PlanStatus.DRAFT and not reason:
        raise ValidationError({"reason": _("Say why the plan goes back to draft: the caseworker reads it.")})
    if to_status == PlanStatus.ACTIVE and case.safety_plans.filter(
            version_no__gt=plan.version_no, activated_on__isnull=False).exists():
        raise ValidationError({"status": _("A later version of the plan has already been in force.")})
    changed = ["status"]
    today = timezone.localdate()
    if to_status == PlanStatus.APPROVED:
        plan.approved_by, plan.approved_at, plan.approval_comment = actor, timezone.now(), comment
        changed += ["approved_by", "approved_at", "approval_comment"]
    elif to_status == PlanStatus.DRAFT:
        plan.sent_back_by, plan.sent_back_at, plan.sent_back_reason = actor, timezone.now(), reason
        changed += ["sent_back_by", "sent_back_at", "sent_back_reason"]
    elif to_status == PlanStatus.ACTIVE:
        # The version in force, and earlier approved versions that never came into force, give way to this one.
        earlier_versions = case.safety_plans.filter(status__in=[PlanStatus.ACTIVE, PlanStatus.APPROVED],
                                                    version_no__lt=plan.version_no)
        for earlier in earlier_versions:
            # A version no longer in force has no review due.
            earlier.status, earlier.ended_on, earlier.next_review_on = PlanStatus.SUPERSEDED, today, None
            save_versioned(earlier, expected_version=earlier.version, fields=["status", "ended_on", "next_review_on"])
            audit_record(actor=actor, action=Action.UPDATE, case=case, obj=earlier,
                         changed_fields=["status", "ended_on", "next_review_on"])
        plan.activated_on, plan.next_review_on = today, today + timedelta(days=plan.review_every_days)
        changed += ["activated_on", "next_review_on"]
    elif to_status == PlanStatus.ENDED:
        plan.ended_on, plan.next_review_on = today, None
        changed += ["ended_on", "next_review_on"]
    plan.status = to_status
    save_versioned(plan, expected_version=plan.version, fields=changed)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=changed)
    if to_status == PlanStatus.ACTIVE and move_case:
        _move_case_to_monitoring(actor, case, plan)
    return plan


def _move_case_to_monitoring(actor: User, case: Case, plan: SafetyPlan) -> None:
    """The case follows the work: step by step along the case's own path (each step in its history), from
    where it stands to monitoring. A case already in monitoring stays as it is."""
    note = _("The safety plan, version %(number)s, was put into force.") % {"number": plan.version_no}
    while case.status in BEFORE_MONITORING:
        following = next(s for s in (CaseStatus.MONITORING, CaseStatus.SAFETY_PLANNING, CaseStatus.ASSESSMENT)
                         if s in CASE_TRANSITIONS[case.status])
        case_transition(actor=actor, case=case, to_status=following, note=note)


# --- rules ---------------------------------------------------------------------------------------------

_RULE_FIELDS = ("kind", "text", "responsible", "periods", "holidays", "situation", "answers")


def _default_kind(rule: RuleChanges) -> str:
    """The kind of a rule a client sent without one (written before rules had kinds), as migration 0005 set
    it for the rules saved before: periods or holidays alone say who is there, a situation is an if-then."""
    if rule.get("periods") or (rule.get("holidays") and not rule.get("situation")):
        return RuleKind.PRESENCE
    return RuleKind.IF_THEN if rule.get("situation") else RuleKind.OTHER


def _clean_rule(case: Case, rule: RuleChanges) -> dict[str, object]:
    errors = Errors()
    kind = rule.get("kind") or _default_kind(rule)
    if kind not in RuleKind.values:
        errors.add("kind", _("Choose what kind of rule it is."))
    text = clean_text(rule.get("text"), "text", errors,
                      required=_("Write down what exactly happens, in the family's words."))
    responsible = _chosen(errors, "responsible", chosen_person, case, rule.get("responsible"),
                          message=_("Say who is responsible: a person on this case."))
    situation = clean_text(rule.get("situation"), "situation", errors, limit=SHORT)
    holidays = bool(rule.get("holidays"))
    try:
        periods = clean_cells(rule.get("periods") or [])
    except ValueError:
        errors.add("periods", _("Choose the periods from the week's grid."))
        periods = []
    if kind == RuleKind.PRESENCE:
        if "periods" not in errors and not periods and not holidays:
            errors.add("periods", _("Say at which times they are there: periods of the week or holidays."))
    elif "periods" not in errors and not periods and not situation and not holidays:
        errors.add("periods", _("Say when the rule applies: periods of the week, holidays or a situation."))
    answers = rule.get("answers")
    statement = None if answers is None else _chosen(errors, "answers", chosen_danger_statement, case, answers)
    errors.raise_if_any()
    return {"kind": kind, "text": text, "responsible": responsible, "periods": periods, "holidays": holidays,
            "situation": situation, "answers": statement}


@transaction.atomic
def rule_create(*, actor: User, case: Case, plan: SafetyPlan, text: str = "", responsible: int | None = None,
                periods: Sequence[str] = (), holidays: bool = False, situation: str = "",
                answers: int | None = None, kind: str = "") -> Rule:
    """Add a rule at the end of a draft: what kind of rule it is, what exactly happens, who keeps it, when
    (periods of the week, holidays, a situation), and the danger statement it answers. Without a kind, periods
    say who is there and a situation alone makes an if-then rule."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    fields = _clean_rule(case, {"kind": kind, "text": text, "responsible": responsible, "periods": periods,
                                "holidays": holidays, "situation": situation, "answers": answers})
    last = plan.rules.aggregate(last=Max("position"))["last"]
    rule = Rule.objects.create(plan=plan, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=rule,
                 changed_fields=[k for k, v in fields.items() if v])
    return rule


@transaction.atomic
def rule_update(*, actor: User, case: Case, rule: Rule, expected_version: int,
                **changes: Unpack[RuleChanges]) -> list[str]:
    """Change a rule of a draft. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, rule.plan)
    _require_draft(rule.plan)
    current: RuleChanges = {"kind": rule.kind, "text": rule.text, "responsible": rule.responsible_id,
                            "periods": rule.periods, "holidays": rule.holidays, "situation": rule.situation,
                            "answers": rule.answers_id}
    fields = _clean_rule(case, {**current, **changes})
    changed = update_versioned(rule, fields, _RULE_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=rule, changed_fields=changed)
    return changed


@transaction.atomic
def rule_delete(*, actor: User, case: Case, rule: Rule) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, rule.plan)
    _require_draft(rule.plan)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=rule)
    rule.delete()


# --- contacts and agreements with professionals ------------------------------------------------------

_CONTACT_FIELDS = ("person", "name", "role", "phone")
_AGREEMENT_FIELDS = ("agency", "agreement", "referral")


def _clean_contact(case: Case, contact: ContactChanges) -> dict[str, object]:
    errors = Errors()
    person_id = contact.get("person")
    person = None if person_id is None else _chosen(errors, "person", chosen_person, case, person_id)
    # Left empty, the name and the number are the person's.
    name = clean_text(contact.get("name"), "name", errors, limit=CONTACT_NAME) or (person.full_name if person else "")
    phone = clean_text(contact.get("phone"), "phone", errors, limit=CONTACT_PHONE) or (person.phone if person else "")
    role = clean_text(contact.get("role"), "role", errors, limit=CONTACT_ROLE)
    if not name:
        errors.add("name", _("Enter the name."))
    errors.raise_if_any()
    return {"person": person, "name": name, "role": role, "phone": phone}


def _clean_agreement(case: Case, agreement: AgreementChanges) -> dict[str, object]:
    errors = Errors()
    referral_id = agreement.get("referral")
    fields: dict[str, object] = {
        "agency": clean_text(agreement.get("agency"), "agency", errors, limit=AGENCY,
                             required=_("Say who agreed: the school, day care, GP, police…")),
        "agreement": clean_text(agreement.get("agreement"), "agreement", errors,
                                required=_("Write down what they agreed to do.")),
        "referral": None if referral_id is None else _chosen(errors, "referral", chosen_referral, case,
                                                             referral_id),
    }
    errors.raise_if_any()
    return fields


@transaction.atomic
def contact_add(*, actor: User, case: Case, plan: SafetyPlan, person: int | None = None, name: str = "",
                role: str = "", phone: str = "") -> Contact:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    fields = _clean_contact(case, {"person": person, "name": name, "role": role, "phone": phone})
    last = plan.contacts.aggregate(last=Max("position"))["last"]
    contact = Contact.objects.create(plan=plan, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=["contacts"])
    return contact


@transaction.atomic
def contact_update(*, actor: User, case: Case, contact: Contact, expected_version: int,
                   **changes: Unpack[ContactChanges]) -> list[str]:
    """Change a contact of a draft plan. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, contact.plan)
    _require_draft(contact.plan)
    current: ContactChanges = {"person": contact.person_id, "name": contact.name, "role": contact.role,
                               "phone": contact.phone}
    fields = _clean_contact(case, {**current, **changes})
    changed = update_versioned(contact, fields, _CONTACT_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=contact, changed_fields=changed)
    return changed


@transaction.atomic
def contact_delete(*, actor: User, case: Case, contact: Contact) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, contact.plan)
    _require_draft(contact.plan)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=contact)
    contact.delete()


@transaction.atomic
def agreement_add(*, actor: User, case: Case, plan: SafetyPlan, agency: str = "", agreement: str = "",
                  referral: int | None = None) -> ProfessionalAgreement:
    """Add an agreement with a professional to a draft: who, what they agreed, and the referral of the case it
    points to (an id; None: none)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    _require_draft(plan)
    fields = _clean_agreement(case, {"agency": agency, "agreement": agreement, "referral": referral})
    last = plan.agreements.aggregate(last=Max("position"))["last"]
    row = ProfessionalAgreement.objects.create(plan=plan, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=["agreements"])
    return row


@transaction.atomic
def agreement_update(*, actor: User, case: Case, professional_agreement: ProfessionalAgreement,
                     expected_version: int, **changes: Unpack[AgreementChanges]) -> list[str]:
    """Change an agreement with a professional on a draft plan. Returns the names of the fields that changed."""
    row = professional_agreement
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, row.plan)
    _require_draft(row.plan)
    fields = _clean_agreement(case, {"agency": row.agency, "agreement": row.agreement,
                                     "referral": row.referral_id, **changes})
    changed = update_versioned(row, fields, _AGREEMENT_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=row, changed_fields=changed)
    return changed


@transaction.atomic
def agreement_delete(*, actor: User, case: Case, professional_agreement: ProfessionalAgreement) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, professional_agreement.plan)
    _require_draft(professional_agreement.plan)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=professional_agreement)
    professional_agreement.delete()


# --- sign-off and monitoring -----------------------------------------------------------------------------

@transaction.atomic
def sign_off(*, actor: User, case: Case, plan: SafetyPlan, person: int | None, how: str,
             signed_on: date | None = None) -> SignOff:
    """Record that a family or network member agreed to this version (in person or by phone), today unless
    `signed_on` says otherwise."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    errors = Errors()
    signer = _chosen(errors, "person", chosen_person, case, person, roles=SIGNING_ROLES,
                     message=_("Choose a family or network member of this case."))
    if how not in SignOff.How.values:
        errors.add("how", _("Say whether they agreed in person or by phone."))
    day = clean_date(signed_on or timezone.localdate(), "signed_on", errors, not_after_today=True)
    if plan.status in (PlanStatus.SUPERSEDED, PlanStatus.ENDED):
        errors.add("plan", _("This version is no longer in force."))
    errors.raise_if_any()
    assert signer is not None and day is not None
    row, _created = SignOff.objects.update_or_create(
        plan=plan, person=signer,
        defaults={"name": signer.full_name, "how": how, "signed_on": day, "recorded_by": actor})
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=plan, changed_fields=["sign_offs"])
    return row


@transaction.atomic
def check_in_create(*, actor: User, case: Case, plan: SafetyPlan, source: str, checked_on: date | None = None,
                    safety_score: int | None = None, note: str = "",
                    results: Mapping[int, tuple[str, str]] | None = None) -> CheckIn:
    """Record a check-in on the active plan, today unless `checked_on` says otherwise: for each rule held /
    broken / not known, with a note. Rules not named are recorded as not known. Moves the next review on."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_plan(case, plan)
    # Locked and read again: the caller's copy may predate a new version superseding it, and the next review
    # is written below.
    SafetyPlan.objects.select_for_update().filter(pk=plan.pk).first()
    plan.refresh_from_db()
    errors = Errors()
    if plan.status != PlanStatus.ACTIVE:
        errors.add("plan", _("Check-ins are recorded on the active plan."))
    if source not in CheckInSource.values:
        errors.add("source", _("Say where the information comes from."))
    today = timezone.localdate()
    day = clean_date(checked_on or today, "checked_on", errors)
    if day is not None and "checked_on" not in errors:
        if day > today:
            errors.add("checked_on", _("A check-in cannot be dated in the future."))
        elif plan.activated_on and day < plan.activated_on:
            errors.add("checked_on", _("The plan was not yet active on that date."))
    score = clean_score(safety_score, "safety_score", errors, required=False)
    note_text = clean_text(note, "note", errors)
    rule_ids = list(plan.rules.values_list("pk", flat=True))
    given: dict[int, tuple[str, str]] = {}
    for rule_id, (result, rule_note) in (results or {}).items():
        if rule_id not in rule_ids:
            errors.add("results", _("Record results only for the rules of this plan."))
        elif result not in RuleResult.values:
            errors.add("results", _("Each rule held, was broken, or it is not known."))
        else:
            given[rule_id] = (result, clean_text(rule_note, "results", errors))
    errors.raise_if_any()
    assert day is not None
    check_in = CheckIn.objects.create(plan=plan, checked_on=day, checked_by=actor, source=source,
                                      safety_score=score, note=note_text)
    RuleCheck.objects.bulk_create([
        RuleCheck(check_in=check_in, rule_id=rule_id, result=given.get(rule_id, (RuleResult.UNKNOWN, ""))[0],
                  note=given.get(rule_id, ("", ""))[1])
        for rule_id in rule_ids
    ])
    following = day + timedelta(days=plan.review_every_days)
    if plan.next_review_on is None or following > plan.next_review_on:
        plan.next_review_on = following
        save_versioned(plan, expected_version=plan.version, fields=["next_review_on"])
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=check_in,
                 changed_fields=["checked_on", "source", "results", *(["safety_score"] if score is not None else [])])
    return check_in
