"""What the Hilfeplan endpoints accept and return: the plan written from a care-plan or review meeting and its
sign-offs. The child, the placement and the legal bases are sent as ids; the child is answered as {id, name}."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from safehold.api.schemas import DbInt, Input, LegalBasisOut, Ref
from safehold.core.validation import LONG, SHORT, TEXT
from safehold.perspective.models import HelpPlan, HelpPlanSignOff, SignOffHow


class HelpPlanSignOffOut(Schema):
    id: int
    signer: str = Field(..., description='Whom the sign-off is of: a participant\'s voice key ("person:12", '
                                         '"user:5") or "professional:" and the professional\'s name.')
    name: str
    organisation: str
    how: SignOffHow
    signed_on: date
    recorded_at: datetime

    @staticmethod
    def resolve_signer(sign_off: HelpPlanSignOff) -> str:
        return sign_off.signer_key


class HelpPlanOut(Schema):
    id: int
    meeting: int
    is_update: bool = Field(..., description="Written from a review meeting: the update (Fortschreibung).")
    child: Ref
    placement: int | None
    situation: str
    goals: list[str] = Field(..., description="One goal an item, in order.")
    help: str
    provider: str
    legal_bases: list[LegalBasisOut]
    next_review_on: date | None = Field(..., description="The meeting's next date; changed on the meeting.")
    sign_offs: list[HelpPlanSignOffOut]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_meeting(plan: HelpPlan) -> int:
        return plan.meeting_id

    @staticmethod
    def resolve_is_update(plan: HelpPlan) -> bool:
        return plan.meeting.kind == "review"

    @staticmethod
    def resolve_child(plan: HelpPlan) -> dict[str, Any]:
        return {"id": plan.child_id, "name": plan.child.full_name}

    @staticmethod
    def resolve_placement(plan: HelpPlan) -> int | None:
        return plan.placement_id

    @staticmethod
    def resolve_goals(plan: HelpPlan) -> list[str]:
        return plan.goal_list

    @staticmethod
    def resolve_legal_bases(plan: HelpPlan) -> list[Any]:
        return list(plan.legal_bases.all())

    @staticmethod
    def resolve_next_review_on(plan: HelpPlan) -> date | None:
        return plan.meeting.next_on

    @staticmethod
    def resolve_sign_offs(plan: HelpPlan) -> list[Any]:
        return list(plan.sign_offs.all())


class HelpPlanIn(Input):
    version: int | None = Field(None, description="The version you read; leave it out for a new plan. A newer one "
                                                  "in the database answers 409. A change of the content withdraws "
                                                  "the sign-offs.")
    child: DbInt = Field(..., description="A child of the case.")
    placement: DbInt | None = Field(None, description="A placement of that child, or none.")
    situation: str = Field("", max_length=LONG)
    goals: str = Field("", max_length=TEXT, description="One goal a line.")
    help: str = Field(..., max_length=TEXT, description="The agreed help: which, how much, for how long.")
    provider: str = Field("", max_length=SHORT, description="Who gives the help.")
    legal_bases: list[DbInt] = Field([], description="Provisions of the organisation's list offered for the case.")


class HelpPlanSignOffIn(Input):
    signer: str = Field(..., max_length=40, description='Someone who took part in the meeting: a participant\'s '
                                                        'voice key ("person:12", "user:5") or "professional:<id>".')
    how: SignOffHow
    signed_on: date | None = Field(None, description="Not before the meeting, not in the future; today if left out.")
    plan_version: int | None = Field(None, description="The plan's version the person agreed to; a newer one "
                                                       "answers 409.")
