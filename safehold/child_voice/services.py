"""Every change to the child's voice: conversations and their statements, Safety Houses and their entries,
drawings. Pages, the API and the demo data call these; each runs in one transaction with its audit record.

What a child said is recorded as said: texts are cleaned of control characters and trimmed, nothing else.

The record a change acts on (a conversation, a statement, a drawing) is passed as the instance the caller
loaded through the case's selectors; everything else of the case the input names (the child, a person in the
Safety House) is passed as its id and looked up here, inside the case. Changes are given as the fields that
change (`ConversationChanges`…): a field sent as None is refused ("This field cannot be empty."), except where
None means something (no score, nobody of the case).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person
from safehold.cases.selectors import chosen_person
from safehold.child_voice.models import (
    PEOPLE_AREAS,
    Area,
    Conversation,
    Drawing,
    HouseArea,
    HouseItem,
    SafetyHouse,
    Setting,
    Statement,
    Tool,
    Visibility,
    WrittenBy,
)
from safehold.child_voice.selectors import chosen_child, drawing_owner
from safehold.core.validation import Errors, clean_date, clean_score, clean_text, long_before
from safehold.core.versioning import ConflictError, apply_changes, save_versioned, update_versioned
from safehold.uploads.models import Purpose
from safehold.uploads.services import file_delete, file_store

# Two texts are shorter than validation.SHORT: their columns are.
TRUSTED_PERSON_LENGTH = 120
CAPTION_LENGTH = 200

CONVERSATION_FIELDS = ("held_on", "tool", "setting", "trusted_person", "note")
STATEMENT_FIELDS = ("area", "text", "written_by", "visibility")
HOUSE_FIELDS = ("drawn_on", "safety_score", "score_visibility", "note")
ITEM_FIELDS = ("area", "text", "person", "written_by", "visibility")
DRAWING_FIELDS = ("caption", "visibility")


class ConversationChanges(TypedDict, total=False):
    held_on: date | None
    tool: str | None
    setting: str | None
    trusted_person: str | None
    note: str | None


class StatementChanges(TypedDict, total=False):
    area: str | None
    text: str | None
    written_by: str | None
    visibility: str | None


class SafetyHouseChanges(TypedDict, total=False):
    drawn_on: date | None
    safety_score: int | None  # None: no score
    score_visibility: str | None
    note: str | None


class HouseItemChanges(TypedDict, total=False):
    area: str | None
    text: str | None
    person: int | None  # the id of a person of the case; None: nobody of the case
    written_by: str | None
    visibility: str | None


HOUSE_NULLABLE = ("safety_score",)
ITEM_NULLABLE = ("person",)


@dataclass(frozen=True)
class StatementEdit:
    """A statement in a change made in one go: without `id` a new one, with `id` and the `version` read a change
    of that one."""

    changes: StatementChanges
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class HouseItemEdit:
    """An entry in a change made in one go: without `id` a new one, with `id` and the `version` read a change of
    that one."""

    changes: HouseItemChanges
    id: int | None = None
    version: int | None = None


# --- shared -----------------------------------------------------------------------------------------------

def _check(case: Case, record: Conversation | SafetyHouse) -> None:
    if record.case_id != case.pk:  # a programming error, never user input: callers load through the case
        raise ValueError("record of another case")


def _known(changes: Mapping[str, object], fields: tuple[str, ...]) -> None:
    unknown = set(changes) - set(fields)
    if unknown:  # a programming error: the callers name the fields
        raise ValueError(f"unknown fields {sorted(unknown)}")


def _refuse_empty(sent: Mapping[str, object], errors: Errors, nullable: Iterable[str] = ()) -> None:
    """A field sent as None to change it, that cannot be empty."""
    for name, value in sent.items():
        if value is None and name not in nullable:
            errors.add(name, _("This field cannot be empty."))


def _choice(value: str | None, choices: type[models.TextChoices], field: str, message: str,
            errors: Errors) -> str:
    if value is None or value not in choices.values:
        errors.add(field, message)
        return ""
    return value


def _visibility(value: str | None, errors: Errors, field: str = "visibility") -> str:
    return _choice(value, Visibility, field, _("Say who the child agreed may see this."), errors)


def _written_by(value: str | None, errors: Errors) -> str:
    return _choice(value, WrittenBy, "written_by", _("Say who wrote it: the child or the worker."), errors)


def _day(case: Case, value: date | None, field: str, errors: Errors) -> date | None:
    """The day of a conversation or a Safety House: not in the future, not long before the case."""
    return clean_date(value, field, errors, required=_("Enter a date."), not_after_today=True,
                      not_before=long_before(case.opened_on),
                      not_before_message=_("The date is long before the case was opened. Check the year."))


def _next_position(rows: QuerySet[Statement] | QuerySet[HouseItem], area: str) -> int:
    return (rows.filter(area=area).aggregate(last=Max("position"))["last"] or 0) + 1


# --- conversations (Three Houses, Fairies & Wizards) ----------------------------------------------------

def _clean_conversation(case: Case, data: ConversationChanges, errors: Errors) -> dict[str, object]:
    _refuse_empty(data, errors)
    setting = _choice(data.get("setting"), Setting, "setting",
                      _("Say who was there: the child alone, with a trusted person, or with the family."), errors)
    cleaned: dict[str, object] = {
        "held_on": _day(case, data.get("held_on"), "held_on", errors),
        "tool": _choice(data.get("tool"), Tool, "tool", _("Choose the tool."), errors),
        "setting": setting,
        "trusted_person": clean_text(data.get("trusted_person"), "trusted_person", errors,
                                     limit=TRUSTED_PERSON_LENGTH),
        "note": clean_text(data.get("note"), "note", errors),
    }
    if setting == Setting.TRUSTED_PERSON and not cleaned["trusted_person"]:
        errors.add("trusted_person", _("Say who the trusted person was."))
    return cleaned


@transaction.atomic
def conversation_create(*, actor: User, case: Case, child: int | None, held_on: date | None = None,
                        tool: str = Tool.THREE_HOUSES, setting: str = Setting.ALONE, trusted_person: str = "",
                        note: str = "", statements: Sequence[StatementChanges] = ()) -> Conversation:
    """Record a conversation with a child of the case (held today unless `held_on` says otherwise). The page
    adds what the child says one statement at a time; the API may send the `statements` in one go, all or
    nothing: a refused one is named by its place ("statements.2.text")."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    person: Person | None = None
    with errors.under(""):
        person = chosen_child(case, child)
    fields = _clean_conversation(case, {"held_on": held_on or timezone.localdate(), "tool": tool,
                                        "setting": setting, "trusted_person": trusted_person, "note": note}, errors)
    errors.raise_if_any()
    conversation = Conversation.objects.create(case=case, child=person, recorded_by=actor, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=conversation,
                 changed_fields=["child", *CONVERSATION_FIELDS])
    for index, statement in enumerate(statements):
        with errors.under(f"statements.{index}"):
            _statement_add(actor, case, conversation, statement)
    errors.raise_if_any()
    return conversation


@transaction.atomic
def conversation_update(*, actor: User, case: Case, conversation: Conversation, expected_version: int,
                        **changes: Unpack[ConversationChanges]) -> list[str]:
    """Change a conversation's own fields; returns the names of those that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    _known(changes, CONVERSATION_FIELDS)
    errors = Errors()
    current: ConversationChanges = {
        "held_on": conversation.held_on, "tool": conversation.tool, "setting": conversation.setting,
        "trusted_person": conversation.trusted_person, "note": conversation.note}
    fields = _clean_conversation(case, {**current, **changes}, errors)
    errors.raise_if_any()
    changed = update_versioned(conversation, fields, CONVERSATION_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=conversation, changed_fields=changed)
    return changed


@transaction.atomic
def conversation_patch(*, actor: User, case: Case, conversation: Conversation, expected_version: int,
                       changes: ConversationChanges, statements: Sequence[StatementEdit] = (),
                       removed_statements: Sequence[int] = ()) -> None:
    """Change a conversation in one go, all or nothing: its own fields (held against `expected_version` only
    when any of them changes), the statements removed, then statements added or changed. Every refused item
    is named by its place ("removed_statements.0", "statements.2.visibility"); a stale version of the
    conversation or of a statement raises ConflictError and nothing is saved."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    errors = Errors()
    if changes:
        with errors.under(""):
            conversation_update(actor=actor, case=case, conversation=conversation,
                                expected_version=expected_version, **changes)
    by_id = {statement.pk: statement for statement in conversation.statements.all()}
    for statement in by_id.values():
        statement.conversation = conversation
    for index, statement_id in enumerate(removed_statements):
        removed = by_id.pop(statement_id, None)  # gone: a later item cannot change it
        if removed is None:
            errors.add(f"removed_statements.{index}", _("There is no such statement in this conversation."))
        else:
            _statement_remove(actor, case, removed)
    for index, edit in enumerate(statements):
        with errors.under(f"statements.{index}"):
            _statement_edit(actor, case, conversation, by_id, edit)
    errors.raise_if_any()


@transaction.atomic
def conversation_delete(*, actor: User, case: Case, conversation: Conversation) -> None:
    """Remove a conversation recorded by mistake, with its statements. Its drawings' files are taken off the
    case too (kept on disk until the case's data is deleted, like any deleted file)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    for drawing in conversation.drawings.filter(deleted_at__isnull=True).select_related("file"):
        file_delete(actor=actor, case=case, stored=drawing.file)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=conversation)
    conversation.delete()  # its statements and drawing rows go with it


# --- statements ---------------------------------------------------------------------------------------------

def _clean_statement(data: StatementChanges, errors: Errors) -> dict[str, str]:
    _refuse_empty(data, errors)
    return {
        "area": _choice(data.get("area"), Area, "area", _("Choose the house."), errors),
        "text": clean_text(data.get("text"), "text", errors, required=_("Write down what the child said.")),
        "written_by": _written_by(data.get("written_by"), errors),
        "visibility": _visibility(data.get("visibility"), errors),
    }


def _statement_add(actor: User, case: Case, conversation: Conversation, sent: StatementChanges) -> Statement:
    """A new statement at the end of its house; what is left out is the worker's, seen by the worker only."""
    errors = Errors()
    data: StatementChanges = {"area": "", "text": "", "written_by": WrittenBy.WORKER,
                              "visibility": Visibility.WORKER, **sent}
    fields = _clean_statement(data, errors)
    errors.raise_if_any()
    statement = Statement.objects.create(
        conversation=conversation, position=_next_position(conversation.statements.all(), fields["area"]),
        **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=statement, changed_fields=list(fields))
    return statement


def _statement_change(actor: User, case: Case, statement: Statement, expected_version: int,
                      changes: StatementChanges) -> list[str]:
    _known(changes, STATEMENT_FIELDS)
    errors = Errors()
    current: StatementChanges = {"area": statement.area, "text": statement.text,
                                 "written_by": statement.written_by, "visibility": statement.visibility}
    fields = _clean_statement({**current, **changes}, errors)
    errors.raise_if_any()
    if statement.version != expected_version:
        raise ConflictError(current=Statement.objects.get(pk=statement.pk))
    moved = []
    if fields["area"] != statement.area:  # to the end of its new house
        statement.position = _next_position(statement.conversation.statements.all(), fields["area"])
        moved = ["position"]
    changed = apply_changes(statement, fields, STATEMENT_FIELDS)
    if changed:
        save_versioned(statement, expected_version=expected_version, fields=[*changed, *moved])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=statement, changed_fields=changed)
    return changed


def _statement_remove(actor: User, case: Case, statement: Statement) -> None:
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=statement)
    statement.delete()


def _statement_edit(actor: User, case: Case, conversation: Conversation, statements: dict[int, Statement],
                    edit: StatementEdit) -> None:
    """Add or change one statement of a change made in one go; its errors are named relative to it."""
    if edit.id is None:
        _statement_add(actor, case, conversation, edit.changes)
        return
    statement = statements.get(edit.id)
    if statement is None or edit.version is None:
        errors = Errors()
        _refuse_empty(edit.changes, errors)
        if statement is None:
            errors.add("id", _("There is no such statement in this conversation."))
        if edit.version is None:
            errors.add("version", _("Send the version of the statement you read."))
        raise ValidationError(dict(errors))
    _statement_change(actor, case, statement, edit.version, edit.changes)


@transaction.atomic
def statement_create(*, actor: User, case: Case, conversation: Conversation, area: str, text: str,
                     written_by: str = WrittenBy.WORKER, visibility: str = Visibility.WORKER) -> Statement:
    """Add what the child said, at the end of its house. Seen only by the worker unless the child agrees."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    return _statement_add(actor, case, conversation, {"area": area, "text": text, "written_by": written_by,
                                                      "visibility": visibility})


@transaction.atomic
def statement_update(*, actor: User, case: Case, statement: Statement, expected_version: int,
                     **changes: Unpack[StatementChanges]) -> list[str]:
    """Change a statement; moved to another house, it goes to the end of that one."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, statement.conversation)
    return _statement_change(actor, case, statement, expected_version, changes)


@transaction.atomic
def statement_delete(*, actor: User, case: Case, statement: Statement) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, statement.conversation)
    _statement_remove(actor, case, statement)


# --- the Safety House -----------------------------------------------------------------------------------

def _clean_house(case: Case, data: SafetyHouseChanges, errors: Errors) -> dict[str, object]:
    _refuse_empty(data, errors, HOUSE_NULLABLE)
    return {
        "drawn_on": _day(case, data.get("drawn_on"), "drawn_on", errors),
        "safety_score": clean_score(data.get("safety_score"), "safety_score", errors, required=False),
        "score_visibility": _visibility(data.get("score_visibility"), errors, "score_visibility"),
        "note": clean_text(data.get("note"), "note", errors),
    }


@transaction.atomic
def safety_house_create(*, actor: User, case: Case, child: int | None, drawn_on: date | None = None,
                        safety_score: int | None = None, score_visibility: str = Visibility.WORKER,
                        note: str = "", items: Sequence[HouseItemChanges] = ()) -> SafetyHouse:
    """Record a child's Safety House (drawn today unless `drawn_on` says otherwise). The page adds the entries
    one at a time; the API may send the `items` in one go, all or nothing: a refused one is named by its place
    ("items.0.person")."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    person: Person | None = None
    with errors.under(""):
        person = chosen_child(case, child)
    fields = _clean_house(case, {"drawn_on": drawn_on or timezone.localdate(), "safety_score": safety_score,
                                 "score_visibility": score_visibility, "note": note}, errors)
    errors.raise_if_any()
    house = SafetyHouse.objects.create(case=case, child=person, recorded_by=actor, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=house, changed_fields=["child", *HOUSE_FIELDS])
    for index, item in enumerate(items):
        with errors.under(f"items.{index}"):
            _item_add(actor, case, house, item)
    errors.raise_if_any()
    return house


@transaction.atomic
def safety_house_update(*, actor: User, case: Case, house: SafetyHouse, expected_version: int,
                        **changes: Unpack[SafetyHouseChanges]) -> list[str]:
    """Change a Safety House's own fields (the day, the child's safety scale, the note); returns the names of
    those that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    _known(changes, HOUSE_FIELDS)
    errors = Errors()
    current: SafetyHouseChanges = {"drawn_on": house.drawn_on, "safety_score": house.safety_score,
                                   "score_visibility": house.score_visibility, "note": house.note}
    fields = _clean_house(case, {**current, **changes}, errors)
    errors.raise_if_any()
    changed = update_versioned(house, fields, HOUSE_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=house, changed_fields=changed)
    return changed


@transaction.atomic
def safety_house_patch(*, actor: User, case: Case, house: SafetyHouse, expected_version: int,
                       changes: SafetyHouseChanges, items: Sequence[HouseItemEdit] = (),
                       removed_items: Sequence[int] = ()) -> None:
    """Change a Safety House in one go, all or nothing: its own fields (held against `expected_version` only
    when any of them changes), the entries removed, then entries added or changed. Every refused item is named
    by its place ("removed_items.0", "items.1.person"); a stale version of the house or of an entry raises
    ConflictError and nothing is saved."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    errors = Errors()
    if changes:
        with errors.under(""):
            safety_house_update(actor=actor, case=case, house=house, expected_version=expected_version, **changes)
    by_id = {item.pk: item for item in house.items.all()}
    for item in by_id.values():
        item.house = house
    for index, item_id in enumerate(removed_items):
        removed = by_id.pop(item_id, None)  # gone: a later item cannot change it
        if removed is None:
            errors.add(f"removed_items.{index}", _("There is no such entry in this Safety House."))
        else:
            _item_remove(actor, case, removed)
    for index, edit in enumerate(items):
        with errors.under(f"items.{index}"):
            _item_edit(actor, case, house, by_id, edit)
    errors.raise_if_any()


@transaction.atomic
def safety_house_delete(*, actor: User, case: Case, house: SafetyHouse) -> None:
    """Remove a Safety House recorded by mistake, with its entries; its drawings' files are taken off the
    case (kept on disk until the case's data is deleted, like any deleted file)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    for drawing in house.drawings.filter(deleted_at__isnull=True).select_related("file"):
        file_delete(actor=actor, case=case, stored=drawing.file)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=house)
    house.delete()


# --- the entries of the house ----------------------------------------------------------------------------

def _clean_item(case: Case, data: HouseItemChanges, errors: Errors) -> dict[str, object]:
    _refuse_empty(data, errors, ITEM_NULLABLE)
    area = _choice(data.get("area"), HouseArea, "area", _("Choose where in the Safety House this goes."), errors)
    person: Person | None = None
    person_id = data.get("person")
    if person_id is not None:
        if area not in PEOPLE_AREAS:
            errors.add("person", _("Only people inside, visiting or outside the house are chosen from the case."))
        else:
            with errors.under(""):
                person = chosen_person(case, person_id, field="person")
    text = clean_text(data.get("text"), "text", errors)
    if not text and person is not None:
        text = person.full_name  # "Granny" is what the child says; the name is the default
    if not text and "person" not in errors:  # a person refused: the text would have been their name
        errors.add("text", _("Write down what the child said."))
    return {"area": area, "text": text, "person": person, "written_by": _written_by(data.get("written_by"), errors),
            "visibility": _visibility(data.get("visibility"), errors)}


def _item_add(actor: User, case: Case, house: SafetyHouse, sent: HouseItemChanges) -> HouseItem:
    """A new entry at the end of its area; what is left out is the worker's, seen by the worker only."""
    errors = Errors()
    data: HouseItemChanges = {"area": "", "text": "", "person": None, "written_by": WrittenBy.WORKER,
                              "visibility": Visibility.WORKER, **sent}
    fields = _clean_item(case, data, errors)
    errors.raise_if_any()
    item = HouseItem.objects.create(house=house, position=_next_position(house.items.all(), str(fields["area"])),
                                    **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=item, changed_fields=list(fields))
    return item


def _item_change(actor: User, case: Case, item: HouseItem, expected_version: int,
                 changes: HouseItemChanges) -> list[str]:
    _known(changes, ITEM_FIELDS)
    errors = Errors()
    current: HouseItemChanges = {"area": item.area, "text": item.text, "person": item.person_id,
                                 "written_by": item.written_by, "visibility": item.visibility}
    fields = _clean_item(case, {**current, **changes}, errors)
    errors.raise_if_any()
    changed = update_versioned(item, fields, ITEM_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=item, changed_fields=changed)
    return changed


def _item_remove(actor: User, case: Case, item: HouseItem) -> None:
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=item)
    item.delete()


def _item_edit(actor: User, case: Case, house: SafetyHouse, items: dict[int, HouseItem],
               edit: HouseItemEdit) -> None:
    """Add or change one entry of a change made in one go; its errors are named relative to it."""
    if edit.id is None:
        _item_add(actor, case, house, edit.changes)
        return
    item = items.get(edit.id)
    if item is None or edit.version is None:
        errors = Errors()
        _refuse_empty(edit.changes, errors, ITEM_NULLABLE)
        if item is None:
            errors.add("id", _("There is no such entry in this Safety House."))
        if edit.version is None:
            errors.add("version", _("Send the version of the entry you read."))
        raise ValidationError(dict(errors))
    _item_change(actor, case, item, edit.version, edit.changes)


@transaction.atomic
def house_item_create(*, actor: User, case: Case, house: SafetyHouse, area: str, text: str = "",
                      person: int | None = None, written_by: str = WrittenBy.WORKER,
                      visibility: str = Visibility.WORKER) -> HouseItem:
    """Put what the child says into an area of the house. `person` is a person of the case, for the areas that
    name people; their name is the text unless the child words it otherwise."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    return _item_add(actor, case, house, {"area": area, "text": text, "person": person, "written_by": written_by,
                                          "visibility": visibility})


@transaction.atomic
def house_item_update(*, actor: User, case: Case, item: HouseItem, expected_version: int,
                      **changes: Unpack[HouseItemChanges]) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, item.house)
    return _item_change(actor, case, item, expected_version, changes)


@transaction.atomic
def house_item_delete(*, actor: User, case: Case, item: HouseItem) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, item.house)
    _item_remove(actor, case, item)


# --- drawings -------------------------------------------------------------------------------------------

@transaction.atomic
def drawing_add(*, actor: User, case: Case, upload: IO[bytes], conversation: Conversation | None = None,
                house: SafetyHouse | None = None, caption: str = "",
                visibility: str = Visibility.WORKER) -> Drawing:
    """Keep a drawing or a photo of the child's paper, on a conversation or a Safety House. The file is
    checked by its content and pictures are re-encoded without their metadata (a phone photo carries where it
    was taken) by `uploads`."""
    require_case_perm(actor, case, Perm.CHANGE)
    owner = conversation or house
    if owner is None or (conversation is not None and house is not None):
        raise ValueError("a drawing belongs to a conversation or a Safety House")
    _check(case, owner)
    errors = Errors()
    caption = clean_text(caption, "caption", errors, limit=CAPTION_LENGTH)
    visibility = _visibility(visibility, errors)
    errors.raise_if_any()
    stored = file_store(actor=actor, case=case, upload=upload, purpose=Purpose.DRAWING)
    drawing = Drawing.objects.create(conversation=conversation, house=house, file=stored, caption=caption,
                                     visibility=visibility, added_by=actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=drawing, changed_fields=["file", *DRAWING_FIELDS])
    return drawing


@transaction.atomic
def drawing_update(*, actor: User, case: Case, drawing: Drawing, caption: str | None = None,
                   visibility: str | None = None) -> list[str]:
    """Change a drawing's caption or who may see it (None: as it is); returns the names of what changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, drawing_owner(drawing))
    errors = Errors()
    fields: dict[str, str] = {}
    if caption is not None:
        fields["caption"] = clean_text(caption, "caption", errors, limit=CAPTION_LENGTH)
    if visibility is not None:
        fields["visibility"] = _visibility(visibility, errors)
    errors.raise_if_any()
    changed = apply_changes(drawing, fields, DRAWING_FIELDS)
    if changed:
        drawing.save(update_fields=changed)
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=drawing, changed_fields=changed)
    return changed


@transaction.atomic
def drawing_delete(*, actor: User, case: Case, drawing: Drawing) -> None:
    """Take a drawing off the record (the page asks first). Nobody can open it afterwards."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, drawing_owner(drawing))
    if drawing.deleted_at is not None:
        return
    drawing.deleted_at = timezone.now()
    drawing.save(update_fields=["deleted_at"])
    file_delete(actor=actor, case=case, stored=drawing.file)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=drawing)
