"""The child's voice: a child's Three Houses and Fairies & Wizards conversations, and the child's Safety Houses.
Same access policy, services and audit trail as the web interface. The child is named in the URL and must be
a child of the case. Drawings are uploaded through the web pages (multipart); the API lists them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import ItemErrors, error_body
from safehold.api.schemas import Conflict, Error
from safehold.api.schemas_child_voice import (
    AudienceName,
    ConversationCreate,
    ConversationList,
    ConversationOut,
    ConversationPatch,
    HouseItemIn,
    HouseItemOut,
    SafetyHouseCreate,
    SafetyHouseList,
    SafetyHouseOut,
    SafetyHousePatch,
    StatementIn,
    StatementOut,
    ToolName,
    conversation_out,
    house_item_out,
    safety_house_out,
    statement_out,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import case_person
from safehold.child_voice import documents, services
from safehold.child_voice.models import AUDIENCES, Conversation, Drawing, HouseItem, SafetyHouse, Statement
from safehold.child_voice.selectors import (
    case_conversation,
    case_safety_house,
    child_conversations,
    child_safety_houses,
)
from safehold.core.downloads import pdf_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError

router = Router(tags=["child's voice"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: Conflict}
PDF = {200: {"description": "The printout as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}

CONVERSATIONS = "/{case_id}/children/{person_id}/three-houses"
HOUSES = "/{case_id}/children/{person_id}/safety-house"
# What may be sent as null: "no score", "names nobody of the case".
HOUSE_NULLABLE = ("safety_score",)
ITEM_NULLABLE = ("person",)


# --- loading ---------------------------------------------------------------------------------------------

def _child(case: Case, person_id: int) -> Person:
    """The child named in the URL: a person of the case with the role child; 404 for anyone else."""
    person = case_person(case=case, person_id=person_id)
    if person.role != PersonRole.CHILD:
        raise Http404
    return person


def _conversation(case: Case, child: Person, conversation_id: int) -> Conversation:
    conversation = case_conversation(case, conversation_id)
    if conversation.child_id != child.pk:
        raise Http404
    return conversation


def _house(case: Case, child: Person, house_id: int) -> SafetyHouse:
    house = case_safety_house(case, house_id)
    if house.child_id != child.pk:
        raise Http404
    return house


# --- answers ---------------------------------------------------------------------------------------------

def _drawings(case: Case, drawings: list[Drawing]) -> list[dict[str, Any]]:
    return [{"id": drawing.pk, "caption": drawing.caption, "visibility": drawing.visibility,
             "url": reverse("uploads:file", kwargs={"case_id": case.pk, "file_id": drawing.file_id}),
             "created_at": drawing.created_at} for drawing in drawings]


def _pdf_links(name: str, **kwargs: int) -> dict[str, str]:
    """The printout for each audience, on the web pages."""
    return {audience: reverse(name, kwargs={**kwargs, "audience": audience}) for audience in AUDIENCES}


def _conversation_out(case: Case, conversation: Conversation) -> dict[str, Any]:
    return conversation_out(conversation, _drawings(case, list(conversation.drawings.all())),
                            _pdf_links("child_voice:conversation_pdf", case_id=case.pk,
                                       conversation_id=conversation.pk))


def _house_out(case: Case, house: SafetyHouse) -> dict[str, Any]:
    return safety_house_out(house, _drawings(case, list(house.drawings.all())),
                            _pdf_links("child_voice:safety_house_pdf", case_id=case.pk, house_id=house.pk))


def _conflict(exc: ConflictError, current: dict[str, Any]) -> Status:
    return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                  current=current))


def _empty_fields(fields: dict[str, Any], nullable: tuple[str, ...] = ()) -> dict[str, list[str]]:
    return {name: [_("This field cannot be empty.")] for name, value in fields.items()
            if value is None and name not in nullable}


# --- conversations -----------------------------------------------------------------------------------------

@router.get(CONVERSATIONS, response={200: ConversationList, **ERRORS}, url_name="list_conversations")
def list_conversations(request: ApiRequest, case_id: int, person_id: int, tool: ToolName | None = None):
    """The child's Three Houses and Fairies & Wizards conversations, newest first, each with the child's
    statements and drawings; `tool` keeps one of the two. Drawings are uploaded through the web pages (a file
    upload); the API lists them, each with a link to the file."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    child = _child(case, person_id)
    conversations = [c for c in child_conversations(case, child) if tool is None or c.tool == tool]
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=child,
                 object_type="child_voice.conversation_list")
    return Status(200, {"items": [_conversation_out(case, c) for c in conversations], "count": len(conversations)})


@router.post(CONVERSATIONS, response={201: ConversationOut, **ERRORS}, url_name="create_conversation")
def create_conversation(request: ApiRequest, case_id: int, person_id: int, payload: ConversationCreate):
    """Record a conversation with the child and what the child said, in one go. All or nothing: if a statement
    is refused, nothing is saved and the errors name it, e.g. `statements.2.text`. Statements are seen only
    by the worker unless `visibility` says the child agreed to more."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    child = _child(case, person_id)
    with transaction.atomic():
        errors = ItemErrors()
        created: Conversation | None = None
        with errors.under(""):
            created = services.conversation_create(actor=request.auth, case=case, child=child,
                                                   **payload.model_dump(exclude={"statements"}))
        if created is not None:
            for index, statement in enumerate(payload.statements):
                with errors.under(f"statements.{index}"):
                    services.statement_create(actor=request.auth, case=case, conversation=created,
                                              **statement.model_dump())
        errors.raise_any()
    assert created is not None
    return Status(201, _conversation_out(case, case_conversation(case, created.pk)))


@router.get(CONVERSATIONS + "/{conversation_id}", response={200: ConversationOut, **ERRORS},
            url_name="get_conversation")
def get_conversation(request: ApiRequest, case_id: int, person_id: int, conversation_id: int):
    """One conversation with the child's statements and drawings. Drawings are uploaded through the web pages
    (a file upload); the API lists them, each with a link to the file."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    conversation = _conversation(case, _child(case, person_id), conversation_id)
    audit_view(actor=request.auth, case=case, obj=conversation)
    return Status(200, _conversation_out(case, conversation))


@router.patch(CONVERSATIONS + "/{conversation_id}", response={200: ConversationOut, **WRITE_ERRORS},
              url_name="patch_conversation")
def patch_conversation(request: ApiRequest, case_id: int, person_id: int, conversation_id: int,
                       payload: ConversationPatch):
    """Change a conversation in one go: its own fields, statements added, changed (with their `id` and
    `version`) and removed. All or nothing: if any item is refused, nothing is saved and the errors name the
    item, e.g. `statements.2.visibility`."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    conversation = _conversation(case, _child(case, person_id), conversation_id)
    try:
        with transaction.atomic():
            _apply_conversation_patch(request.auth, case, conversation, payload)
    except ConflictError as exc:
        return _conflict(exc, _current_conversation(case, conversation.pk, exc))
    return Status(200, _conversation_out(case, case_conversation(case, conversation.pk)))


def _apply_conversation_patch(actor, case: Case, conversation: Conversation, payload: ConversationPatch) -> None:
    """Every change of a PATCH, in order: the conversation's fields, removed statements, statements. Raises the
    errors of all items."""
    errors = ItemErrors()
    fields = payload.model_dump(include=set(services.CONVERSATION_FIELDS), exclude_unset=True)
    if fields:
        for name, messages in _empty_fields(fields).items():
            errors.add(name, messages[0])
        if not errors.found:
            with errors.under(""):
                services.conversation_update(actor=actor, case=case, conversation=conversation,
                                             expected_version=payload.version, **fields)

    statements = {statement.pk: statement for statement in conversation.statements.all()}
    for statement in statements.values():
        statement.conversation = conversation
    for index, statement_id in enumerate(payload.removed_statements):
        removed = statements.get(statement_id)
        if removed is None:
            errors.add(f"removed_statements.{index}", _("There is no such statement in this conversation."))
            continue
        with errors.under(f"removed_statements.{index}"):
            services.statement_delete(actor=actor, case=case, statement=removed)
            del statements[statement_id]  # gone: a later item of this PATCH cannot change it

    for index, item in enumerate(payload.statements):
        with errors.under(f"statements.{index}"):
            _upsert_statement(actor, case, conversation, statements, item)
    errors.raise_any()


def _upsert_statement(actor, case: Case, conversation: Conversation, statements: dict[int, Statement],
                      item: StatementIn) -> None:
    """Add or change one statement. Raises its errors with names relative to the statement."""
    fields = item.model_dump(exclude_unset=True, exclude={"id", "version"})
    problems = _empty_fields(fields)
    statement: Statement | None = None
    if item.id is not None:
        statement = statements.get(item.id)
        if statement is None:
            problems["id"] = [_("There is no such statement in this conversation.")]
        if item.version is None:
            problems["version"] = [_("Send the version of the statement you read.")]
    if problems:
        raise ValidationError(problems)

    if statement is None:
        # Left out: the service names what a new statement needs.
        services.statement_create(actor=actor, case=case, conversation=conversation,
                                  **{"area": None, "text": "", **fields})
    else:
        assert item.version is not None
        services.statement_update(actor=actor, case=case, statement=statement, expected_version=item.version,
                                  **fields)


def _current_conversation(case: Case, conversation_id: int, exc: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed, read again after the rollback of the whole PATCH."""
    try:
        fresh = case_conversation(case, conversation_id)
    except Http404:  # deleted meanwhile
        return {}
    if isinstance(exc.current, Statement):
        found = [s for s in fresh.statements.all() if s.pk == exc.current.pk]
        return StatementOut.model_validate(statement_out(fresh, found[0])).model_dump(mode="json") if found else {}
    return ConversationOut.model_validate(_conversation_out(case, fresh)).model_dump(mode="json")


@router.get(CONVERSATIONS + "/{conversation_id}/pdf", response=ERRORS, url_name="conversation_pdf",
            openapi_extra={"responses": PDF})
def conversation_pdf(request: ApiRequest, case_id: int, person_id: int, conversation_id: int,
                     audience: AudienceName = "network") -> HttpResponse:
    """The conversation as a PDF in the case's language.
    `audience` chooses what is printed: worker (everything, with the worker's note), parents or network (only
    what the child agreed they may see). Without it, the network's: a forgotten parameter never prints what the
    child kept for the worker."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    conversation = _conversation(case, _child(case, person_id), conversation_id)
    content, filename = documents.conversation_document(case, conversation, audience)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=conversation,
                 object_type=f"child_voice.pdf.{audience}")
    return pdf_response(content, filename)


# --- Safety Houses -----------------------------------------------------------------------------------------

@router.get(HOUSES, response={200: SafetyHouseList, **ERRORS}, url_name="list_safety_houses")
def list_safety_houses(request: ApiRequest, case_id: int, person_id: int):
    """The child's Safety Houses, newest first, each with what the child put in it and the drawings. Drawings
    are uploaded through the web pages (a file upload); the API lists them, each with a link to the file."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    child = _child(case, person_id)
    houses = child_safety_houses(case, child)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=child,
                 object_type="child_voice.safety_house_list")
    return Status(200, {"items": [_house_out(case, house) for house in houses], "count": len(houses)})


@router.post(HOUSES, response={201: SafetyHouseOut, **ERRORS}, url_name="create_safety_house")
def create_safety_house(request: ApiRequest, case_id: int, person_id: int, payload: SafetyHouseCreate):
    """Record the child's Safety House with its entries and the child's safety scale, in one go. All or
    nothing: if an entry is refused, nothing is saved and the errors name it, e.g. `items.0.person`."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    child = _child(case, person_id)
    with transaction.atomic():
        errors = ItemErrors()
        created: SafetyHouse | None = None
        with errors.under(""):
            created = services.safety_house_create(actor=request.auth, case=case, child=child,
                                                   **payload.model_dump(exclude={"items"}))
        if created is not None:
            for index, item in enumerate(payload.items):
                with errors.under(f"items.{index}"):
                    services.house_item_create(actor=request.auth, case=case, house=created, **item.model_dump())
        errors.raise_any()
    assert created is not None
    return Status(201, _house_out(case, case_safety_house(case, created.pk)))


@router.get(HOUSES + "/{house_id}", response={200: SafetyHouseOut, **ERRORS}, url_name="get_safety_house")
def get_safety_house(request: ApiRequest, case_id: int, person_id: int, house_id: int):
    """One Safety House with its entries and drawings. Drawings are uploaded through the web pages (a file
    upload); the API lists them, each with a link to the file."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    house = _house(case, _child(case, person_id), house_id)
    audit_view(actor=request.auth, case=case, obj=house)
    return Status(200, _house_out(case, house))


@router.patch(HOUSES + "/{house_id}", response={200: SafetyHouseOut, **WRITE_ERRORS},
              url_name="patch_safety_house")
def patch_safety_house(request: ApiRequest, case_id: int, person_id: int, house_id: int,
                       payload: SafetyHousePatch):
    """Change a Safety House in one go: its own fields, entries added, changed (with their `id` and `version`)
    and removed. All or nothing: if any item is refused, nothing is saved and the errors name the item, e.g.
    `items.1.person`."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    house = _house(case, _child(case, person_id), house_id)
    try:
        with transaction.atomic():
            _apply_house_patch(request.auth, case, house, payload)
    except ConflictError as exc:
        return _conflict(exc, _current_house(case, house.pk, exc))
    return Status(200, _house_out(case, case_safety_house(case, house.pk)))


def _apply_house_patch(actor, case: Case, house: SafetyHouse, payload: SafetyHousePatch) -> None:
    errors = ItemErrors()
    fields = payload.model_dump(include=set(services.HOUSE_FIELDS), exclude_unset=True)
    if fields:
        for name, messages in _empty_fields(fields, HOUSE_NULLABLE).items():
            errors.add(name, messages[0])
        if not errors.found:
            with errors.under(""):
                services.safety_house_update(actor=actor, case=case, house=house, expected_version=payload.version,
                                             **fields)

    items = {item.pk: item for item in house.items.all()}
    for item in items.values():
        item.house = house
    for index, item_id in enumerate(payload.removed_items):
        removed = items.get(item_id)
        if removed is None:
            errors.add(f"removed_items.{index}", _("There is no such entry in this Safety House."))
            continue
        with errors.under(f"removed_items.{index}"):
            services.house_item_delete(actor=actor, case=case, item=removed)
            del items[item_id]  # gone: a later item of this PATCH cannot change it

    for index, sent in enumerate(payload.items):
        with errors.under(f"items.{index}"):
            _upsert_item(actor, case, house, items, sent)
    errors.raise_any()


def _upsert_item(actor, case: Case, house: SafetyHouse, items: dict[int, HouseItem], sent: HouseItemIn) -> None:
    """Add or change one entry. Raises its errors with names relative to the entry."""
    fields = sent.model_dump(exclude_unset=True, exclude={"id", "version"})
    problems = _empty_fields(fields, ITEM_NULLABLE)
    item: HouseItem | None = None
    if sent.id is not None:
        item = items.get(sent.id)
        if item is None:
            problems["id"] = [_("There is no such entry in this Safety House.")]
        if sent.version is None:
            problems["version"] = [_("Send the version of the entry you read.")]
    if problems:
        raise ValidationError(problems)

    if item is None:
        # Left out: the service names what a new entry needs.
        services.house_item_create(actor=actor, case=case, house=house, **{"area": None, **fields})
    else:
        assert sent.version is not None
        services.house_item_update(actor=actor, case=case, item=item, expected_version=sent.version, **fields)


def _current_house(case: Case, house_id: int, exc: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed, read again after the rollback of the whole PATCH."""
    try:
        fresh = case_safety_house(case, house_id)
    except Http404:  # deleted meanwhile
        return {}
    if isinstance(exc.current, HouseItem):
        found = [i for i in fresh.items.all() if i.pk == exc.current.pk]
        return HouseItemOut.model_validate(house_item_out(found[0])).model_dump(mode="json") if found else {}
    return SafetyHouseOut.model_validate(_house_out(case, fresh)).model_dump(mode="json")


@router.get(HOUSES + "/{house_id}/pdf", response=ERRORS, url_name="safety_house_pdf",
            openapi_extra={"responses": PDF})
def safety_house_pdf(request: ApiRequest, case_id: int, person_id: int, house_id: int,
                     audience: AudienceName = "network") -> HttpResponse:
    """The Safety House as a PDF in the case's language.
    `audience` chooses what is printed: worker (everything, with the worker's note), parents or network (only
    what the child agreed they may see). Without it, the network's: a forgotten parameter never prints what the
    child kept for the worker."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    house = _house(case, _child(case, person_id), house_id)
    content, filename = documents.safety_house_document(case, house, audience)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=house,
                 object_type=f"child_voice.pdf.{audience}")
    return pdf_response(content, filename)
