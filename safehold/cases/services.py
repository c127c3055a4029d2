"""Every change to cases, people and assignments. HTML views, the API and commands all call these.

Each function runs in one transaction, checks the domain rules, and writes its audit record in that
same transaction: a change without its audit record cannot be committed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import CASE_ROLES, Membership, User
from safehold.accounts.selectors import chosen_team
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, may_create_case, require_case_perm
from safehold.cases.closing import close_what_runs
from safehold.cases.models import (
    CHILD_OUTCOME_OF_CASE,
    PLACED_AWAY,
    REOPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    ChildOutcome,
    LegalBasis,
    Outcome,
    Person,
    PersonRole,
    Sex,
    StatusChange,
)
from safehold.cases.selectors import chosen_legal_basis, chosen_person, legal_basis_applies, opener_teams
from safehold.core import validation
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

class CaseFields(TypedDict, total=False):
    """A case's details as a form or an API body gives them: the legal basis and the team by id."""

    reference: str
    family_name: str
    language: str
    legal_basis: int | None
    legal_basis_note: str
    summary: str
    opened_on: date | None
    team: int | None


# The widths of the columns; the summary is long text.
REFERENCE_LENGTH, FAMILY_NAME_LENGTH, LEGAL_BASIS_NOTE_LENGTH = 40, 120, 200


def _clean_case_fields(*, organisation_id: int, fields: CaseFields, case: Case | None = None,
                       no_team: str = "") -> dict[str, object]:
    """The fields given, cleaned and resolved to what the case stores (the legal basis and team as records of
    the organisation); ValidationError naming every field that is refused. `no_team` says why a new case has
    no team when the opener could not be given one of theirs."""
    errors = validation.Errors()
    sent: Mapping[str, object] = fields
    cleaned: dict[str, object] = {}
    for name, limit, required in (
        ("reference", REFERENCE_LENGTH, _("Enter the case reference.")),
        ("family_name", FAMILY_NAME_LENGTH, _("Enter the family name.")),
        ("legal_basis_note", LEGAL_BASIS_NOTE_LENGTH, ""),
        ("summary", validation.LONG, ""),
    ):
        if name in fields:
            cleaned[name] = validation.clean_text(sent[name], name, errors, limit=limit, required=required)
    if cleaned.get("reference"):
        clash = Case.objects.filter(organisation_id=organisation_id, reference=cleaned["reference"])
        if case is not None:
            clash = clash.exclude(pk=case.pk)
        if clash.exists():
            errors.add("reference", _("Another case of your organisation already has this reference."))
    if "language" in fields:
        if fields["language"] not in dict(settings.LANGUAGES):
            errors.add("language", _("Choose the language of the family's documents."))
        cleaned["language"] = fields["language"]
    if "legal_basis" in fields:
        basis_id = fields["legal_basis"]
        keep = case.legal_basis_id if case is not None else None
        basis = chosen_legal_basis(organisation_id=organisation_id, basis_id=basis_id, keep_id=keep) \
            if basis_id is not None else None
        if basis_id is not None and basis is None:
            errors.add("legal_basis", _("Choose a legal basis from your organisation's list."))
        cleaned["legal_basis"] = basis
    _check_legal_basis_applies(cleaned, case, errors)
    if "team" in fields:
        team_id = fields["team"]
        team = chosen_team(organisation_id=organisation_id, team_id=team_id) if team_id is not None else None
        if team_id is not None and team is None:
            errors.add("team", _("Choose one of your organisation's teams."))
        elif team_id is None and (case is None or case.team_id is not None):
            # A case without a team is seen by no team lead: nobody would notice it going wrong. (Cases opened
            # before this rule may still lack one until someone chooses it.)
            errors.add("team", no_team or _("Choose the team that works on this case: its team lead sees it."))
        cleaned["team"] = team
    if "opened_on" in fields:
        cleaned["opened_on"] = validation.clean_date(
            fields["opened_on"], "opened_on", errors, required=_("Enter the date the case was opened."))
        opened_on = cleaned["opened_on"]
        if "opened_on" not in errors and isinstance(opened_on, date) and opened_on > timezone.localdate():
            errors.add("opened_on", _("The opening date cannot be in the future."))
    errors.raise_if_any()
    return cleaned


def _check_legal_basis_applies(cleaned: dict[str, object], case: Case | None, errors: validation.Errors) -> None:
    """A case rests on a provision of its country's law: one of another country is refused, whether the
    provision or the case's language changes (a case's unchanged choice stays, see legal_basis_applies)."""
    basis = cleaned.get("legal_basis", case.legal_basis if case is not None else None)
    language = cleaned.get("language") or (case.language if case is not None else "")
    if not isinstance(basis, LegalBasis) or "legal_basis" in errors or "language" in errors:
        return
    if not legal_basis_applies(basis, language=str(language), case=case):
        errors.add("legal_basis", _("This provision is of another country's law. Choose one for the case "
                                    "language (%(language)s).") % {"language": dict(settings.LANGUAGES)[str(language)]})


@transaction.atomic
def case_create(
    *,
    actor: User,
    reference: str,
    family_name: str,
    language: str = "de",
    legal_basis: int | None = None,
    legal_basis_note: str = "",
    summary: str = "",
    opened_on: date | None = None,
    team: int | None = None,
) -> Case:
    """Open a case. The worker who opens it is assigned to it, so they can go on working on it. Every case has a
    team, so that its team lead sees it: the opener's own when `team` is None and they work in just one."""
    if not may_create_case(actor):
        raise PermissionDenied(_("Only caseworkers and team leads can open cases."))
    organisation_id = actor.organisation_id
    assert organisation_id is not None
    own_teams = opener_teams(user=actor) if team is None else []
    if len(own_teams) == 1:
        team = own_teams[0].pk
    fields = _clean_case_fields(organisation_id=organisation_id, fields={
        "reference": reference, "family_name": family_name, "language": language, "legal_basis": legal_basis,
        "legal_basis_note": legal_basis_note, "summary": summary,
        "opened_on": opened_on or timezone.localdate(), "team": team,
    }, no_team="" if own_teams else _(
        "You belong to no team, and a case needs one so that a team lead sees it. Choose a team, or ask your "
        "organisation's administrator to add you to one."))
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
def case_update(*, actor: User, case: Case, expected_version: int, **changes: Unpack[CaseFields]) -> list[str]:
    """Change the case's details. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    if "team" in changes and changes["team"] != case.team_id:
        require_case_perm(actor, case, Perm.ASSIGN)
    cleaned = _clean_case_fields(organisation_id=case.organisation_id, fields=changes, case=case)
    changed = apply_changes(case, cleaned, CASE_EDITABLE)
    if not changed:
        return []
    case.refresh_search_key()
    save_versioned(case, expected_version=expected_version, fields=[*changed, "search_key"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, changed_fields=changed)
    return changed


class ChildOutcomeFields(TypedDict, total=False):
    """One child's outcome as the closing form or an API body gives it: the child by id; the date defaults to
    the day it is recorded."""

    child: int
    outcome: str
    on: date | None
    note: str


@transaction.atomic
def case_transition(
    *, actor: User, case: Case, to_status: str, outcome: str = "", note: str = "", expected_version: int | None = None,
    outcomes: Sequence[ChildOutcomeFields] = (),
) -> Case:
    """Move a case along its allowed path. A closed case is reopened with case_reopen.

    Closing records an outcome for every child still in the plan: their own from `outcomes`, else the case's
    `outcome` (given once for every child without one of their own). A child who left the plan earlier keeps
    the outcome recorded then. Closing is refused, with the children's names, while a child would be left
    without one."""
    require_case_perm(actor, case, Perm.CHANGE)
    if to_status not in case.allowed_transitions():
        raise ValidationError({"status": _("A case cannot move from “%(from)s” to “%(to)s”.") % {
            "from": case.get_status_display(), "to": CaseStatus(to_status).label if to_status in CaseStatus.values
            else to_status}})
    changed = ["status"]
    given: list[tuple[Person, ChildOutcomeFields]] = []
    without: list[Person] = []
    today = timezone.localdate()
    if to_status == CaseStatus.CLOSED:
        given, without, left = _closing_outcomes(case, outcomes, outcome, today)
        outcome = outcome or _case_outcome_of([*(fields["outcome"] for _child, fields in given),
                                               *(row.outcome for row in left)])
        if not outcome:
            raise ValidationError({"outcome": _("Choose the outcome before closing the case.")})
        case.outcome, case.outcome_note, case.closed_on = outcome, clean_text(note), today
        changed += ["outcome", "outcome_note", "closed_on"]
        close_what_runs(actor, case, case.closed_on)  # while the case is still open: a tool may refuse
    elif outcome or outcomes:
        raise ValidationError({"outcomes" if outcomes else "outcome":
                               _("An outcome is recorded only when the case is closed.")})
    from_status = case.status
    case.status = to_status
    save_versioned(case, expected_version=case.version if expected_version is None else expected_version,
                   fields=changed)
    change = StatusChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, outcome=outcome, note=clean_text(note),
        changed_by=actor,
    )
    audit_record(actor=actor, action=Action.UPDATE, case=case, changed_fields=changed)
    if to_status == CaseStatus.CLOSED:
        rows = [ChildOutcome(case=case, child=child, outcome=fields["outcome"], on=fields["on"] or today,
                             note=fields.get("note", ""), closing=change, recorded_by=actor)
                for child, fields in given]
        rows += [ChildOutcome(case=case, child=child, outcome=CHILD_OUTCOME_OF_CASE[outcome], on=today,
                              closing=change, recorded_by=actor) for child in without]
        _save_outcomes(actor, case, rows)
    return case


def _closing_outcomes(
    case: Case, outcomes: Sequence[ChildOutcomeFields], outcome: str, today: date,
) -> tuple[list[tuple[Person, ChildOutcomeFields]], list[Person], list[ChildOutcome]]:
    """The closing's outcomes checked: each child's own (with the child), the children still in the plan who
    take the case's outcome, and the outcomes of children who left the plan earlier. ValidationError names
    each refused item ("outcomes.1.child") and, when no case outcome was given, the children left without."""
    errors = validation.Errors()
    if outcome and outcome not in Outcome.values:
        errors.add("outcome", _("Choose one of the outcomes offered."))
    left = {row.child_id: row for row in ChildOutcome.objects.filter(case=case, current=True, closing=None)}
    children = [person for person in case.people.filter(role=PersonRole.CHILD) if person.pk not in left]
    given: dict[int, tuple[Person, ChildOutcomeFields]] = {}
    for index, fields in enumerate(outcomes):
        at = f"outcomes.{index}"
        found: Person | None = None
        with errors.under(at):
            found = chosen_person(case, fields.get("child"), field="child", roles=[PersonRole.CHILD],
                                  message=_("Choose a child of this case."))
        cleaned = _clean_child_outcome(case, fields, at, errors, today)
        if found is None:
            continue
        child = found
        if child.pk in left:
            errors.add(f"{at}.child", _("%(name)s left the plan earlier; that outcome stays recorded.")
                       % {"name": child.full_name})
        elif child.pk in given:
            errors.add(f"{at}.child", _("%(name)s has an outcome already in this list.") % {"name": child.full_name})
        else:
            given[child.pk] = (child, cleaned)
    without = [child for child in children if child.pk not in given]
    if without and not outcome and "outcome" not in errors:
        errors.add("outcomes", _("Choose an outcome for each child, or one for every child without their own: "
                                 "%(names)s.") % {"names": ", ".join(child.full_name for child in without)})
    errors.raise_if_any()
    return list(given.values()), without, list(left.values())


def _clean_child_outcome(case: Case, fields: ChildOutcomeFields, at: str, errors: validation.Errors,
                         today: date) -> ChildOutcomeFields:
    prefix = f"{at}." if at else ""
    kind = fields.get("outcome", "")
    if kind not in ChildOutcome.Kind.values:
        errors.add(f"{prefix}outcome", _("Choose what became of the child."))
    on = validation.clean_date(fields.get("on") or today, f"{prefix}on", errors, not_after_today=True,
                               not_before=case.opened_on,
                               not_before_message=_("The date cannot be before the case was opened."))
    note = validation.clean_text(fields.get("note", ""), f"{prefix}note", errors, limit=validation.TEXT)
    return ChildOutcomeFields(outcome=kind, on=on, note=note)


def _case_outcome_of(kinds: Sequence[str]) -> str:
    """The case's outcome where only the children's were given: theirs when they agree; where they differ,
    "placed" if any child lives away from home now, else "other". Empty for a case without children."""
    if not kinds:
        return ""
    of_case = {_CASE_OUTCOME_OF_CHILD.get(kind, Outcome.OTHER) for kind in kinds}
    if len(of_case) == 1:
        return of_case.pop()
    return Outcome.PLACED if any(kind in PLACED_AWAY for kind in kinds) else Outcome.OTHER


_CASE_OUTCOME_OF_CHILD: dict[str, str] = {
    ChildOutcome.Kind.KEPT_HOME: Outcome.STAYED_HOME,
    ChildOutcome.Kind.RETURNED_HOME: Outcome.RETURNED_HOME,
    **{kind: Outcome.PLACED for kind in PLACED_AWAY},
}


def _save_outcomes(actor: User, case: Case, rows: list[ChildOutcome]) -> None:
    """Store the outcomes, each with its audit record. A child given a current outcome by someone else at the
    same moment is refused by the database (one current outcome per child): said on the field, not a 500."""
    try:
        with transaction.atomic():
            ChildOutcome.objects.bulk_create(rows)
    except IntegrityError as error:
        raise ValidationError({"outcomes": _("Someone else recorded an outcome for a child of this case "
                                             "meanwhile. Reload the page.")}) from error
    for row in rows:  # bulk_create gives them their ids (PostgreSQL, SQLite)
        audit_record(actor=actor, action=Action.CREATE, case=case, obj=row,
                     changed_fields=["outcome", "on", *(["note"] if row.note else [])])


@transaction.atomic
def case_reopen(*, actor: User, case: Case, to_status: str, reason: str) -> Case:
    """Reopen a closed case, with the reason on record. The earlier outcome stays in the status history, the
    children's outcomes of that closing as its history (no longer current): the next closing asks again."""
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
    closing_outcomes = ChildOutcome.objects.filter(case=case, current=True, closing__isnull=False)
    for row in closing_outcomes:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=row, changed_fields=["current"])
    closing_outcomes.update(current=False)
    return case


@transaction.atomic
def child_outcome_record(*, actor: User, case: Case, child: int, outcome: str, on: date | None = None,
                         note: str = "") -> ChildOutcome:
    """A child leaves the plan while the case stays open (placed, moved away): their outcome, which the
    case's closing then keeps instead of asking again."""
    require_case_perm(actor, case, Perm.CHANGE)
    person = chosen_person(case, child, field="child", roles=[PersonRole.CHILD],
                           message=_("Choose a child of this case."))
    errors = validation.Errors()
    cleaned = _clean_child_outcome(case, ChildOutcomeFields(outcome=outcome, on=on, note=note), "", errors,
                                   timezone.localdate())
    if ChildOutcome.objects.filter(child=person, current=True).exists():
        errors.add("child", _("%(name)s has left the plan already. Withdraw that outcome first to record another.")
                   % {"name": person.full_name})
    errors.raise_if_any()
    row = ChildOutcome(case=case, child=person, outcome=cleaned["outcome"], on=cleaned["on"] or timezone.localdate(),
                       note=cleaned.get("note", ""), recorded_by=actor)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:  # recorded by someone else at the same moment
        raise ValidationError({"child": _("%(name)s has left the plan already. Withdraw that outcome first to "
                                          "record another.") % {"name": person.full_name}}) from error
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=row,
                 changed_fields=["outcome", "on", *(["note"] if row.note else [])])
    return row


@transaction.atomic
def child_outcome_withdraw(*, actor: User, case: Case, outcome: ChildOutcome) -> None:
    """The child is back in the plan (or the outcome was recorded by mistake): the outcome recorded when they
    left goes; the case's closing asks for theirs again. An outcome given at a closing stays as its history."""
    require_case_perm(actor, case, Perm.CHANGE)
    if outcome.case_id != case.pk:
        raise ValidationError(_("This outcome belongs to another case."))
    if not outcome.left_plan:
        raise ValidationError(_("An outcome given when the case closed stays with that closing."))
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=outcome)
    outcome.delete()


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

class PersonFields(TypedDict, total=False):
    role: str
    first_name: str
    last_name: str
    relationship: str
    birth_date: date | None
    sex: str
    deceased: bool
    deceased_on: date | None
    phone: str
    email: str
    address: str
    preferred_language: str
    interpreter_needed: bool
    notes: str


# The widths of the columns; the address and the notes are long text.
_PERSON_TEXTS = {"first_name": 100, "last_name": 100, "relationship": 100, "phone": 40, "email": 254,
                 "address": validation.TEXT, "preferred_language": 60, "notes": validation.LONG}


def _clean_person_fields(fields: PersonFields) -> dict[str, object]:
    errors = validation.Errors()
    cleaned: dict[str, object] = dict(fields)
    for name, limit in _PERSON_TEXTS.items():
        if name in cleaned:
            cleaned[name] = validation.clean_text(cleaned[name], name, errors, limit=limit)
    if "first_name" in fields and not cleaned["first_name"] and "first_name" not in errors:
        errors.add("first_name", _("Enter the first name (or what the person is called)."))
    if "role" in fields and fields["role"] not in PersonRole.values:
        errors.add("role", _("Choose child, parent, caregiver, network member or professional."))
    birth_date = validation.clean_date(fields.get("birth_date"), "birth_date", errors)
    if birth_date is not None and "birth_date" not in errors and birth_date > timezone.localdate():
        errors.add("birth_date", _("The date of birth cannot be in the future."))
    if "sex" in fields and fields["sex"] not in Sex.values:
        errors.add("sex", _("Choose female, male, diverse or not known."))
    deceased_on = validation.clean_date(fields.get("deceased_on"), "deceased_on", errors)
    if deceased_on is not None:
        cleaned["deceased"] = True  # a date of death says it
        if "deceased_on" in errors:
            pass
        elif deceased_on > timezone.localdate():
            errors.add("deceased_on", _("The date of death cannot be in the future."))
        elif birth_date is not None and deceased_on < birth_date:
            errors.add("deceased_on", _("The date of death cannot be before the date of birth."))
    phone = cleaned.get("phone")
    if phone and "phone" not in errors and not _PHONE.match(str(phone)):
        errors.add("phone", _("Enter a phone number with digits, spaces and + ( ) - / only."))
    email = cleaned.get("email")
    if email and "email" not in errors:
        try:
            validate_email(str(email))
        except ValidationError:
            errors.add("email", _("Enter a valid e-mail address."))
    errors.raise_if_any()
    return cleaned


@transaction.atomic
def person_create(*, actor: User, case: Case, **given: Unpack[PersonFields]) -> Person:
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(given) - set(PERSON_EDITABLE)
    if unknown:  # a programming error: the callers name the fields
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    fields = _clean_person_fields(given)
    person = Person(case=case, **fields)
    person.refresh_search_key()
    person.save()
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=person,
                 changed_fields=[k for k, v in fields.items()
                                 if v not in ("", None, False) and (k, v) != ("sex", Sex.UNKNOWN)])
    return person


@transaction.atomic
def person_update(*, actor: User, case: Case, person: Person, expected_version: int, correction: bool = False,
                  **given: Unpack[PersonFields]) -> list[str]:
    """Change what is recorded about a person. `correction`: the change corrects their data at their request (a
    data subject's right to rectification), which the audit record says, so that it can be shown later."""
    require_case_perm(actor, case, Perm.CHANGE)
    if person.case_id != case.pk:
        raise ValidationError(_("This person belongs to another case."))
    changed = apply_changes(person, _clean_person_fields(given), PERSON_EDITABLE)
    if not changed:
        return []
    person.refresh_search_key()
    save_versioned(person, expected_version=expected_version, fields=[*changed, "search_key"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=person, changed_fields=changed,
                 detail={"correction": True} if correction else None)
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
