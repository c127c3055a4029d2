"""The Hilfeplan written from a care-plan meeting (or, from a review meeting, its update): writing it, its
sign-offs, and the reads its pages, the API and the document share. Each change runs in one transaction under
the access policy, with its audit record.

A sign-off is an agreement to a text: when the plan's content changes after someone signed, their sign-off is
withdrawn (they agreed to another text), audited, and the page says whose it was.

What is refused: a plan for a meeting that is neither a care-plan nor a review meeting; a child who is not a
child of the case; a placement of another case or of another child; a legal basis of another organisation's
list, or one not offered for the case (another country's law, out of use); a signer who did not take part in
the meeting; a second sign-off of the same person; a sign-off dated before the meeting or in the future.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, LegalBasis, Person, PersonRole
from safehold.cases.selectors import chosen_person, legal_bases_by_language
from safehold.core.downloads import PDF, Document, safe_filename
from safehold.core.ids import as_pk, pk_or_404
from safehold.core.pdf import render_pdf
from safehold.core.text import isolate
from safehold.core.validation import LONG, SHORT, TEXT, Errors, clean_date, clean_text
from safehold.core.versioning import ConflictError, save_versioned, update_versioned
from safehold.meetings.models import Meeting, MeetingKind
from safehold.perspective.models import (
    HELP_PLAN_KINDS,
    Assignment,
    HelpPlan,
    HelpPlanSignOff,
    Placement,
    SignOffHow,
)

# The plan's own columns, in the order the form and the document show them (the legal bases are a list).
HELP_PLAN_FIELDS = ("child", "placement", "situation", "goals", "help", "provider")
TEXT_LIMITS = {"situation": LONG, "goals": TEXT, "help": TEXT, "provider": SHORT}


# --- reads ---------------------------------------------------------------------------------------------------

def meeting_help_plan(meeting: Meeting) -> HelpPlan | None:
    """The meeting's Hilfeplan with the child, the placement, the legal bases and the sign-offs; None while
    none is written. Three queries."""
    return (HelpPlan.objects.filter(meeting=meeting).select_related("meeting", "child", "placement")
            .prefetch_related("legal_bases", Prefetch("sign_offs", queryset=HelpPlanSignOff.objects.order_by(
                "signed_on", "id"))).first())


def plan_sign_off(plan: HelpPlan, sign_off_id: object) -> HelpPlanSignOff:
    found = HelpPlanSignOff.objects.filter(plan=plan, pk=pk_or_404(sign_off_id)).first()
    if found is None:
        raise Http404
    return found


def previous_help_plan(case: Case, meeting: Meeting) -> HelpPlan | None:
    """The case's latest Hilfeplan from a meeting before this one: an update (Fortschreibung) starts from it."""
    return (HelpPlan.objects.filter(case=case, meeting__held_on__lte=meeting.held_on).exclude(meeting=meeting)
            .select_related("meeting").prefetch_related("legal_bases")
            .order_by("-meeting__held_on", "-meeting_id").first())


def meeting_assignments(meeting: Meeting) -> list[Assignment]:
    """The clarification assignments agreed in the meeting, by due date."""
    return list(Assignment.objects.filter(meeting=meeting).order_by("due_on", "pk"))


def offered_legal_bases(case: Case, plan: HelpPlan | None = None) -> list[LegalBasis]:
    """The provisions a plan of this case may rest on: those offered to a case in its language (its country's
    law, in use), and those the plan already names. Two queries, three with a plan."""
    offered = list(legal_bases_by_language(organisation_id=case.organisation_id, case=case).get(case.language, []))
    if plan is not None:
        known = {basis.pk for basis in offered}
        offered += [basis for basis in plan.legal_bases.all() if basis.pk not in known]
    return offered


@dataclass(frozen=True)
class Signer:
    """Someone who may sign the meeting's plan: `key` is what a form or the API sends ("person:12", "user:5",
    "professional:3"); `signed_key` what the sign-off keeps (for a professional, the name: the meeting's list of
    professionals is replaced when it is edited)."""

    key: str
    signed_key: str
    name: str
    label: str
    organisation: str = ""
    excused: bool = False


def meeting_signers(meeting: Meeting) -> list[Signer]:
    """Who took part in the meeting, from the case and from outside: who may sign its plan. Reads the meeting's
    prefetched participants and professionals."""
    signers = [Signer(key=p.voice_key, signed_key=p.voice_key, name=p.voice_name, label=p.voice_label,
                      excused=p.presence == "excused") for p in meeting.participants.all()]
    for professional in meeting.professionals.all():
        label = (_("%(name)s (%(organisation)s)") % {"name": professional.name,
                                                      "organisation": professional.organisation}
                 if professional.organisation else professional.name)
        signers.append(Signer(key=f"professional:{professional.pk}", signed_key=f"professional:{professional.name}",
                              name=professional.name, label=label, organisation=professional.organisation,
                              excused=professional.presence == "excused"))
    return signers


def unsigned(signers: Iterable[Signer], sign_offs: Iterable[HelpPlanSignOff]) -> list[Signer]:
    """Those who took part and have not signed: the document leaves a line for their signature."""
    signed = {s.signer_key for s in sign_offs}
    return [s for s in signers if s.signed_key not in signed]


# --- writing the plan ----------------------------------------------------------------------------------------

@dataclass
class HelpPlanSaved:
    plan: HelpPlan
    created: bool
    changed: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)  # the names whose sign-off the change withdrew


def _require_plan_meeting(case: Case, meeting: Meeting) -> None:
    if meeting.case_id != case.pk:  # a programming error: meetings are loaded through their case
        raise ValueError("meeting of another case")
    if meeting.kind not in HELP_PLAN_KINDS:
        raise ValidationError({"meeting": _(
            "A care plan is written from a care-plan meeting or a review meeting (this one: %(kind)s).")
            % {"kind": MeetingKind(meeting.kind).label}})


def _clean(case: Case, data: dict[str, Any], plan: HelpPlan | None) -> tuple[dict[str, Any], list[LegalBasis]]:
    errors = Errors()
    child: Person | None = None
    try:
        child = chosen_person(case, data.get("child"), field="child", roles=[PersonRole.CHILD],
                              message=_("Choose a child of this case."))
    except ValidationError:
        errors.add("child", _("Choose a child of this case."))
    placement: Placement | None = None
    if data.get("placement") not in (None, ""):
        pk = as_pk(data["placement"])
        placement = Placement.objects.filter(case=case, pk=pk).select_related("child").first() if pk else None
        if placement is None:
            errors.add("placement", _("Choose a placement of this case."))
        elif child is not None and placement.child_id != child.pk:
            errors.add("placement", _("This placement is of %(name)s: choose one of %(child)s's placements, or "
                                      "none.") % {"name": isolate(placement.child.full_name),
                                                   "child": isolate(child.full_name)})
    values: dict[str, Any] = {"child": child, "placement": placement}
    for name, limit in TEXT_LIMITS.items():
        values[name] = clean_text(data.get(name), name, errors, limit=limit)
    if not values["help"] and "help" not in errors:
        errors.add("help", _("Say which help was agreed, and how much of it."))
    bases = _legal_bases(case, data.get("legal_bases") or [], plan, errors)
    errors.raise_if_any()
    return values, bases


def _legal_bases(case: Case, ids: Sequence[object], plan: HelpPlan | None, errors: Errors) -> list[LegalBasis]:
    keys = [as_pk(value) for value in ids]
    wanted = [pk for pk in keys if pk is not None]
    if len(wanted) != len(keys):
        errors.add("legal_bases", _("Choose a legal basis from your organisation's list."))
        return []
    found = {basis.pk: basis for basis in LegalBasis.objects.filter(pk__in=wanted)}
    if any(pk not in found or found[pk].organisation_id != case.organisation_id for pk in wanted):
        errors.add("legal_bases", _("Choose a legal basis from your organisation's list."))
        return []
    offered = {basis.pk for basis in offered_legal_bases(case, plan)}
    if any(pk not in offered for pk in wanted):
        errors.add("legal_bases", _("This provision is not offered for this case (another country's law, or no "
                                    "longer in use). Choose one from the list."))
        return []
    return [found[pk] for pk in dict.fromkeys(wanted)]


@transaction.atomic
def help_plan_save(*, actor: User, case: Case, meeting: Meeting, expected_version: int | None,
                   **data: Any) -> HelpPlanSaved:
    """Write the meeting's Hilfeplan, or change it (`expected_version`: the version read; None for a new one).
    `data`: child and placement by id, situation, goals (one a line), help, provider, legal_bases (ids). A
    change of the content withdraws the sign-offs given to the earlier text."""
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(data) - {*HELP_PLAN_FIELDS, "legal_bases"}
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be set here")
    _require_plan_meeting(case, meeting)
    # The meeting's row lock lets one writer at a time decide whether the plan exists yet: two people writing
    # the first plan at once get a conflict, not a database error.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    existing = HelpPlan.objects.filter(meeting=meeting).first()
    if existing is None:
        values, bases = _clean(case, data, None)
        plan = HelpPlan.objects.create(case=case, meeting=meeting, created_by=actor, **values)
        plan.legal_bases.set(bases)
        audit_record(actor=actor, action=Action.CREATE, case=case, obj=plan,
                     changed_fields=[n for n in HELP_PLAN_FIELDS if values.get(n)] + (["legal_bases"] if bases
                                                                                      else []))
        return HelpPlanSaved(plan, created=True)
    if expected_version is None:  # someone wrote it since this one was opened as new
        raise ConflictError(current=existing)
    current_bases = sorted(existing.legal_bases.values_list("pk", flat=True))
    values, bases = _clean(case, data, existing)
    changed = update_versioned(existing, values, HELP_PLAN_FIELDS, expected_version=expected_version)
    if sorted(b.pk for b in bases) != current_bases:
        if not changed:  # the M2M is no column: the version still moves on, so that a parallel edit conflicts
            save_versioned(existing, expected_version=expected_version, fields=[])
        existing.legal_bases.set(bases)
        changed.append("legal_bases")
    withdrawn: list[str] = []
    if changed:
        sign_offs = list(existing.sign_offs.all())
        for sign_off in sign_offs:  # they agreed to another text
            audit_record(actor=actor, action=Action.DELETE, case=case, obj=sign_off)
            withdrawn.append(sign_off.name)
        HelpPlanSignOff.objects.filter(pk__in=[s.pk for s in sign_offs]).delete()
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=existing,
                     changed_fields=changed + (["sign_offs"] if sign_offs else []))
    return HelpPlanSaved(existing, created=False, changed=changed, withdrawn=withdrawn)


# --- sign-offs -----------------------------------------------------------------------------------------------

@transaction.atomic
def help_plan_sign_off(*, actor: User, case: Case, plan: HelpPlan, signer: str, how: str,
                       signed_on: date | None = None, plan_version: int | None = None) -> HelpPlanSignOff:
    """Record that someone who took part in the meeting agreed to the plan, in person or by phone, on
    `signed_on` (today if not given: not before the meeting, not in the future). `plan_version`, the version
    of the text they were shown, is refused (ConflictError) if the plan changed since."""
    require_case_perm(actor, case, Perm.CHANGE)
    if plan.case_id != case.pk:
        raise ValueError("plan of another case")
    locked = HelpPlan.objects.select_for_update().select_related("meeting").get(pk=plan.pk)
    if plan_version is not None and locked.version != plan_version:
        raise ConflictError(current=locked)
    meeting = locked.meeting
    errors = Errors()
    chosen = next((s for s in meeting_signers(meeting) if s.key == signer), None)
    if chosen is None:
        errors.add("signer", _("Choose someone who took part in the meeting."))
    elif HelpPlanSignOff.objects.filter(plan=locked, signer_key=chosen.signed_key).exists():
        errors.add("signer", _("%(name)s has already signed this plan.") % {"name": isolate(chosen.name)})
    if how not in SignOffHow.values:
        errors.add("how", _("Say whether they agreed in person or by phone."))
    day = clean_date(signed_on or timezone.localdate(), "signed_on", errors, not_after_today=True,
                     not_before=meeting.held_on,
                     not_before_message=_("A sign-off cannot be before the meeting (%(day)s).")
                     % {"day": meeting.held_on.isoformat()})
    errors.raise_if_any()
    assert chosen is not None and day is not None
    row = HelpPlanSignOff.objects.create(plan=locked, signer_key=chosen.signed_key, name=chosen.name,
                                         organisation=chosen.organisation, how=how, signed_on=day,
                                         recorded_by=actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=row, changed_fields=["how", "signed_on"])
    return row


@transaction.atomic
def help_plan_sign_off_withdraw(*, actor: User, case: Case, sign_off: HelpPlanSignOff) -> None:
    """Take back a sign-off (recorded by mistake, or the person withdrew their agreement)."""
    require_case_perm(actor, case, Perm.CHANGE)
    if sign_off.plan.case_id != case.pk:
        raise ValueError("sign-off of another case")
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=sign_off)
    sign_off.delete()


# --- the document --------------------------------------------------------------------------------------------

FILE_NAME = pgettext_lazy("file name", "care-plan")


def help_plan_document(case: Case, meeting: Meeting, plan: HelpPlan) -> Document:
    """The Hilfeplan as a youth office files it, in the case's language: the case and the child, the meeting
    with who took part, the expectations gathered beforehand, the situation, the goals, the agreed help with its
    provider and legal basis, the agreements and the clarification assignments, the next review, the
    sign-offs and a line for each participant who has not signed. `meeting` as `case_meeting` loads it."""
    sign_offs = list(plan.sign_offs.all())
    with translation.override(case.language):
        signers = meeting_signers(meeting)
    content = render_pdf("perspective/pdf/help_plan.html", {
        "case": case, "meeting": meeting, "plan": plan, "is_update": meeting.kind == MeetingKind.REVIEW,
        "participants": list(meeting.participants.all()), "professionals": list(meeting.professionals.all()),
        "expectations": list(meeting.expectations.all()), "agreements": list(meeting.agreements.all()),
        "assignments": meeting_assignments(meeting), "legal_bases": list(plan.legal_bases.all()),
        "sign_offs": sign_offs, "unsigned": unsigned(signers, sign_offs), "printed_on": timezone.localdate(),
    }, language=case.language)
    return Document(content, PDF, safe_filename(FILE_NAME, case.reference, meeting.held_on.isoformat(),
                                                extension="pdf", language=case.language))
