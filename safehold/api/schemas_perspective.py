"""What the perspective endpoints accept and return: a child's placements and the contacts during a placement.
People are sent as ids and answered as {id, name}."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.core.validation import LONG, SHORT, TEXT
from safehold.perspective.models import (
    Assignment,
    AssignmentStatus,
    Contact,
    ContactSetting,
    ContactStatus,
    Custody,
    Placement,
    Recommendation,
    RecommendationOption,
    Setting,
)
from safehold.perspective.services import MAX_DURATION, MAX_TIME_FRAME

TIME_FRAME_DESCRIPTION = ("In months, 1 to 120. Without a planned end, the planned end is the start plus the time "
                          "frame; with one, both must agree.")
VERSION_DESCRIPTION = "The version you read; a newer one in the database answers 409."


def _ref(person: Any) -> dict[str, Any]:
    return {"id": person.pk, "name": person.full_name}


class CarePlacementOut(Schema):
    id: int
    child: Ref
    setting: str
    setting_label: str
    carers: list[Ref]
    starts_on: date
    time_frame_months: int | None
    planned_end_on: date | None
    ended_on: date | None
    custody: str
    custody_label: str
    custody_holder: str
    youth_office_contact: str
    note: str
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_child(placement: Placement) -> dict[str, Any]:
        return _ref(placement.child)

    @staticmethod
    def resolve_carers(placement: Placement) -> list[dict[str, Any]]:
        return [_ref(p) for p in placement.carers.all()]

    @staticmethod
    def resolve_setting_label(placement: Placement) -> str:
        return str(placement.get_setting_display())

    @staticmethod
    def resolve_custody_label(placement: Placement) -> str:
        return str(placement.get_custody_display())


class PlacementList(Schema):
    items: list[CarePlacementOut] = Field(..., description="Latest start first.")
    count: int


class PlacementCreate(Input):
    child: DbInt = Field(..., description="A child of the case.")
    setting: Setting
    carers: list[DbInt] = Field([], description="People of the case the child lives with.")
    starts_on: date
    time_frame_months: int | None = Field(None, ge=1, le=MAX_TIME_FRAME, description=TIME_FRAME_DESCRIPTION)
    planned_end_on: date | None = None
    ended_on: date | None = None
    custody: Custody = Custody.PARENTS
    custody_holder: str = Field("", max_length=SHORT)
    youth_office_contact: str = Field("", max_length=SHORT)
    note: str = Field("", max_length=LONG)


class PlacementPatch(Patch):
    nullable = frozenset({"time_frame_months", "planned_end_on", "ended_on"})

    version: int = Field(..., description=VERSION_DESCRIPTION)
    child: DbInt | None = None
    setting: Setting | None = None
    carers: list[DbInt] | None = None
    starts_on: date | None = None
    time_frame_months: int | None = Field(None, ge=1, le=MAX_TIME_FRAME, description=TIME_FRAME_DESCRIPTION)
    planned_end_on: date | None = None
    ended_on: date | None = None
    custody: Custody | None = None
    custody_holder: str | None = Field(None, max_length=SHORT)
    youth_office_contact: str | None = Field(None, max_length=SHORT)
    note: str | None = Field(None, max_length=LONG)


class VisitOut(Schema):
    id: int
    placement: int
    on: date
    duration_minutes: int | None
    place: str
    setting: str
    setting_label: str
    status: str
    status_label: str
    present: list[Ref]
    present_others: str
    meeting_parting: str
    child_signals: str
    parent_responsiveness: str
    strengths: str
    challenges: str
    what_helped: str
    reflection: str
    cancelled_by: str
    cancel_reason: str
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_placement(contact: Contact) -> int:
        return contact.placement_id

    @staticmethod
    def resolve_present(contact: Contact) -> list[dict[str, Any]]:
        return [_ref(p) for p in contact.present.all()]

    @staticmethod
    def resolve_setting_label(contact: Contact) -> str:
        return str(contact.get_setting_display())

    @staticmethod
    def resolve_status_label(contact: Contact) -> str:
        return str(contact.get_status_display())


class ContactList(Schema):
    items: list[VisitOut] = Field(..., description="In date order.")
    count: int


class ContactCreate(Input):
    on: date = Field(..., description="Within the placement: not before its start, not after it ended.")
    duration_minutes: int | None = Field(None, ge=1, le=MAX_DURATION)
    place: str = Field("", max_length=SHORT)
    setting: ContactSetting = ContactSetting.SUPERVISED
    status: ContactStatus = ContactStatus.PLANNED
    present: list[DbInt] = Field([], description="People of the case who were there.")
    present_others: str = Field("", max_length=SHORT)
    meeting_parting: str = Field("", max_length=TEXT)
    child_signals: str = Field("", max_length=TEXT)
    parent_responsiveness: str = Field("", max_length=TEXT)
    strengths: str = Field("", max_length=TEXT)
    challenges: str = Field("", max_length=TEXT)
    what_helped: str = Field("", max_length=TEXT)
    reflection: str = Field("", max_length=TEXT)
    cancelled_by: str = Field("", max_length=SHORT, description="Required when cancelled.")
    cancel_reason: str = Field("", max_length=TEXT, description="Required when cancelled.")


class ContactPatch(Patch):
    nullable = frozenset({"duration_minutes"})

    version: int = Field(..., description=VERSION_DESCRIPTION)
    on: date | None = None
    duration_minutes: int | None = Field(None, ge=1, le=MAX_DURATION)
    place: str | None = Field(None, max_length=SHORT)
    setting: ContactSetting | None = None
    status: ContactStatus | None = None
    present: list[DbInt] | None = None
    present_others: str | None = Field(None, max_length=SHORT)
    meeting_parting: str | None = Field(None, max_length=TEXT)
    child_signals: str | None = Field(None, max_length=TEXT)
    parent_responsiveness: str | None = Field(None, max_length=TEXT)
    strengths: str | None = Field(None, max_length=TEXT)
    challenges: str | None = Field(None, max_length=TEXT)
    what_helped: str | None = Field(None, max_length=TEXT)
    reflection: str | None = Field(None, max_length=TEXT)
    cancelled_by: str | None = Field(None, max_length=SHORT)
    cancel_reason: str | None = Field(None, max_length=TEXT)


class AssignmentOut(Schema):
    id: int
    meeting: int | None
    question: str
    commissioned_by: str
    answered_by: str
    due_on: date | None
    status: str
    status_label: str
    findings: str
    findings_by: str
    contacts: list[int]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_meeting(assignment: Assignment) -> int | None:
        return assignment.meeting_id

    @staticmethod
    def resolve_contacts(assignment: Assignment) -> list[int]:
        return [c.pk for c in assignment.contacts.all()]

    @staticmethod
    def resolve_status_label(assignment: Assignment) -> str:
        return str(assignment.get_status_display())


class AssignmentList(Schema):
    items: list[AssignmentOut] = Field(..., description="Earliest due first.")
    count: int


class AssignmentCreate(Input):
    question: str = Field(..., max_length=TEXT)
    meeting: DbInt | None = Field(None, description="The meeting of the case that agreed it; due not before it.")
    commissioned_by: str = Field("", max_length=SHORT)
    answered_by: str = Field("", max_length=SHORT)
    due_on: date | None = None
    status: AssignmentStatus = AssignmentStatus.OPEN
    findings: str = Field("", max_length=TEXT, description="Required when answered.")
    findings_by: str = Field("", max_length=SHORT, description="In whose words the findings are.")
    contacts: list[DbInt] = Field([], description="Contacts of the case's placements the findings rest on.")


class AssignmentPatch(Patch):
    nullable = frozenset({"meeting", "due_on"})

    version: int = Field(..., description=VERSION_DESCRIPTION)
    question: str | None = Field(None, max_length=TEXT)
    meeting: DbInt | None = None
    commissioned_by: str | None = Field(None, max_length=SHORT)
    answered_by: str | None = Field(None, max_length=SHORT)
    due_on: date | None = None
    status: AssignmentStatus | None = None
    findings: str | None = Field(None, max_length=TEXT)
    findings_by: str | None = Field(None, max_length=SHORT)
    contacts: list[DbInt] | None = None


class RecommendationOut(Schema):
    id: int
    placement: int
    option: str
    option_label: str
    help_needed: str
    reasons: str
    parents_view: str
    guardian_view: str
    assignments: list[int]
    contacts: list[int]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_placement(recommendation: Recommendation) -> int:
        return recommendation.placement_id

    @staticmethod
    def resolve_option_label(recommendation: Recommendation) -> str:
        return str(recommendation.get_option_display())

    @staticmethod
    def resolve_assignments(recommendation: Recommendation) -> list[int]:
        return [a.pk for a in recommendation.assignments.all()]

    @staticmethod
    def resolve_contacts(recommendation: Recommendation) -> list[int]:
        return [c.pk for c in recommendation.contacts.all()]


class RecommendationIn(Input):
    version: int | None = Field(None, description="The version you read; leave it out for a new recommendation. "
                                                  "A newer one in the database answers 409.")
    option: RecommendationOption
    help_needed: str = Field("", max_length=TEXT, description="For a return home: with which help.")
    reasons: str = Field(..., max_length=TEXT)
    parents_view: str = Field("", max_length=TEXT)
    guardian_view: str = Field("", max_length=TEXT)
    assignments: list[DbInt] = Field([], description="Clarification assignments of the case it rests on.")
    contacts: list[DbInt] = Field([], description="Contacts of the case's placements it rests on.")
