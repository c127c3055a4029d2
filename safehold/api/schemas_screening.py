"""What the screening endpoints accept and return: a screening against the target group of a safety plan (seed
004), its answers per item and the result the rules give (screening/rules.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.core.validation import LONG, TEXT
from safehold.screening import rules
from safehold.screening.models import NEGLECT_LABEL, Decision, Item, Screening, ScreeningAnswer
from safehold.screening.services import result_of

VERSION_DESCRIPTION = "The version you read; a newer one in the database answers 409."
ItemKey = Literal[
    "safety_risk", "serious_harm", "massive_support", "ordinary_not_enough", "great_safety_risk", "danger_to_self",
    "health_in_danger", "violence_or_abuse", "basic_needs", "violence", "school", "closeness", "demands",
    "adults_influenced"]
ANSWERS_DESCRIPTION = (
    "Per item: the criteria (safety_risk, serious_harm, massive_support, ordinary_not_enough), the forms of risk "
    "(great_safety_risk, danger_to_self, health_in_danger, violence_or_abuse) and the six conditions of gross and "
    "repeated neglect (basic_needs, violence, school, closeness, demands, adults_influenced), which is derived, "
    "not answered. An item sent with an empty answer is taken back; an item left out stays as it is.")


class AnswerIn(Input):
    answer: Literal["yes", "no", "unknown", ""] = Field(..., description="A condition is answered yes or no only.")
    voice: str = Field("", max_length=40, description='Who gives the answer: "person:<id>" or "user:<id>" of the '
                                                      'case.')
    evidence: str = Field("", max_length=TEXT, description="The evidence, in their words.")
    map_entries: list[DbInt] = Field([], description="Entries of the case's maps the answer rests on.")
    repeated: bool | None = Field(None, description="For a condition that was met: did it happen repeatedly?")


class AnswerOut(Schema):
    item: str
    item_label: str
    answer: str
    repeated: bool | None
    voice: str
    voice_name: str
    voice_kind: str
    evidence: str
    map_entries: list[int]

    @staticmethod
    def resolve_item_label(answer: ScreeningAnswer) -> str:
        return str(Item(answer.item).label)

    @staticmethod
    def resolve_voice(answer: ScreeningAnswer) -> str:
        return answer.voice_key

    @staticmethod
    def resolve_map_entries(answer: ScreeningAnswer) -> list[int]:
        return [e.pk for e in answer.map_entries.all()]


class Neglect(Schema):
    label: str
    counted: int = Field(..., description="Conditions met repeatedly; at least 2 make it apply.")
    applies: str = Field(..., description="yes / no / unknown")


class ResultOut(Schema):
    outcome: str = Field(..., description="fits / does_not_fit / unclear: a recommendation.")
    criteria: dict[str, str]
    risks: dict[str, str] = Field(..., description="The five forms of risk; gross_neglect derived.")
    neglect: Neglect
    missing: list[str] = Field(..., description="The items not answered yet: a draft while any is missing.")


class ScreeningOut(Schema):
    id: int
    child: Ref | None = Field(..., description="None: the whole family.")
    screened_on: date
    note: str
    outcome: str
    outcome_label: str
    complete: bool
    result: ResultOut
    answers: list[AnswerOut]
    worker_decision: str
    worker_reason: str
    worker_decided_by: str | None
    worker_decided_at: datetime | None
    lead_decision: str
    lead_reason: str
    lead_decided_by: str | None
    lead_decided_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_child(screening: Screening) -> dict[str, Any] | None:
        return {"id": screening.child.pk, "name": screening.child.full_name} if screening.child else None

    @staticmethod
    def resolve_outcome_label(screening: Screening) -> str:
        return str(screening.get_outcome_display())

    @staticmethod
    def resolve_result(screening: Screening) -> dict[str, Any]:
        result = result_of(screening)
        return {"outcome": result.outcome, "criteria": result.criteria, "risks": result.risks,
                "missing": result.missing, "neglect": {"label": str(NEGLECT_LABEL), "counted": result.neglect.counted,
                            "applies": result.neglect.applies}}

    @staticmethod
    def resolve_answers(screening: Screening) -> list[ScreeningAnswer]:
        order = {item: index for index, item in enumerate(rules.ITEMS)}
        return sorted(screening.answers.all(), key=lambda a: order.get(a.item, 99))

    @staticmethod
    def resolve_worker_decided_by(screening: Screening) -> str | None:
        user = screening.worker_decided_by
        return (user.get_full_name() or user.username) if user else None

    @staticmethod
    def resolve_lead_decided_by(screening: Screening) -> str | None:
        user = screening.lead_decided_by
        return (user.get_full_name() or user.username) if user else None


class ScreeningList(Schema):
    items: list[ScreeningOut] = Field(..., description="Latest first; the latest of the whole family and of each "
                                                       "child is the current one.")
    count: int


class ScreeningCreate(Input):
    screened_on: date
    child: DbInt | None = Field(None, description="A child of the case; none for the whole family.")
    note: str = Field("", max_length=LONG)
    answers: dict[ItemKey, AnswerIn] = Field({}, description=ANSWERS_DESCRIPTION)


class ScreeningPatch(Patch):
    nullable = frozenset({"child"})

    version: int = Field(..., description=VERSION_DESCRIPTION)
    screened_on: date | None = None
    child: DbInt | None = None
    note: str | None = Field(None, max_length=LONG)
    answers: dict[ItemKey, AnswerIn] | None = Field(None, description=ANSWERS_DESCRIPTION)
    worker_decision: Decision | None = Field(None, description="The worker's decision; needs a complete screening "
                                                              "and a worker_reason.")
    worker_reason: str | None = Field(None, max_length=TEXT)
    lead_decision: Decision | None = Field(None, description="The team lead's decision, where the organisation asks "
                                                            "for one; needs the worker's first and a lead_reason.")
    lead_reason: str | None = Field(None, max_length=TEXT)
