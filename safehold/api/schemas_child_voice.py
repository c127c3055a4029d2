"""What the child's-voice endpoints accept and return: a child's Three Houses and Fairies & Wizards
conversations with their statements, and the child's Safety Houses with their entries. People are sent as ids;
drawings are listed only (they are uploaded through the web pages), each with the API address of its file.
What a client sends is handed to the services as the changes it names (`changes()`, `edit()`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, cast

from ninja import Field, Schema
from pydantic import StrictInt

from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.child_voice.models import (
    AREAS,
    AUDIENCES,
    HOUSE_AREAS,
    Area,
    Conversation,
    HouseArea,
    HouseItem,
    SafetyHouse,
    Setting,
    Statement,
    Tool,
    Visibility,
    WrittenBy,
)
from safehold.child_voice.services import (
    CONVERSATION_FIELDS,
    HOUSE_FIELDS,
    TRUSTED_PERSON_LENGTH,
    ConversationChanges,
    HouseItemChanges,
    HouseItemEdit,
    SafetyHouseChanges,
    StatementChanges,
    StatementEdit,
)
from safehold.core.validation import TEXT

ToolName = Literal["three_houses", "fairies_wizards"]
AreaName = Literal["worries", "good", "dreams"]
SettingName = Literal["alone", "trusted_person", "family"]
VisibilityName = Literal["worker", "parents", "network"]
WrittenByName = Literal["child", "worker"]
HouseAreaName = Literal["inside", "roof", "path", "visitors", "outside"]
AudienceName = Literal["worker", "parents", "network"]

assert set(ToolName.__args__) == set(Tool.values)  # type: ignore[attr-defined]
assert set(AreaName.__args__) == set(Area.values)  # type: ignore[attr-defined]
assert set(SettingName.__args__) == set(Setting.values)  # type: ignore[attr-defined]
assert set(VisibilityName.__args__) == set(Visibility.values)  # type: ignore[attr-defined]
assert set(WrittenByName.__args__) == set(WrittenBy.values)  # type: ignore[attr-defined]
assert set(HouseAreaName.__args__) == set(HouseArea.values)  # type: ignore[attr-defined]
assert set(AudienceName.__args__) == set(AUDIENCES)  # type: ignore[attr-defined]

VISIBILITY_DESCRIPTION = ("Who the child agreed may see it: worker (only the worker), parents (also the parents), "
                          "network (also the network).")
PDF_DESCRIPTION = ("Links to the printout for each audience (worker, parents, network), through this API with "
                   "the same token.")


# --- answers ------------------------------------------------------------------------------------------

class DrawingOut(Schema):
    id: int
    caption: str
    visibility: VisibilityName = Field(..., description=VISIBILITY_DESCRIPTION)
    url: str = Field(..., description="The file, through this API with the same token "
                                      "(GET /api/v1/cases/{case_id}/files/{file_id}).")
    created_at: datetime


class StatementOut(Schema):
    id: int
    area: AreaName
    area_label: str = Field(..., description="What the conversation's tool calls the area.")
    text: str
    written_by: WrittenByName
    visibility: VisibilityName = Field(..., description=VISIBILITY_DESCRIPTION)
    position: int
    version: int


class ConversationOut(Schema):
    id: int
    child: Ref
    tool: ToolName
    held_on: date
    setting: SettingName
    trusted_person: str
    note: str = Field(..., description="The worker's note: never printed for the family or network.")
    recorded_by: int | None = Field(..., description="The id of the user who recorded it.")
    version: int
    created_at: datetime
    updated_at: datetime
    statements: list[StatementOut] = Field(..., description="By area (worries, good, dreams), in the order the "
                                                            "child said them.")
    drawings: list[DrawingOut]
    pdf: dict[str, str] = Field(..., description=PDF_DESCRIPTION)


class ConversationList(Schema):
    items: list[ConversationOut] = Field(..., description="Newest first.")
    count: int


class HouseItemOut(Schema):
    id: int
    area: HouseAreaName
    area_label: str
    text: str
    person: Ref | None = Field(..., description="The person of the case the entry names, if any.")
    written_by: WrittenByName
    visibility: VisibilityName = Field(..., description=VISIBILITY_DESCRIPTION)
    position: int
    version: int


class SafetyHouseOut(Schema):
    id: int
    child: Ref
    drawn_on: date
    safety_score: int | None = Field(..., description="The child's safety scale: 0 not safe at all, 10 "
                                                      "completely safe.")
    score_visibility: VisibilityName = Field(..., description=VISIBILITY_DESCRIPTION)
    note: str = Field(..., description="The worker's note: never printed for the family or network.")
    recorded_by: int | None = Field(..., description="The id of the user who recorded it.")
    version: int
    created_at: datetime
    updated_at: datetime
    items: list[HouseItemOut] = Field(..., description="By area (inside, roof, path, visitors, outside), in the "
                                                       "order the child said them.")
    drawings: list[DrawingOut]
    pdf: dict[str, str] = Field(..., description=PDF_DESCRIPTION)


class SafetyHouseList(Schema):
    items: list[SafetyHouseOut] = Field(..., description="Newest first.")
    count: int


def _common(record: Conversation | SafetyHouse, drawings: list[dict[str, Any]],
            pdf: dict[str, str]) -> dict[str, Any]:
    return {
        "id": record.pk, "child": {"id": record.child.pk, "name": record.child.full_name},
        "note": record.note, "recorded_by": record.recorded_by_id, "version": record.version,
        "created_at": record.created_at, "updated_at": record.updated_at, "drawings": drawings, "pdf": pdf,
    }


def statement_out(conversation: Conversation, statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.pk, "area": statement.area, "area_label": conversation.area_label(statement.area),
        "text": statement.text, "written_by": statement.written_by, "visibility": statement.visibility,
        "position": statement.position, "version": statement.version,
    }


def conversation_out(conversation: Conversation, drawings: list[dict[str, Any]],
                     pdf: dict[str, str]) -> dict[str, Any]:
    statements = sorted(conversation.statements.all(), key=lambda s: (AREAS.index(s.area), s.position, s.pk))
    return {
        **_common(conversation, drawings, pdf),
        "tool": conversation.tool, "held_on": conversation.held_on, "setting": conversation.setting,
        "trusted_person": conversation.trusted_person,
        "statements": [statement_out(conversation, statement) for statement in statements],
    }


def house_item_out(item: HouseItem) -> dict[str, Any]:
    person = item.person
    return {
        "id": item.pk, "area": item.area, "area_label": str(HouseArea(item.area).label), "text": item.text,
        "person": None if person is None else {"id": person.pk, "name": person.full_name},
        "written_by": item.written_by, "visibility": item.visibility, "position": item.position,
        "version": item.version,
    }


def safety_house_out(house: SafetyHouse, drawings: list[dict[str, Any]], pdf: dict[str, str]) -> dict[str, Any]:
    items = sorted(house.items.all(), key=lambda i: (HOUSE_AREAS.index(i.area), i.position, i.pk))
    return {
        **_common(house, drawings, pdf),
        "drawn_on": house.drawn_on, "safety_score": house.safety_score,
        "score_visibility": house.score_visibility, "items": [house_item_out(item) for item in items],
    }


# --- what a client sends -----------------------------------------------------------------------------

class StatementCreate(Input):
    area: AreaName
    text: str = Field(..., max_length=TEXT, description="What the child said, in the child's words.")
    written_by: WrittenByName = "worker"
    visibility: VisibilityName = Field("worker", description=VISIBILITY_DESCRIPTION)

    def changes(self) -> StatementChanges:
        return {"area": self.area, "text": self.text, "written_by": self.written_by, "visibility": self.visibility}


class StatementIn(Patch):
    nullable = frozenset({"id", "version"})

    id: DbInt | None = Field(None, description="Leave out to add a statement; give it, with `version`, to change "
                                               "one.")
    version: int | None = Field(None, description="The statement's version you read; a newer one answers 409.")
    area: AreaName | None = None
    text: str | None = Field(None, max_length=TEXT)
    written_by: WrittenByName | None = None
    visibility: VisibilityName | None = Field(None, description=VISIBILITY_DESCRIPTION)

    def edit(self) -> StatementEdit:
        changes = self.model_dump(exclude_unset=True, exclude={"id", "version"})
        return StatementEdit(cast(StatementChanges, changes), id=self.id, version=self.version)


class ConversationCreate(Input):
    held_on: date | None = Field(None, description="Today if left out.")
    tool: ToolName = "three_houses"
    setting: SettingName = "alone"
    trusted_person: str = Field("", max_length=TRUSTED_PERSON_LENGTH, description="Needed with the setting "
                                                                              "trusted_person.")
    note: str = Field("", max_length=TEXT, description="The worker's note: never printed for the family or "
                                                          "network.")
    statements: list[StatementCreate] = Field([], description="What the child said, in the order said.")


class ConversationPatch(Patch):
    version: int = Field(..., description="The conversation's version you read; a newer one answers 409 when its "
                                          "own fields are changed.")
    held_on: date | None = None
    tool: ToolName | None = None
    setting: SettingName | None = None
    trusted_person: str | None = Field(None, max_length=TRUSTED_PERSON_LENGTH)
    note: str | None = Field(None, max_length=TEXT)
    statements: list[StatementIn] = Field([], description="Statements to add (no id) or change (id and "
                                                          "version).")
    removed_statements: list[DbInt] = Field([], description="Ids of statements to delete.")

    def changes(self) -> ConversationChanges:
        """The conversation's own fields the client sent."""
        return cast(ConversationChanges, self.model_dump(include=set(CONVERSATION_FIELDS), exclude_unset=True))


class HouseItemCreate(Input):
    area: HouseAreaName
    text: str = Field("", max_length=TEXT, description="In the child's words; the person's name if left out.")
    person: DbInt | None = Field(None, description="A person of the case, for the areas inside, visitors and "
                                                   "outside.")
    written_by: WrittenByName = "worker"
    visibility: VisibilityName = Field("worker", description=VISIBILITY_DESCRIPTION)

    def changes(self) -> HouseItemChanges:
        return {"area": self.area, "text": self.text, "person": self.person, "written_by": self.written_by,
                "visibility": self.visibility}


class HouseItemIn(Patch):
    nullable = frozenset({"id", "version", "person"})

    id: DbInt | None = Field(None, description="Leave out to add an entry; give it, with `version`, to change one.")
    version: int | None = Field(None, description="The entry's version you read; a newer one answers 409.")
    area: HouseAreaName | None = None
    text: str | None = Field(None, max_length=TEXT)
    person: DbInt | None = Field(None, description="A person of the case; null for none.")
    written_by: WrittenByName | None = None
    visibility: VisibilityName | None = Field(None, description=VISIBILITY_DESCRIPTION)

    def edit(self) -> HouseItemEdit:
        changes = self.model_dump(exclude_unset=True, exclude={"id", "version"})
        return HouseItemEdit(cast(HouseItemChanges, changes), id=self.id, version=self.version)


class SafetyHouseCreate(Input):
    drawn_on: date | None = Field(None, description="Today if left out.")
    # Strict: neither true nor "7" is a score. The range is checked by the service, which names the field.
    safety_score: StrictInt | None = Field(None, json_schema_extra={"minimum": 0, "maximum": 10})
    score_visibility: VisibilityName = Field("worker", description=VISIBILITY_DESCRIPTION)
    note: str = Field("", max_length=TEXT, description="The worker's note: never printed for the family or "
                                                          "network.")
    items: list[HouseItemCreate] = Field([], description="What the child put in the house, in the order said.")


class SafetyHousePatch(Patch):
    nullable = frozenset({"safety_score"})

    version: int = Field(..., description="The Safety House's version you read; a newer one answers 409 when its "
                                          "own fields are changed.")
    drawn_on: date | None = None
    safety_score: StrictInt | None = Field(None, json_schema_extra={"minimum": 0, "maximum": 10},
                                       description="null removes the score.")
    score_visibility: VisibilityName | None = Field(None, description=VISIBILITY_DESCRIPTION)
    note: str | None = Field(None, max_length=TEXT)
    items: list[HouseItemIn] = Field([], description="Entries to add (no id) or change (id and version).")
    removed_items: list[DbInt] = Field([], description="Ids of entries to delete.")

    def changes(self) -> SafetyHouseChanges:
        """The Safety House's own fields the client sent."""
        return cast(SafetyHouseChanges, self.model_dump(include=set(HOUSE_FIELDS), exclude_unset=True))
