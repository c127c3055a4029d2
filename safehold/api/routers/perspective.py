"""The perspective tool through the API: a child's placements, the contacts during a placement with their
timeline as SVG, the clarification assignments and the recommendation, with the same access policy, services and
audit trail as the pages."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_perspective import (
    AssignmentCreate,
    AssignmentList,
    AssignmentOut,
    AssignmentPatch,
    CarePlacementOut,
    ContactCreate,
    ContactList,
    ContactPatch,
    PlacementCreate,
    PlacementList,
    PlacementPatch,
    RecommendationIn,
    RecommendationOut,
    VisitOut,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.perspective import services
from safehold.perspective.selectors import (
    case_assignment,
    case_assignments,
    case_placement,
    case_placements,
    placement_contact,
    placement_contacts,
    placement_recommendation,
)
from safehold.perspective.timeline import timeline_document

router = Router(tags=["perspective"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
PLACEMENT_WRITE_ERRORS = {**ERRORS, 409: conflict("PlacementConflict", CarePlacementOut)}
VISIT_WRITE_ERRORS = {**ERRORS, 409: conflict("VisitConflict", VisitOut)}
ASSIGNMENT_WRITE_ERRORS = {**ERRORS, 409: conflict("AssignmentConflict", AssignmentOut)}
RECOMMENDATION_WRITE_ERRORS = {**ERRORS, 409: conflict("RecommendationConflict", RecommendationOut)}


SVG_RESPONSE: dict[str, Any] = {"responses": {200: {
    "description": "The contacts over the placement as an SVG file, drawn in the case's language.",
    "content": {"image/svg+xml": {"schema": {"type": "string"}}}}}}


def _conflict(exc: ConflictError, current: dict) -> Status:
    return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                  current=current))


@router.get("/{case_id}/placements", response={200: PlacementList, **ERRORS}, url_name="list_placements")
def list_placements(request: ApiRequest, case_id: int):
    """The placements of the case's children, latest start first."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    placements = case_placements(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="perspective.placement_list")
    return Status(200, {"items": placements, "count": len(placements)})


@router.post("/{case_id}/placements", response={201: CarePlacementOut, **ERRORS}, url_name="create_placement")
def create_placement(request: ApiRequest, case_id: int, payload: PlacementCreate):
    """Record a placement of a child of the case. Refused: a child or carer not of this case, a planned end or
    end before the start, a time frame that disagrees with the planned end, a time that overlaps another
    placement of the same child."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    placement = services.placement_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, case_placement(case, placement.pk))


@router.get("/{case_id}/placements/{placement_id}", response={200: CarePlacementOut, **ERRORS},
            url_name="get_placement")
def get_placement(request: ApiRequest, case_id: int, placement_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    placement = case_placement(case, placement_id)
    audit_view(actor=request.auth, case=case, obj=placement)
    return Status(200, placement)


@router.patch("/{case_id}/placements/{placement_id}", response={200: CarePlacementOut, **PLACEMENT_WRITE_ERRORS},
              url_name="patch_placement")
def patch_placement(request: ApiRequest, case_id: int, placement_id: int, payload: PlacementPatch):
    """Change a placement; a field left out stays as it is. A new start or time frame without a planned end
    moves the planned end with the time frame."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    placement = case_placement(case, placement_id)
    try:
        services.placement_update(actor=request.auth, case=case, placement=placement,
                                  expected_version=payload.version,
                                  **payload.model_dump(exclude_unset=True, exclude={"version"}))
    except ConflictError as exc:
        return _conflict(exc, CarePlacementOut.from_orm(case_placement(case, placement.pk)).model_dump(mode="json"))
    return Status(200, case_placement(case, placement.pk))


@router.delete("/{case_id}/placements/{placement_id}", response={204: None, **ERRORS}, url_name="delete_placement")
def delete_placement(request: ApiRequest, case_id: int, placement_id: int):
    """Delete a placement with its contacts and its recommendation. Assignments and other recommendations that
    linked one of its contacts are kept without that link."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    services.placement_delete(actor=request.auth, case=case, placement=case_placement(case, placement_id))
    return Status(204, None)


@router.get("/{case_id}/placements/{placement_id}/timeline.svg", response=ERRORS, url_name="placement_timeline_svg",
            openapi_extra=SVG_RESPONSE)
def placement_timeline_svg(request: ApiRequest, case_id: int, placement_id: int) -> HttpResponse:
    """The planned, held and cancelled contacts over the placement as an SVG file: the same file as the
    placement page's download."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    placement = case_placement(case, placement_id)
    document = timeline_document(case, placement)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=placement,
                 object_type="perspective.timeline.svg")
    return download_response(document)


@router.get("/{case_id}/placements/{placement_id}/contacts", response={200: ContactList, **ERRORS},
            url_name="list_placement_contacts")
def list_placement_contacts(request: ApiRequest, case_id: int, placement_id: int):
    """The planned, held and cancelled contacts during the placement, in date order."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    placement = case_placement(case, placement_id)
    contacts = placement_contacts(placement)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="perspective.contact_list")
    return Status(200, {"items": contacts, "count": len(contacts)})


@router.post("/{case_id}/placements/{placement_id}/contacts", response={201: VisitOut, **ERRORS},
             url_name="create_placement_contact")
def create_placement_contact(request: ApiRequest, case_id: int, placement_id: int, payload: ContactCreate):
    """Plan or record a contact. Refused: a date before the placement started or after it ended, someone not of
    this case, a cancelled contact without who cancelled and why."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    placement = case_placement(case, placement_id)
    contact = services.contact_create(actor=request.auth, case=case, placement=placement, **payload.model_dump())
    return Status(201, placement_contact(placement, contact.pk))


@router.get("/{case_id}/placements/{placement_id}/contacts/{contact_visit_id}", response={200: VisitOut, **ERRORS},
            url_name="get_placement_contact")
def get_placement_contact(request: ApiRequest, case_id: int, placement_id: int, contact_visit_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    contact = placement_contact(case_placement(case, placement_id), contact_visit_id)
    audit_view(actor=request.auth, case=case, obj=contact)
    return Status(200, contact)


@router.patch("/{case_id}/placements/{placement_id}/contacts/{contact_visit_id}",
              response={200: VisitOut, **VISIT_WRITE_ERRORS}, url_name="patch_placement_contact")
def patch_placement_contact(request: ApiRequest, case_id: int, placement_id: int, contact_visit_id: int,
                            payload: ContactPatch):
    """Change a contact (record it as held with the observation, or cancel it); a field left out stays."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    placement = case_placement(case, placement_id)
    contact = placement_contact(placement, contact_visit_id)
    try:
        services.contact_update(actor=request.auth, case=case, contact=contact, expected_version=payload.version,
                                **payload.model_dump(exclude_unset=True, exclude={"version"}))
    except ConflictError as exc:
        return _conflict(exc, VisitOut.from_orm(placement_contact(placement, contact.pk)).model_dump(mode="json"))
    return Status(200, placement_contact(placement, contact.pk))


@router.delete("/{case_id}/placements/{placement_id}/contacts/{contact_visit_id}", response={204: None, **ERRORS},
               url_name="delete_placement_contact")
def delete_placement_contact(request: ApiRequest, case_id: int, placement_id: int, contact_visit_id: int):
    """Delete a contact. Assignments and recommendations that linked it are kept without that link."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    contact = placement_contact(case_placement(case, placement_id), contact_visit_id)
    services.contact_delete(actor=request.auth, case=case, contact=contact)
    return Status(204, None)


@router.get("/{case_id}/clarification-assignments", response={200: AssignmentList, **ERRORS},
            url_name="list_clarification_assignments")
def list_assignments(request: ApiRequest, case_id: int):
    """The case's clarification assignments, earliest due first."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    assignments = case_assignments(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="perspective.assignment_list")
    return Status(200, {"items": assignments, "count": len(assignments)})


@router.post("/{case_id}/clarification-assignments", response={201: AssignmentOut, **ERRORS},
             url_name="create_clarification_assignment")
def create_assignment(request: ApiRequest, case_id: int, payload: AssignmentCreate):
    """Record a clarification assignment. Refused: a meeting or contact not of this case, due before the meeting
    that agreed it, answered without findings."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    assignment = services.assignment_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, case_assignment(case, assignment.pk))


@router.get("/{case_id}/clarification-assignments/{clarification_id}", response={200: AssignmentOut, **ERRORS},
            url_name="get_clarification_assignment")
def get_assignment(request: ApiRequest, case_id: int, clarification_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    assignment = case_assignment(case, clarification_id)
    audit_view(actor=request.auth, case=case, obj=assignment)
    return Status(200, assignment)


@router.patch("/{case_id}/clarification-assignments/{clarification_id}",
              response={200: AssignmentOut, **ASSIGNMENT_WRITE_ERRORS}, url_name="patch_clarification_assignment")
def patch_assignment(request: ApiRequest, case_id: int, clarification_id: int, payload: AssignmentPatch):
    """Change an assignment (start it, answer it with the findings, withdraw it); a field left out stays."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    assignment = case_assignment(case, clarification_id)
    try:
        services.assignment_update(actor=request.auth, case=case, assignment=assignment,
                                   expected_version=payload.version,
                                   **payload.model_dump(exclude_unset=True, exclude={"version"}))
    except ConflictError as exc:
        return _conflict(exc, AssignmentOut.from_orm(case_assignment(case, assignment.pk)).model_dump(mode="json"))
    return Status(200, case_assignment(case, assignment.pk))


@router.delete("/{case_id}/clarification-assignments/{clarification_id}", response={204: None, **ERRORS},
               url_name="delete_clarification_assignment")
def delete_assignment(request: ApiRequest, case_id: int, clarification_id: int):
    """Delete a clarification assignment. A recommendation that linked it is kept without that link."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    services.assignment_delete(actor=request.auth, case=case, assignment=case_assignment(case, clarification_id))
    return Status(204, None)


@router.get("/{case_id}/placements/{placement_id}/recommendation", response={200: RecommendationOut, **ERRORS},
            url_name="get_placement_recommendation")
def get_placement_recommendation(request: ApiRequest, case_id: int, placement_id: int):
    """The placement's recommendation; 404 while there is none."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    recommendation = placement_recommendation(case_placement(case, placement_id))
    if recommendation is None:
        raise Http404
    audit_view(actor=request.auth, case=case, obj=recommendation)
    return Status(200, recommendation)


@router.put("/{case_id}/placements/{placement_id}/recommendation",
            response={200: RecommendationOut, **RECOMMENDATION_WRITE_ERRORS}, url_name="put_placement_recommendation")
def put_placement_recommendation(request: ApiRequest, case_id: int, placement_id: int, payload: RecommendationIn):
    """Write or replace the placement's recommendation. Refused while an assignment of the case is open or in
    progress: the error on `option` lists their questions."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    placement = case_placement(case, placement_id)
    try:
        services.recommendation_save(actor=request.auth, case=case, placement=placement,
                                     expected_version=payload.version,
                                     **payload.model_dump(exclude={"version"}))
    except ConflictError as exc:
        return _conflict(exc, RecommendationOut.from_orm(placement_recommendation(placement))
                         .model_dump(mode="json"))
    return Status(200, placement_recommendation(placement))


@router.delete("/{case_id}/placements/{placement_id}/recommendation", response={204: None, **ERRORS},
               url_name="delete_placement_recommendation")
def delete_placement_recommendation(request: ApiRequest, case_id: int, placement_id: int):
    """Delete the placement's recommendation; 404 while there is none."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    recommendation = placement_recommendation(case_placement(case, placement_id))
    if recommendation is None:
        raise Http404
    services.recommendation_delete(actor=request.auth, case=case, recommendation=recommendation)
    return Status(204, None)
