"""What the safety-plan endpoints accept and return: the versions of a case's 24/7 safety plan, their rules,
contacts, agreements with professionals, sign-offs, coverage of the week and check-ins. People, rules and
danger statements are sent as ids."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictInt

from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.cases.models import Person
from safehold.core.validation import SHORT, TEXT
from safehold.safety_plans.coverage import CELLS, Coverage, cell_label
from safehold.safety_plans.models import (
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
from safehold.safety_plans.services import AGENCY, CONTACT_NAME, CONTACT_PHONE, CONTACT_ROLE

CELL_DESCRIPTION = 'Cells of the week: "<day>:<time>", day mon…sun, time morning, day, evening or night.'
# Checked against the grid by the service, which names the field.
Cell = Annotated[str, Field(max_length=20)]


# --- answers ------------------------------------------------------------------------------------------

KIND_DESCRIPTION = ("What the rule is. Only `presence` (someone safe is there and responsible at these times) "
                    "covers periods of the week, and never when kept by a person the worry is about.")


class RuleOut(Schema):
    id: int
    position: int
    kind: RuleKind = Field(..., description=KIND_DESCRIPTION)
    text: str
    responsible: Ref = Field(..., description="The person on the case who keeps the rule.")
    periods: list[str] = Field(..., description=CELL_DESCRIPTION)
    holidays: bool
    situation: str
    answers: int | None = Field(..., description="The danger statement (a map entry) the rule answers.")
    version: int
    lineage: UUID = Field(..., description="The same on the copies of this rule in earlier and later versions.")

    @staticmethod
    def resolve_responsible(rule: Rule) -> dict[str, Any]:
        return {"id": rule.responsible_id, "name": rule.responsible.full_name}

    @staticmethod
    def resolve_answers(rule: Rule) -> int | None:
        return rule.answers_id


class PlanContactOut(Schema):
    id: int
    person: int | None = Field(..., description="The person on the case, if the contact is one.")
    name: str
    role: str
    phone: str
    position: int

    @staticmethod
    def resolve_person(contact: Contact) -> int | None:
        return contact.person_id


class PlanAgreementOut(Schema):
    id: int
    agency: str
    agreement: str
    referral: int | None = Field(..., description="The referral of the case the agreement points to, if any.")
    position: int

    @staticmethod
    def resolve_referral(agreement: ProfessionalAgreement) -> int | None:
        return agreement.referral_id


class SignOffOut(Schema):
    id: int
    person: int | None
    name: str
    how: SignOff.How
    signed_on: date
    recorded_at: datetime

    @staticmethod
    def resolve_person(sign_off: SignOff) -> int | None:
        return sign_off.person_id


class PlanSummary(Schema):
    id: int
    version_no: int = Field(..., description="1 for the first version of the plan, 2 for the next…")
    status: PlanStatus
    copied_from: int | None = Field(..., description="The version this one started as a copy of.")
    approved_at: datetime | None
    activated_on: date | None
    ended_on: date | None
    next_review_on: date | None
    version: int = Field(..., description="For optimistic locking; not the plan's version number.")
    created_at: datetime
    updated_at: datetime


class PlanList(Schema):
    items: list[PlanSummary] = Field(..., description="Oldest version first.")
    count: int


class PlanOut(PlanSummary):
    map: int | None = Field(..., description="The map the plan builds on.")
    story: int | None = Field(..., description="The Words & Pictures story that explains the plan to the children.")
    minimum_requirements: str
    coordinator: Ref | None = Field(..., description="The network coordinator.")
    child_explanation: str
    information_given: str
    if_worries_who_notices: str
    if_worries_who_is_called: str
    if_worries_authority: str
    review_every_days: int
    uncovered_reason: str
    worry_about: list[Ref] = Field(..., description="The people the plan's worry is about: a rule they keep "
                                                    "never counts as cover.")
    family_network_picture: FamilyNetworkPicture = Field(
        ..., description="What the family's plan shows of the network (the authority's version shows all).")
    approved_by: Ref | None
    approval_comment: str = Field(..., description="The team lead's comment on the approval.")
    sent_back_reason: str = Field(..., description="Why the last proposal was sent back to draft.")
    sent_back_by: Ref | None
    sent_back_at: datetime | None
    rules: list[RuleOut]
    contacts: list[PlanContactOut]
    agreements: list[PlanAgreementOut]
    sign_offs: list[SignOffOut]
    gaps: list[str] = Field(..., description="The cells of the week no safe adult covers.")
    not_counted: list[int] = Field(..., description="Presence rules kept by a person the worry is about: they "
                                                    "cover nothing.")


def plan_summary(plan: SafetyPlan) -> dict[str, Any]:
    return {
        "id": plan.pk, "version_no": plan.version_no, "status": plan.status, "copied_from": plan.copied_from_id,
        "approved_at": plan.approved_at, "activated_on": plan.activated_on, "ended_on": plan.ended_on,
        "next_review_on": plan.next_review_on, "version": plan.version, "created_at": plan.created_at,
        "updated_at": plan.updated_at,
    }


def _user_ref(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": str(user)}


def plan_out(plan: SafetyPlan, rules: list[Rule], contacts: list[Contact], agreements: list[ProfessionalAgreement],
             sign_offs: list[SignOff], coverage: Coverage, worry_about: list[Person]) -> dict[str, Any]:
    coordinator = plan.coordinator
    return {
        **plan_summary(plan),
        "map": plan.map_id, "story": plan.story_id, "minimum_requirements": plan.minimum_requirements,
        "coordinator": None if coordinator is None else {"id": coordinator.pk, "name": coordinator.full_name},
        "child_explanation": plan.child_explanation, "information_given": plan.information_given,
        "if_worries_who_notices": plan.if_worries_who_notices,
        "if_worries_who_is_called": plan.if_worries_who_is_called,
        "if_worries_authority": plan.if_worries_authority, "review_every_days": plan.review_every_days,
        "uncovered_reason": plan.uncovered_reason,
        "worry_about": [{"id": person.pk, "name": person.full_name} for person in worry_about],
        "family_network_picture": plan.family_network_picture,
        "approved_by": _user_ref(plan.approved_by), "approval_comment": plan.approval_comment,
        "sent_back_reason": plan.sent_back_reason, "sent_back_by": _user_ref(plan.sent_back_by),
        "sent_back_at": plan.sent_back_at,
        "rules": rules, "contacts": contacts, "agreements": agreements, "sign_offs": sign_offs,
        "gaps": coverage.gaps, "not_counted": [rule.pk for rule in coverage.not_counted],
    }


class CellOut(Schema):
    cell: str = Field(..., description=CELL_DESCRIPTION)
    label: str
    rules: list[int] = Field(..., description="The ids of the rules covering the cell.")


class CoverageOut(Schema):
    cells: list[CellOut] = Field(..., description="Every cell of the week, Monday morning first.")
    gaps: list[str]
    complete: bool
    uncovered_reason: str = Field(..., description="Why the gaps need no cover, if recorded.")
    not_counted: list[int] = Field(..., description="Presence rules kept by a person the worry is about: they "
                                                    "cover nothing.")


def coverage_out(plan: SafetyPlan, coverage: Coverage) -> dict[str, Any]:
    return {
        "cells": [{"cell": cell, "label": cell_label(cell), "rules": [r.pk for r in coverage.covered[cell]]}
                  for cell in CELLS],
        "gaps": coverage.gaps, "complete": coverage.is_complete, "uncovered_reason": plan.uncovered_reason,
        "not_counted": [rule.pk for rule in coverage.not_counted],
    }


class RuleCheckOut(Schema):
    rule: int
    result: RuleResult
    note: str

    @staticmethod
    def resolve_rule(check: RuleCheck) -> int:
        return check.rule_id


class CheckInOut(Schema):
    id: int
    checked_on: date
    checked_by: Ref | None
    source: CheckInSource
    safety_score: int | None
    note: str
    results: list[RuleCheckOut] = Field(..., description="One per rule of the plan.")
    created_at: datetime

    @staticmethod
    def resolve_checked_by(check_in: CheckIn) -> dict[str, Any] | None:
        user = check_in.checked_by
        return None if user is None else {"id": user.pk, "name": str(user)}

    @staticmethod
    def resolve_results(check_in: CheckIn) -> list[RuleCheck]:
        return list(check_in.rule_checks.all())


class CheckInList(Schema):
    items: list[CheckInOut] = Field(..., description="Oldest first.")
    count: int


# --- what a client sends -----------------------------------------------------------------------------

class RuleIn(Patch):
    nullable = frozenset({"id", "version", "answers"})

    id: DbInt | None = Field(None, description="Leave out to add a rule; give it, with `version`, to change one.")
    version: int | None = Field(None, description="The rule's version you read; a newer one answers 409.")
    kind: RuleKind | None = Field(None, description=KIND_DESCRIPTION + " Left out of a new rule: `presence` with "
                                                    "periods, `if_then` with a situation alone.")
    text: str | None = Field(None, max_length=TEXT, description="What exactly happens, in the family's words.")
    responsible: DbInt | None = Field(None, description="The id of the person on the case who keeps the rule.")
    periods: list[Cell] | None = Field(None, description=CELL_DESCRIPTION)
    holidays: bool | None = None
    situation: str | None = Field(None, max_length=SHORT)
    answers: DbInt | None = Field(None, description="The id of a danger statement on one of the case's maps; "
                                                    "null for none.")


class ContactIn(Input):
    person: DbInt | None = Field(None, description="A person on the case, or null; name and phone default to "
                                                   "theirs.")
    name: str = Field("", max_length=CONTACT_NAME)
    role: str = Field("", max_length=CONTACT_ROLE)
    phone: str = Field("", max_length=CONTACT_PHONE)


class PlanAgreementIn(Input):
    agency: str = Field(..., max_length=AGENCY, description="The school, day care, GP, police…")
    agreement: str = Field(..., max_length=TEXT)
    referral: DbInt | None = Field(None, description="A referral of the case the agreement points to; null for "
                                                     "none. The family's plan names its provider only once the "
                                                     "family consented to share data.")


class PlanPatch(Patch):
    nullable = frozenset({"map", "story", "coordinator"})

    version: int = Field(..., description="The plan's version you read; a newer one answers 409 when the "
                                          "sections are changed.")
    map: DbInt | None = Field(None, description="A map of the case the plan builds on; null for none.")
    story: DbInt | None = Field(None, description="A Words & Pictures story of the case; null for none.")
    minimum_requirements: str | None = Field(None, max_length=TEXT)
    coordinator: DbInt | None = Field(None, description="The network coordinator: a person on the case; null "
                                                        "for none.")
    child_explanation: str | None = Field(None, max_length=TEXT)
    information_given: str | None = Field(None, max_length=TEXT)
    if_worries_who_notices: str | None = Field(None, max_length=TEXT)
    if_worries_who_is_called: str | None = Field(None, max_length=TEXT)
    if_worries_authority: str | None = Field(None, max_length=TEXT)
    # Strict, like a score: the service checks the range and names the field.
    review_every_days: StrictInt | None = Field(None, json_schema_extra={"minimum": 1, "maximum": 90})
    uncovered_reason: str | None = Field(None, max_length=TEXT)
    worry_about: list[DbInt] | None = Field(None, description="The adults of the case the worry is about (all of "
                                                             "them; an empty list for none).")
    family_network_picture: FamilyNetworkPicture | None = None
    rules: list[RuleIn] = Field([], description="Rules to add (no id) or change (id and version).")
    removed_rules: list[DbInt] = Field([], description="Ids of rules to delete.")
    contacts: list[ContactIn] = Field([], description="Contacts to add.")
    agreements: list[PlanAgreementIn] = Field([], description="Agreements with professionals to add.")


class PlanTransitionIn(Input):
    status: PlanStatus
    comment: str = Field("", max_length=TEXT, description="The team lead's comment on approving; needed when "
                                                          "periods are not covered.")
    reason: str = Field("", max_length=TEXT, description="Why a proposal goes back to draft; needed then.")
    move_case_to_monitoring: bool = Field(False, description="On putting the plan into force: move a case still "
                                                             "in referral, assessment or safety planning on to "
                                                             "monitoring.")


class SignOffIn(Input):
    person: DbInt = Field(..., description="A family or network member of the case.")
    how: SignOff.How
    signed_on: date | None = Field(None, description="Today if left out or null.")


class RuleCheckIn(Input):
    rule: DbInt
    result: RuleResult = RuleResult.UNKNOWN
    note: str = Field("", max_length=TEXT)


class CheckInCreate(Input):
    source: CheckInSource
    checked_on: date | None = Field(None, description="Today if left out or null.")
    # Strict: neither true nor "7" is a score. The range is checked by the service, which names the field.
    safety_score: StrictInt | None = Field(None, json_schema_extra={"minimum": 0, "maximum": 10},
                                           description="On the 0–10 safety scale; null for none.")
    note: str = Field("", max_length=TEXT)
    results: list[RuleCheckIn] = Field([], description="How each rule held; rules left out are not known.")
