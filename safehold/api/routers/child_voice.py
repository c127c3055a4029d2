"""The child's voice: a child's Three Houses and Fairies & Wizards conversations, and the child's Safety Houses.
Same access policy, services and audit trail as the web interface. The child is named in the URL and must be
a child of the case. Drawings are uploaded through the web pages (multipart); the API lists them, each with
the address of its file in this API (`files.py`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.routers.files import api_file_url
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_child_voice import (
    AudienceName,
    ConversationCreate,
    ConversationList,
    ConversationOut,
    ConversationPatch,
    HouseItemOut,
    SafetyHouseCreate,
    SafetyHouseList,
    SafetyHouseOut,
    SafetyHousePatch,
    StatementOut,
    ToolName,
    conversation_out,
    house_item_out,
    safety_house_out,
    statement_out,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.cases.models import Case
from safehold.child_voice import documents, services
from safehold.child_voice.models import AUDIENCES, Conversation, Drawing, HouseItem, SafetyHouse, Statement
from safehold.child_voice.selectors import (
    case_child,
    case_conversation,
    case_safety_house,
    child_conversation,
    child_conversations,
    child_safety_house,
    child_safety_houses,
)
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError

router = Router(tags=["child's voice"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
CONVERSATION_WRITE_ERRORS = {**ERRORS, 409: conflict("ConversationConflict", ConversationOut, StatementOut, gone=True)}
HOUSE_WRITE_ERRORS = {**ERRORS, 409: conflict("SafetyHouseConflict", SafetyHouseOut, HouseItemOut, gone=True)}
PDF = {200: {"description": "The printout as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}

CONVERSATIONS = "/{case_id}/children/{person_id}/three-houses"
HOUSES = "/{case_id}/children/{person_id}/safety-house"


# --- answers ---------------------------------------------------------------------------------------------

def _drawings(drawings: list[Drawing]) -> list[dict[str, Any]]:
    return [{"id": drawing.pk, "caption": drawing.caption, "visibility": drawing.visibility,
             "url": api_file_url(drawing.file), "created_at": drawing.created_at} for drawing in drawings]


def _pdf_links(name: str, **kwargs: int) -> dict[str, str]:
    """The printout for each audience, from this API."""
    url = reverse(f"api-v1:{name}", kwargs=kwargs)
    return {audience: f"{url}?{urlencode({'audience': audience})}" for audience in AUDIENCES}


def _conversation_out(case: Case, conversation: Conversation) -> dict[str, Any]:
    return conversation_out(conversation, _drawings(list(conversation.drawings.all())),
                            _pdf_links("conversation_pdf", case_id=case.pk, person_id=conversation.child_id,
                                       conversation_id=conversation.pk))


def _house_out(case: Case, house: SafetyHouse) -> dict[str, Any]:
    return safety_house_out(house, _drawings(list(house.drawings.all())),
                            _pdf_links("safety_house_pdf", case_id=case.pk, person_id=house.child_id,
                                       house_id=house.pk))


def _conflict(exc: ConflictError, current: dict[str, Any]) -> Status:
    return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                  current=current))


# --- conversations -----------------------------------------------------------------------------------------

@router.get(CONVERSATIONS, response={200: ConversationList, **ERRORS}, url_name="list_conversations")
def list_conversations(request: ApiRequest, case_id: int, person_id: int, tool: ToolName | None = None) -> Status:
    """The child's Three Houses and Fairies & Wizards conversations, newest first, each with the child's
    statements and drawings; `tool` keeps one of the two. Drawings are uploaded through the web pages (a file
    upload); the API lists them, each with a link to the file."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    child = case_child(case, person_id)
    conversations = [c for c in child_conversations(case, child) if tool is None or c.tool == tool]
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=child,
                 object_type="child_voice.conversation_list")
    return Status(200, {"items": [_conversation_out(case, c) for c in conversations], "count": len(conversations)})


@router.post(CONVERSATIONS, response={201: ConversationOut, **ERRORS}, url_name="create_conversation")
def create_conversation(request: ApiRequest, case_id: int, person_id: int, payload: ConversationCreate) -> Status:
    """Record a conversation with the child and what the child said, in one go. All or nothing: if a statement
    is refused, nothing is saved and the errors name it, e.g. `statements.2.text`. Statements are seen only
    by the worker unless `visibility` says the child agreed to more."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    child = case_child(case, person_id)
    created = services.conversation_create(
        actor=request.auth, case=case, child=child.pk, held_on=payload.held_on, tool=payload.tool,
        setting=payload.setting, trusted_person=payload.trusted_person, note=payload.note,
        statements=[statement.changes() for statement in payload.statements])
    return Status(201, _conversation_out(case, case_conversation(case, created.pk)))


@router.get(CONVERSATIONS + "/{conversation_id}", response={200: ConversationOut, **ERRORS},
            url_name="get_conversation")
def get_conversation(request: ApiRequest, case_id: int, person_id: int, conversation_id: int) -> Status:
    """One conversation with the child's statements and drawings. Drawings are uploaded through the web pages
    (a file upload); the API lists them, each with a link to the file."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    conversation = child_conversation(case, case_child(case, person_id), conversation_id)
    audit_view(actor=request.auth, case=case, obj=conversation)
    return Status(200, _conversation_out(case, conversation))


@router.patch(CONVERSATIONS + "/{conversation_id}", response={200: ConversationOut, **CONVERSATION_WRITE_ERRORS},
              url_name="patch_conversation")
def patch_conversation(request: ApiRequest, case_id: int, person_id: int, conversation_id: int,
                       payload: ConversationPatch) -> Status:
    """Change a conversation in one go: its own fields, statements added, changed (with their `id` and
    `version`) and removed. All or nothing: if any item is refused, nothing is saved and the errors name the
    item, e.g. `statements.2.visibility`."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    conversation = child_conversation(case, case_child(case, person_id), conversation_id)
    try:
        services.conversation_patch(
            actor=request.auth, case=case, conversation=conversation, expected_version=payload.version,
            changes=payload.changes(), statements=[statement.edit() for statement in payload.statements],
            removed_statements=payload.removed_statements)
    except ConflictError as exc:
        return _conflict(exc, _current_conversation(case, conversation.pk, exc))
    return Status(200, _conversation_out(case, case_conversation(case, conversation.pk)))


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
    `audience` chooses what is printed: worker (everything but the worker's note, each thing the child kept
    from the parents marked, and "not for the parents" on every page), parents or network (only what the
    child agreed they may see; a part left empty only because of that says the child keeps it private).
    Without it, the network's: a forgotten parameter never prints what the child kept for the worker."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    conversation = child_conversation(case, case_child(case, person_id), conversation_id)
    document = documents.booklet(case, conversation, audience)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=conversation,
                 object_type=f"child_voice.pdf.{audience}")
    return download_response(document)


# --- Safety Houses -----------------------------------------------------------------------------------------

@router.get(HOUSES, response={200: SafetyHouseList, **ERRORS}, url_name="list_safety_houses")
def list_safety_houses(request: ApiRequest, case_id: int, person_id: int) -> Status:
    """The child's Safety Houses, newest first, each with what the child put in it and the drawings. Drawings
    are uploaded through the web pages (a file upload); the API lists them, each with a link to the file."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    child = case_child(case, person_id)
    houses = child_safety_houses(case, child)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=child,
                 object_type="child_voice.safety_house_list")
    return Status(200, {"items": [_house_out(case, house) for house in houses], "count": len(houses)})


@router.post(HOUSES, response={201: SafetyHouseOut, **ERRORS}, url_name="create_safety_house")
def create_safety_house(request: ApiRequest, case_id: int, person_id: int, payload: SafetyHouseCreate) -> Status:
    """Record the child's Safety House with its entries and the child's safety scale, in one go. All or
    nothing: if an entry is refused, nothing is saved and the errors name it, e.g. `items.0.person`."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    child = case_child(case, person_id)
    created = services.safety_house_create(
        actor=request.auth, case=case, child=child.pk, drawn_on=payload.drawn_on, safety_score=payload.safety_score,
        score_visibility=payload.score_visibility, note=payload.note,
        items=[item.changes() for item in payload.items])
    return Status(201, _house_out(case, case_safety_house(case, created.pk)))


@router.get(HOUSES + "/{house_id}", response={200: SafetyHouseOut, **ERRORS}, url_name="get_safety_house")
def get_safety_house(request: ApiRequest, case_id: int, person_id: int, house_id: int) -> Status:
    """One Safety House with its entries and drawings. Drawings are uploaded through the web pages (a file
    upload); the API lists them, each with a link to the file."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    house = child_safety_house(case, case_child(case, person_id), house_id)
    audit_view(actor=request.auth, case=case, obj=house)
    return Status(200, _house_out(case, house))


@router.patch(HOUSES + "/{house_id}", response={200: SafetyHouseOut, **HOUSE_WRITE_ERRORS},
              url_name="patch_safety_house")
def patch_safety_house(request: ApiRequest, case_id: int, person_id: int, house_id: int,
                       payload: SafetyHousePatch) -> Status:
    """Change a Safety House in one go: its own fields, entries added, changed (with their `id` and `version`)
    and removed. All or nothing: if any item is refused, nothing is saved and the errors name the item, e.g.
    `items.1.person`."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    house = child_safety_house(case, case_child(case, person_id), house_id)
    try:
        services.safety_house_patch(
            actor=request.auth, case=case, house=house, expected_version=payload.version,
            changes=payload.changes(), items=[item.edit() for item in payload.items],
            removed_items=payload.removed_items)
    except ConflictError as exc:
        return _conflict(exc, _current_house(case, house.pk, exc))
    return Status(200, _house_out(case, case_safety_house(case, house.pk)))


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
    `audience` chooses what is printed: worker (everything but the worker's note, each thing the child kept
    from the parents marked, and "not for the parents" on every page), parents or network (only what the
    child agreed they may see; a part left empty only because of that says the child keeps it private).
    Without it, the network's: a forgotten parameter never prints what the child kept for the worker."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    house = child_safety_house(case, case_child(case, person_id), house_id)
    document = documents.booklet(case, house, audience)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=house,
                 object_type=f"child_voice.pdf.{audience}")
    return download_response(document)
