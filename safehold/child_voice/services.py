"""Every change to the child's voice: conversations and their statements, Safety Houses and their entries,
drawings. Pages, the API and the demo data call these; each runs in one transaction with its audit record.

What a child said is recorded as said: texts are cleaned of control characters and trimmed, nothing else.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
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
from safehold.core.text import clean_text
from safehold.core.versioning import ConflictError, apply_changes, save_versioned, update_versioned
from safehold.uploads.models import Purpose
from safehold.uploads.services import file_delete, file_store

MAX_TEXT = 2000
MAX_SHORT = 200
CONVERSATION_FIELDS = ("held_on", "tool", "setting", "trusted_person", "note")
STATEMENT_FIELDS = ("area", "text", "written_by", "visibility")
HOUSE_FIELDS = ("drawn_on", "safety_score", "score_visibility", "note")
ITEM_FIELDS = ("area", "text", "person", "written_by", "visibility")
DRAWING_FIELDS = ("caption", "visibility")




def _check(case: Case, obj: Conversation | SafetyHouse) -> None:
    if obj.case_id != case.pk:  # a programming error, never user input: views load through the case
        raise ValueError("record of another case")


def child_of_case(case: Case, person: Any, field: str = "child") -> Person:
    """The child a record is about: a person of this case with the role child, or a message."""
    return chosen_person(case, person, field=field, roles=[PersonRole.CHILD],
                         message=_("Choose a child of this case."))


def _clean_date(value: Any, field: str, case: Case, errors: dict[str, str]) -> date | None:
    if not isinstance(value, date) or isinstance(value, datetime):
        errors[field] = _("Enter a date.")
        return None
    if value > timezone.localdate():
        errors[field] = _("The date cannot be in the future.")
    elif value < case.opened_on - timedelta(days=366):
        errors[field] = _("The date is long before the case was opened. Check the year.")
    return value


def _clean_choice(value: Any, choices: type, field: str, message: str, errors: dict[str, str]) -> str:
    if value not in choices.values:  # type: ignore[attr-defined]
        errors[field] = message
    return value


def _clean_text(value: Any, field: str, errors: dict[str, str], *, required: bool, limit: int = MAX_TEXT) -> str:
    text = clean_text(value if isinstance(value, str) else "")
    if required and not text:
        errors[field] = _("Write down what the child said.")
    elif len(text) > limit:
        errors[field] = _("Keep this to %(limit)d characters.") % {"limit": limit}
    return text


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _next_position(queryset, **filters: Any) -> int:
    return (queryset.filter(**filters).aggregate(last=Max("position"))["last"] or 0) + 1


# --- conversations (Three Houses, Fairies & Wizards) ----------------------------------------------------

def _clean_conversation(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned = {
        "held_on": _clean_date(data.get("held_on"), "held_on", case, errors),
        "tool": _clean_choice(data.get("tool"), Tool, "tool", _("Choose the tool."), errors),
        "setting": _clean_choice(data.get("setting"), Setting, "setting",
                                 _("Say who was there: the child alone, with a trusted person, or with the family."),
                                 errors),
        "trusted_person": _clean_text(data.get("trusted_person", ""), "trusted_person", errors, required=False,
                                      limit=120),
        "note": _clean_text(data.get("note", ""), "note", errors, required=False),
    }
    if cleaned["setting"] == Setting.TRUSTED_PERSON and not cleaned["trusted_person"] and "setting" not in errors:
        errors["trusted_person"] = _("Say who the trusted person was.")
    _raise(errors)
    return cleaned


@transaction.atomic
def conversation_create(*, actor, case: Case, child: Any, held_on: date | None = None,
                        tool: str = Tool.THREE_HOUSES, setting: str = Setting.ALONE, trusted_person: str = "",
                        note: str = "") -> Conversation:
    """Record a conversation with a child. Its statements are added one by one, as the child speaks."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors: dict[str, str] = {}
    try:
        child_person = child_of_case(case, child)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    try:
        fields = _clean_conversation(case, {"held_on": held_on or timezone.localdate(), "tool": tool,
                                            "setting": setting, "trusted_person": trusted_person, "note": note})
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    _raise(errors)
    conversation = Conversation.objects.create(case=case, child=child_person, recorded_by=actor, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=conversation,
                 changed_fields=["child", *CONVERSATION_FIELDS])
    return conversation


@transaction.atomic
def conversation_update(*, actor, case: Case, conversation: Conversation, expected_version: int,
                        **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    data = {name: getattr(conversation, name) for name in CONVERSATION_FIELDS}
    unknown = set(changes) - set(CONVERSATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown conversation fields {sorted(unknown)}")
    fields = _clean_conversation(case, {**data, **changes})
    changed = update_versioned(conversation, fields, CONVERSATION_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=conversation, changed_fields=changed)
    return changed


@transaction.atomic
def conversation_delete(*, actor, case: Case, conversation: Conversation) -> None:
    """Remove a conversation recorded by mistake, with its statements. Its drawings' files are taken off the
    case too (kept on disk until the case's data is deleted, like any deleted file)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    for drawing in conversation.drawings.filter(deleted_at__isnull=True).select_related("file"):
        file_delete(actor=actor, case=case, stored=drawing.file)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=conversation)
    conversation.delete()  # its statements and drawing rows go with it


def _clean_statement(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned = {
        "area": _clean_choice(data.get("area"), Area, "area", _("Choose the house."), errors),
        "text": _clean_text(data.get("text"), "text", errors, required=True),
        "written_by": _clean_choice(data.get("written_by"), WrittenBy, "written_by",
                                    _("Say who wrote it: the child or the worker."), errors),
        "visibility": _clean_choice(data.get("visibility"), Visibility, "visibility",
                                    _("Say who the child agreed may see this."), errors),
    }
    _raise(errors)
    return cleaned


@transaction.atomic
def statement_create(*, actor, case: Case, conversation: Conversation, area: str, text: str,
                     written_by: str = WrittenBy.WORKER, visibility: str = Visibility.WORKER) -> Statement:
    """Add what the child said, at the end of its house. Seen only by the worker unless the child agrees."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, conversation)
    fields = _clean_statement({"area": area, "text": text, "written_by": written_by, "visibility": visibility})
    statement = Statement.objects.create(
        conversation=conversation, position=_next_position(conversation.statements, area=fields["area"]),
        **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=statement, changed_fields=list(fields))
    return statement


@transaction.atomic
def statement_update(*, actor, case: Case, statement: Statement, expected_version: int, **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, statement.conversation)
    unknown = set(changes) - set(STATEMENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown statement fields {sorted(unknown)}")
    fields = _clean_statement({**{name: getattr(statement, name) for name in STATEMENT_FIELDS}, **changes})
    if statement.version != expected_version:
        raise ConflictError(current=Statement.objects.get(pk=statement.pk))
    if fields["area"] != statement.area:
        statement.position = _next_position(statement.conversation.statements, area=fields["area"])
        fields_to_save = ["position"]
    else:
        fields_to_save = []
    changed = apply_changes(statement, fields, STATEMENT_FIELDS)
    if changed:
        save_versioned(statement, expected_version=expected_version, fields=[*changed, *fields_to_save])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=statement, changed_fields=changed)
    return changed


@transaction.atomic
def statement_delete(*, actor, case: Case, statement: Statement) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, statement.conversation)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=statement)
    statement.delete()


# --- the Safety House -----------------------------------------------------------------------------------

def _clean_house(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    score = data.get("safety_score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10):
        errors["safety_score"] = _("Choose a number from 0 to 10.")
    cleaned = {
        "drawn_on": _clean_date(data.get("drawn_on"), "drawn_on", case, errors),
        "safety_score": score,
        "score_visibility": _clean_choice(data.get("score_visibility"), Visibility, "score_visibility",
                                          _("Say who the child agreed may see this."), errors),
        "note": _clean_text(data.get("note", ""), "note", errors, required=False),
    }
    _raise(errors)
    return cleaned


@transaction.atomic
def safety_house_create(*, actor, case: Case, child: Any, drawn_on: date | None = None,
                        safety_score: int | None = None, score_visibility: str = Visibility.WORKER,
                        note: str = "") -> SafetyHouse:
    require_case_perm(actor, case, Perm.CHANGE)
    errors: dict[str, str] = {}
    try:
        child_person = child_of_case(case, child)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    try:
        fields = _clean_house(case, {"drawn_on": drawn_on or timezone.localdate(), "safety_score": safety_score,
                                     "score_visibility": score_visibility, "note": note})
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    _raise(errors)
    house = SafetyHouse.objects.create(case=case, child=child_person, recorded_by=actor, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=house, changed_fields=["child", *HOUSE_FIELDS])
    return house


@transaction.atomic
def safety_house_update(*, actor, case: Case, house: SafetyHouse, expected_version: int,
                        **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    unknown = set(changes) - set(HOUSE_FIELDS)
    if unknown:
        raise ValueError(f"unknown Safety House fields {sorted(unknown)}")
    fields = _clean_house(case, {**{name: getattr(house, name) for name in HOUSE_FIELDS}, **changes})
    changed = update_versioned(house, fields, HOUSE_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=house, changed_fields=changed)
    return changed


@transaction.atomic
def safety_house_delete(*, actor, case: Case, house: SafetyHouse) -> None:
    """Remove a Safety House recorded by mistake, with its entries; its drawings' files are taken off the
    case (kept on disk until the case's data is deleted, like any deleted file)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    for drawing in house.drawings.filter(deleted_at__isnull=True).select_related("file"):
        file_delete(actor=actor, case=case, stored=drawing.file)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=house)
    house.delete()


def _clean_item(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    area = _clean_choice(data.get("area"), HouseArea, "area",
                         _("Choose where in the Safety House this goes."), errors)
    person = data.get("person")
    if person not in (None, ""):
        if area not in PEOPLE_AREAS:
            errors["person"] = _("Only people inside, visiting or outside the house are chosen from the case.")
            person = None
        else:
            try:
                person = chosen_person(case, person, field="person")
            except ValidationError:
                errors["person"] = _("Choose a person on this case.")
                person = None
    else:
        person = None
    raw = data.get("text")
    text = clean_text(raw if isinstance(raw, str) else "")
    if not text and person is not None:
        text = person.full_name  # "Granny" is what the child says; the name is the default
    if not text and "person" not in errors:  # a person refused: the text would have been their name
        errors["text"] = _("Write down what the child said.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Keep this to %(limit)d characters.") % {"limit": MAX_TEXT}
    cleaned = {
        "area": area, "text": text, "person": person,
        "written_by": _clean_choice(data.get("written_by"), WrittenBy, "written_by",
                                    _("Say who wrote it: the child or the worker."), errors),
        "visibility": _clean_choice(data.get("visibility"), Visibility, "visibility",
                                    _("Say who the child agreed may see this."), errors),
    }
    _raise(errors)
    return cleaned


@transaction.atomic
def house_item_create(*, actor, case: Case, house: SafetyHouse, area: str, text: str = "", person: Any = None,
                      written_by: str = WrittenBy.WORKER, visibility: str = Visibility.WORKER) -> HouseItem:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, house)
    fields = _clean_item(case, {"area": area, "text": text, "person": person, "written_by": written_by,
                                "visibility": visibility})
    item = HouseItem.objects.create(house=house, position=_next_position(house.items, area=fields["area"]),
                                    **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=item, changed_fields=list(fields))
    return item


@transaction.atomic
def house_item_update(*, actor, case: Case, item: HouseItem, expected_version: int, **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, item.house)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"unknown Safety House entry fields {sorted(unknown)}")
    current = {name: getattr(item, name) for name in ITEM_FIELDS}
    current["person"] = item.person_id
    fields = _clean_item(case, {**current, **changes})
    changed = update_versioned(item, fields, ITEM_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=item, changed_fields=changed)
    return changed


@transaction.atomic
def house_item_delete(*, actor, case: Case, item: HouseItem) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, item.house)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=item)
    item.delete()


# --- drawings -------------------------------------------------------------------------------------------

@transaction.atomic
def drawing_add(*, actor, case: Case, upload: IO[bytes], conversation: Conversation | None = None,
                house: SafetyHouse | None = None, caption: str = "",
                visibility: str = Visibility.WORKER) -> Drawing:
    """Keep a drawing or a photo of the child's paper. The file is checked by its content and pictures are
    re-encoded without their metadata (a phone photo carries where it was taken) by `uploads`."""
    require_case_perm(actor, case, Perm.CHANGE)
    if (conversation is None) == (house is None):
        raise ValueError("a drawing belongs to a conversation or a Safety House")
    _check(case, conversation or house)  # type: ignore[arg-type]
    errors: dict[str, str] = {}
    caption = _clean_text(caption, "caption", errors, required=False, limit=MAX_SHORT)
    _clean_choice(visibility, Visibility, "visibility", _("Say who the child agreed may see this."), errors)
    _raise(errors)
    stored = file_store(actor=actor, case=case, upload=upload, purpose=Purpose.DRAWING)
    drawing = Drawing.objects.create(conversation=conversation, house=house, file=stored, caption=caption,
                                     visibility=visibility, added_by=actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=drawing, changed_fields=["file", *DRAWING_FIELDS])
    return drawing


@transaction.atomic
def drawing_update(*, actor, case: Case, drawing: Drawing, **changes: Any) -> list[str]:
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, drawing.conversation or drawing.house)  # type: ignore[arg-type]
    errors: dict[str, str] = {}
    fields = {}
    if "caption" in changes:
        fields["caption"] = _clean_text(changes["caption"], "caption", errors, required=False, limit=MAX_SHORT)
    if "visibility" in changes:
        fields["visibility"] = _clean_choice(changes["visibility"], Visibility, "visibility",
                                             _("Say who the child agreed may see this."), errors)
    _raise(errors)
    changed = apply_changes(drawing, fields, DRAWING_FIELDS)
    if changed:
        drawing.save(update_fields=changed)
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=drawing, changed_fields=changed)
    return changed


@transaction.atomic
def drawing_delete(*, actor, case: Case, drawing: Drawing) -> None:
    """Take a drawing off the record (the page asks first). Nobody can open it afterwards."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check(case, drawing.conversation or drawing.house)  # type: ignore[arg-type]
    if drawing.deleted_at is not None:
        return
    drawing.deleted_at = timezone.now()
    drawing.save(update_fields=["deleted_at"])
    file_delete(actor=actor, case=case, stored=drawing.file)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=drawing)
