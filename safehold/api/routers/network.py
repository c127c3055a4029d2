"""The network of a case: the register of relationships between its people, the safety circles, the network
coordinator, and the genogram and ecomap drawn from them. Same access policy, services and audit trail as the
web interface."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_network import (
    CirclePlacementOut,
    CoordinatorIn,
    NetworkOut,
    PlacementIn,
    RelationshipCreate,
    RelationshipList,
    RelationshipOut,
    RelationshipPatch,
    network_out,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.network import services
from safehold.network.documents import picture_document
from safehold.network.selectors import case_network, case_relationship, case_relationships

router = Router(tags=["network"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("RelationshipConflict", RelationshipOut)}


def _svg_described(picture: str) -> dict[str, Any]:
    return {"responses": {200: {"description": f"The {picture} as an SVG file, drawn in the case's language.",
                                "content": {"image/svg+xml": {"schema": {"type": "string"}}}}}}


# --- the register of relationships ----------------------------------------------------------------------

@router.get("/{case_id}/relationships", response={200: RelationshipList, **ERRORS}, url_name="list_relationships")
def list_relationships(request: ApiRequest, case_id: int, person: int | None = None):
    """Every relationship recorded between the people of the case, in the order they were recorded; with
    `person`, only those of that person (either side)."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    relationships = case_relationships(case, person_id=person)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="network.relationship_list")
    return Status(200, {"items": relationships, "count": len(relationships)})


@router.post("/{case_id}/relationships", response={201: RelationshipOut, **ERRORS},
             url_name="create_relationship")
def create_relationship(request: ApiRequest, case_id: int, payload: RelationshipCreate):
    """Record how two people of the case are related. Refused: a person with themself, a person of another
    case, the same relationship twice, a parent or grandparent not older than the child, someone their own
    ancestor, and a contact restriction without its legal basis."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    return Status(201, services.relationship_create(actor=request.auth, case=case, **payload.model_dump()))


@router.get("/{case_id}/relationships/{relationship_id}", response={200: RelationshipOut, **ERRORS},
            url_name="get_relationship")
def get_relationship(request: ApiRequest, case_id: int, relationship_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    relationship = case_relationship(case, relationship_id)
    audit_view(actor=request.auth, case=case, obj=relationship)
    return Status(200, relationship)


@router.patch("/{case_id}/relationships/{relationship_id}", response={200: RelationshipOut, **WRITE_ERRORS},
              url_name="patch_relationship")
def patch_relationship(request: ApiRequest, case_id: int, relationship_id: int, payload: RelationshipPatch):
    """Change the kind, quality, legal basis or note of a relationship; who it joins stays (delete it and
    record another)."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    relationship = case_relationship(case, relationship_id)
    try:
        services.relationship_update(actor=request.auth, case=case, relationship=relationship,
                                     expected_version=payload.version,
                                     **payload.model_dump(exclude_unset=True, exclude={"version"}))
    except ConflictError as exc:
        current = RelationshipOut.from_orm(case_relationship(case, relationship.pk)).model_dump(mode="json")
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=current))
    return Status(200, relationship)


@router.delete("/{case_id}/relationships/{relationship_id}", response={204: None, **ERRORS},
               url_name="delete_relationship")
def delete_relationship(request: ApiRequest, case_id: int, relationship_id: int):
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    relationship = case_relationship(case, relationship_id)
    services.relationship_delete(actor=request.auth, case=case, relationship=relationship)
    return Status(204, None)


# --- the safety circles and the coordinator -------------------------------------------------------------

@router.get("/{case_id}/network", response={200: NetworkOut, **ERRORS}, url_name="get_network")
def get_network(request: ApiRequest, case_id: int):
    """The people of the case with the safety circle each stands in, whether they are in the safety network,
    who coordinates it, the rules of the active safety plan each holds, and the network's size over time."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    network = case_network(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="network.network")
    return Status(200, network_out(network))


@router.put("/{case_id}/network/coordinator", response={200: NetworkOut, **ERRORS},
            url_name="set_network_coordinator")
def set_network_coordinator(request: ApiRequest, case_id: int, payload: CoordinatorIn):
    """Name the network coordinator, a person on the case who is not a child, or nobody (null)."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    services.coordinator_set(actor=request.auth, case=case, person=payload.person)
    return Status(200, network_out(case_network(case)))


@router.post("/{case_id}/network/circles", response={201: CirclePlacementOut, **ERRORS}, url_name="place_in_circle")
def place_in_circle(request: ApiRequest, case_id: int, payload: PlacementIn):
    """Put a person in a safety circle from a day on (today if left out or null), or take them out ("none").
    Their earlier places stay: they are the network's history."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    return Status(201, services.circle_place(actor=request.auth, case=case, **payload.model_dump()))


# --- the pictures ------------------------------------------------------------------------------------------

@router.get("/{case_id}/genogram.svg", response=ERRORS, url_name="genogram_svg",
            openapi_extra=_svg_described("genogram"))
def genogram(request: ApiRequest, case_id: int) -> HttpResponse:
    """The family over the generations, drawn from the register of relationships, as SVG: the same file as the
    network page's download."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    document = picture_document(case, "genogram")
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, object_type="network.genogram")
    return download_response(document)


@router.get("/{case_id}/ecomap.svg", response=ERRORS, url_name="ecomap_svg",
            openapi_extra=_svg_described("ecomap"))
def ecomap(request: ApiRequest, case_id: int) -> HttpResponse:
    """The child among the people and services around the family, with how each tie is, as SVG: the same file
    as the network page's download."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    document = picture_document(case, "ecomap")
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, object_type="network.ecomap")
    return download_response(document)
