"""Every change to cases, people and assignments. HTML views, the API and commands all call these.

Each function runs in one transaction, checks the domain rules, and writes its audit record in that
same transaction: a change without its audit record cannot be committed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import CASE_ROLES, Membership, Team, User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, may_create_case, require_case_perm
from safehold.cases.models import (
    REOPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    LegalBasis,
    Person,
    PersonRole,
    Sex,
    StatusChange,
)
from safehold.core.text import clean_text
from safehold.core.versioning import apply_changes, save_versioned

CASE_EDITABLE = (
    "reference", "family_name", "language", "legal_basis", "legal_basis_note", "summary", "opened_on", "team",
)
PERSON_EDITABLE = (
    "role", "first_name", "last_name", "relationship", "birth_date", "phone", "email", "address",
    "preferred_language", "interpreter_needed", "notes", "sex", "deceased", "deceased_on",
)
_PHONE = re.compile(r"^\+?[0-9 ()/.\-]{3,40}$")


# --- cases -----------------------------------------------------------------------------------------

def _clean_case_fields(*, organisation_id: int, fields: dict[str, Any], case: Case | None = None) -> None:
    errors: dict[str, str] = {}
    for name in ("reference", "family_name", "legal_basis_note", "summary"):
        if name in fields and isinstance(fields[name], str):
            fields[name] = clean_text(fields[name])
    if "reference" in fields:
        if not fields["reference"]:
            errors["reference"] = _("Enter the case reference.")
        else:
            clash = Case.objects.filter(organisation_id=organisation_id, reference=fields["reference"])
            if case is not None:
                clash = clash.exclude(pk=case.pk)
            if clash.exists():
                errors["reference"] = _("Another case of your organisation already has this reference.")
    if "family_name" in fields and not fields["family_name"]:
        errors["family_name"] = _("Enter the family name.")
    basis = fields.get("legal_basis")
    unchanged = case is not None and basis is not None and basis.pk == case.legal_basis_id
    if basis is not None and (basis.organisation_id != organisation_id or (not basis.is_active and not unchanged)):
        errors["legal_basis"] = _("Choose a legal basis from your organisation's list.")
    team = fields.get("team")
    if team is not None and team.organisation_id != organisation_id:
        errors["team"] = _("Choose one of your organisation's teams.")
    opened_on = fields.get("opened_on")
    if "opened_on" in fields and opened_on is None:
        errors["opened_on"] = _("Enter the date the case was opened.")
    elif opened_on is not None and opened_on > timezone.localdate():
        errors["opened_on"] = _("The opening date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_create(
    *,
    actor: User,
    reference: str,
    family_name: str,
    language: str = "de",
    legal_basis: LegalBasis | None = None,
    legal_basis_note: str = "",
    summary: str = "",
    opened_on: date | None = None,
    team: Team | None = None,
) -> Case:
    """Open a case. The worker who opens it is assigned to it, so they can go on working on it."""
    if not may_create_case(actor):
        raise PermissionDenied(_("Only caseworkers and team leads can open cases."))
    organisation_id = actor.organisation_id
    assert organisation_id is not None
    fields: dict[str, Any] = {
        "reference": reference, "family_name": family_name, "language": language, "legal_basis": legal_basis,
        "legal_basis_note": legal_basis_note, "summary": summary,
        "opened_on": opened_on or timezone.localdate(), "team": team,
    }
    _clean_case_fields(organisation_id=organisation_id, fields=fields)
    case = Case(organisation_id=organisation_id, created_by=actor, **fields)
    case.refresh_search_key()
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:
        # Two people opened a case with the same reference at the same moment.
        raise ValidationError(
            {"reference": _("Another case of your organisation already has this reference.")}) from error
    StatusChange.objects.create(case=case, to_status=case.status, changed_by=actor)
    CaseAssignment.objects.create(case=case, user=actor, role=CaseAssignment.Role.CASEWORKER, assigned_by=actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, changed_fields=[k for k, v in fields.items() if v])
    return case


@transaction.atomic
def case_update(*, actor: User, case: Case, expected_version: int, **changes: Any) -> list[str]:
    """Change the case's details. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    if "team" in changes and changes["team"] != case.team:
        require_case_perm(actor, case, Perm.ASSIGN)
    _clean_case_fields(organisation_id=case.organisation_id, fields=changes, case=case)
    changed = apply_changes(case, changes, CASE_EDITABLE)
    if not changed:
        return []
    case.refresh_search_key()
    save_versioned(case, expected_version=expected_version, fields=[*changed, "search_key"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, changed_fields=changed)
    return changed


@transaction.atomic
def case_transition(
    *, actor: User, case: Case, to_status: str, outcome: str = "", note: str = "", expected_version: int | None = None,
) -> Case:
    """Move a case along its allowed path. Closing needs an outcome. A closed case is reopened with case_reopen."""
    require_case_perm(actor, case, Perm.CHANGE)
    if to_status not in case.allowed_transitions():
        raise ValidationError({"status": _("A case cannot move from “%(from)s” to “%(to)s”.") % {
            "from": case.get_status_display(), "to": CaseStatus(to_status).label if to_status in CaseStatus.values
            else to_status}})
    changed = ["status"]
    if to_status == CaseStatus.CLOSED:
        if not outcome:
            raise ValidationError({"outcome": _("Choose the outcome before closing the case.")})
        case.outcome, case.outcome_note, case.closed_on = outcome, clean_text(note), timezone.localdate()
        changed += ["outcome", "outcome_note", "closed_on"]
    elif outcome:
        raise ValidationError({"outcome": _("An outcome is recorded only when the case is closed.")})
    from_status = case.status
    case.status = to_status
    save_versioned(case, expected_version=case.version if expected_version is None else expected_version,
                   fields=changed)
    StatusChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, outcome=outcome, note=clean_text(note),
        changed_by=actor,
    )
    audit_record(actor=actor, action=Action.UPDATE, case=case, changed_fields=changed)
    return case


@transaction.atomic
def case_reopen(*, actor: User, case: Case, to_status: str, reason: str) -> Case:
    """Reopen a closed case, with the reason on record. The earlier outcome stays in the status history."""
    # Someone who could change the case open may try; an open case is refused with the reason.
    require_case_perm(actor, case, Perm.REOPEN if case.is_closed else Perm.CHANGE)
    errors = {}
    if not case.is_closed:
        errors["status"] = _("Only a closed case can be reopened.")
    elif to_status not in REOPEN_STATUSES:
        errors["status"] = _("Choose the phase the reopened case goes back to.")
    reason = clean_text(reason)
    if not reason:
        errors["reason"] = _("Say why the case is reopened.")
    if errors:
        raise ValidationError(errors)
    from_status = case.status
    case.status, case.outcome, case.outcome_note, case.closed_on = to_status, "", "", None
    fields = ["status", "outcome", "outcome_note", "closed_on"]
    save_versioned(case, expected_version=case.version, fields=fields)
    StatusChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, note=reason, changed_by=actor,
    )
    audit_record(actor=actor, action=Action.UPDATE, case=case, changed_fields=fields)
    return case


# --- assignments ------------------------------------------------------------------------------------

def _lock_case(case: Case) -> None:
    """Lock the case row for the rest of the transaction: two team leads removing (or demoting) the last two
    caseworkers at the same moment would each still see the other's and leave the case with none
    (PostgreSQL; SQLite's write lock serialises anyway)."""
    Case.objects.select_for_update().filter(pk=case.pk).first()


def _keep_a_caseworker(case: Case, *, without: CaseAssignment) -> None:
    others = case.assignments.exclude(pk=without.pk).filter(role=CaseAssignment.Role.CASEWORKER)
    if not case.is_closed and not others.exists():
        raise ValidationError(_("An open case needs at least one caseworker. Assign another caseworker first."))


@transaction.atomic
def assignment_add(*, actor: User, case: Case, user: User, role: str) -> CaseAssignment:
    require_case_perm(actor, case, Perm.ASSIGN)
    if user.organisation_id != case.organisation_id or not user.is_active:
        raise ValidationError({"user": _("Choose an active colleague of your organisation.")})
    if not Membership.objects.filter(user=user, role__in=CASE_ROLES).exists():
        raise ValidationError({"user": _("This person has no case-work role and cannot be assigned.")})
    if role not in CaseAssignment.Role.values:
        raise ValidationError({"role": _("Choose caseworker or consultant.")})
    _lock_case(case)
    assignment, created = CaseAssignment.objects.get_or_create(
        case=case, user=user, defaults={"role": role, "assigned_by": actor},
    )
    if not created:
        if assignment.role == role:
            raise ValidationError({"user": _("This person is already assigned to the case.")})
        if assignment.role == CaseAssignment.Role.CASEWORKER:
            _keep_a_caseworker(case, without=assignment)
        assignment.role = role
        assignment.save(update_fields=["role"])
    # The record names the colleague (not the assignment row), so the trail still says who after removal.
    audit_record(actor=actor, action=Action.CREATE if created else Action.UPDATE, case=case, obj=user,
                 changed_fields=["assignment"] if created else ["assignment_role"])
    return assignment


@transaction.atomic
def assignment_remove(*, actor: User, case: Case, assignment: CaseAssignment) -> None:
    require_case_perm(actor, case, Perm.ASSIGN)
    if assignment.case_id != case.pk:
        raise ValidationError(_("This assignment belongs to another case."))
    _lock_case(case)
    if assignment.role == CaseAssignment.Role.CASEWORKER:
        _keep_a_caseworker(case, without=assignment)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=assignment.user, changed_fields=["assignment"])
    assignment.delete()


# --- people -----------------------------------------------------------------------------------------

def _clean_person_fields(fields: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for name in ("first_name", "last_name", "relationship", "phone", "email", "address", "preferred_language",
                 "notes"):
        if name in fields and isinstance(fields[name], str):
            fields[name] = clean_text(fields[name])
    if "first_name" in fields and not fields["first_name"]:
        errors["first_name"] = _("Enter the first name (or what the person is called).")
    if "role" in fields and fields["role"] not in PersonRole.values:
        errors["role"] = _("Choose child, parent, caregiver, network member or professional.")
    birth_date = fields.get("birth_date")
    if birth_date is not None and birth_date > timezone.localdate():
        errors["birth_date"] = _("The date of birth cannot be in the future.")
    if "sex" in fields and fields["sex"] not in Sex.values:
        errors["sex"] = _("Choose female, male, diverse or not known.")
    deceased_on = fields.get("deceased_on")
    if deceased_on is not None:
        fields["deceased"] = True  # a date of death says it
        if deceased_on > timezone.localdate():
            errors["deceased_on"] = _("The date of death cannot be in the future.")
        elif birth_date is not None and deceased_on < birth_date:
            errors["deceased_on"] = _("The date of death cannot be before the date of birth.")
    if fields.get("phone") and not _PHONE.match(fields["phone"]):
        errors["phone"] = _("Enter a phone number with digits, spaces and + ( ) - / only.")
    if fields.get("email"):
        try:
            validate_email(fields["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(*, actor: User, case: Case, **fields: Any) -> Person:
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(fields) - set(PERSON_EDITABLE)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    _clean_person_fields(fields)
    person = Person(case=case, **fields)
    person.refresh_search_key()
    person.save()
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=person,
                 changed_fields=[k for k, v in fields.items()
                                 if v not in ("", None, False) and (k, v) != ("sex", Sex.UNKNOWN)])
    return person


@transaction.atomic
def person_update(*, actor: User, case: Case, person: Person, expected_version: int, **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    if person.case_id != case.pk:
        raise ValidationError(_("This person belongs to another case."))
    _clean_person_fields(changes)
    changed = apply_changes(person, changes, PERSON_EDITABLE)
    if not changed:
        return []
    person.refresh_search_key()
    save_versioned(person, expected_version=expected_version, fields=[*changed, "search_key"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=person, changed_fields=changed)
    return changed


@transaction.atomic
def person_delete(*, actor: User, case: Case, person: Person) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    if person.case_id != case.pk:
        raise ValidationError(_("This person belongs to another case."))
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=person)  # undone with the transaction
    try:
        with transaction.atomic():
            person.delete()
    except ProtectedError:
        # Another tool still names them (say, as responsible for a rule of a safety plan).
        raise ValidationError(_("%(name)s still has a task in a safety plan. Give that task to someone else "
                                "first.") % {"name": person.full_name}) from None
