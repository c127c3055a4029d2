"""The network of a case: the register of relationships between its people, the safety circles, the network
coordinator, and the genogram and ecomap drawn from them. Same access policy, services and audit trail as the
web interface."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Conflict, Error
from safehold.api.schemas_network import (
    CoordinatorIn,
    NetworkOut,
    PlacementIn,
    PlacementOut,
    RelationshipCreate,
    RelationshipList,
    RelationshipOut,
    RelationshipPatch,
    network_out,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.cases.selectors import chosen_person
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.network import services
from safehold.network.models import Relationship
from safehold.network.selectors import case_network, case_relationship

router = Router(tags=["network"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: Conflict}


def _svg_described(picture: str) -> dict[str, Any]:
    return {"responses": {200: {"description": f"The {picture} as an SVG picture.",
                                "content": {"image/svg+xml": {"schema": {"type": "string"}}}}}}


def _svg_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the picture runs nothing and loads nothing; its styles are inline.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "no-store"
    return response


def _svg_filename(picture: str, case: Case) -> str:
    """No family name: downloads end up in shared folders."""
    safe_reference = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in case.reference)
    return f"{picture}-{safe_reference}.svg"


# --- the register of relationships ----------------------------------------------------------------------

@router.get("/{case_id}/relationships", response={200: RelationshipList, **ERRORS}, url_name="list_relationships")
def list_relationships(request: ApiRequest, case_id: int, person: int | None = None):
    """Every relationship recorded between the people of the case, in the order they were recorded; with
    `person`, only those of that person (either side)."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    rows = Relationship.objects.filter(case=case).select_related("person_a", "person_b")
    if person is not None:
        who = chosen_person(case, person, field="person")
        rows = rows.filter(Q(person_a=who) | Q(person_b=who))
    relationships = list(rows)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="network.relationship_list")
    return Status(200, {"items": relationships, "count": len(relationships)})


@router.post("/{case_id}/relationships", response={201: RelationshipOut, **ERRORS},
             url_name="create_relationship")
def create_relationship(request: ApiRequest, case_id: int, payload: RelationshipCreate):
    """Record how two people of the case are related. Refused: a person with themself, a person of another
    case, the same relationship twice, a parent or grandparent not older than the child, someone their own
    ancestor, and a contact restriction without its legal basis."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    created = services.relationship_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, case_relationship(case, created.pk))


@router.get("/{case_id}/relationships/{relationship_id}", response={200: RelationshipOut, **ERRORS},
            url_name="get_relationship")
def get_relationship(request: ApiRequest, case_id: int, relationship_id: int):
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    relationship = case_relationship(case, relationship_id)
    audit_view(actor=request.auth, case=case, obj=relationship)
    return Status(200, relationship)


@router.patch("/{case_id}/relationships/{relationship_id}", response={200: RelationshipOut, **WRITE_ERRORS},
              url_name="patch_relationship")
def patch_relationship(request: ApiRequest, case_id: int, relationship_id: int, payload: RelationshipPatch):
    """Change the kind, quality, legal basis or note of a relationship; who it joins stays (delete it and
    record another)."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    relationship = case_relationship(case, relationship_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    for name, value in changes.items():
        if value is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    try:
        services.relationship_update(actor=request.auth, case=case, relationship=relationship,
                                     expected_version=payload.version, **changes)
    except ConflictError as exc:
        current = RelationshipOut.from_orm(case_relationship(case, relationship.pk)).model_dump(mode="json")
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=current))
    return Status(200, case_relationship(case, relationship.pk))


@router.delete("/{case_id}/relationships/{relationship_id}", response={204: None, **ERRORS},
               url_name="delete_relationship")
def delete_relationship(request: ApiRequest, case_id: int, relationship_id: int):
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    relationship = case_relationship(case, relationship_id)
    services.relationship_delete(actor=request.auth, case=case, relationship=relationship)
    return Status(204, None)


# --- the safety circles and the coordinator -------------------------------------------------------------

@router.get("/{case_id}/network", response={200: NetworkOut, **ERRORS}, url_name="get_network")
def get_network(request: ApiRequest, case_id: int):
    """The people of the case with the safety circle each stands in, whether they are in the safety network,
    who coordinates it, the rules of the active safety plan each holds, and the network's size over time."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    network = case_network(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="network.network")
    return Status(200, network_out(network))


@router.put("/{case_id}/network/coordinator", response={200: NetworkOut, **ERRORS},
            url_name="set_network_coordinator")
def set_network_coordinator(request: ApiRequest, case_id: int, payload: CoordinatorIn):
    """Name the network coordinator, a person on the case who is not a child, or nobody (null)."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    try:
        services.coordinator_set(actor=request.auth, case=case, person=payload.person)
    except ValidationError as exc:
        # The service names the coordinator; this body calls it `person`.
        if hasattr(exc, "error_dict") and "coordinator" in exc.error_dict:
            exc.error_dict["person"] = exc.error_dict.pop("coordinator")
        raise
    return Status(200, network_out(case_network(case)))


@router.post("/{case_id}/network/circles", response={201: PlacementOut, **ERRORS}, url_name="place_in_circle")
def place_in_circle(request: ApiRequest, case_id: int, payload: PlacementIn):
    """Put a person in a safety circle from a day on (today if left out), or take them out ("none"). Their
    earlier places stay: they are the network's history."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    placement = services.circle_place(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, placement)


# --- the pictures ------------------------------------------------------------------------------------------

@router.get("/{case_id}/genogram.svg", response=ERRORS, url_name="genogram_svg",
            openapi_extra=_svg_described("genogram"))
def genogram(request: ApiRequest, case_id: int) -> HttpResponse:
    """The family over the generations, drawn from the register of relationships, as SVG."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    from safehold.network.genogram import genogram_svg  # loaded only when a picture is asked for

    content = genogram_svg(case_network(case))
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, object_type="network.genogram")
    return _svg_response(content, _svg_filename("genogram", case))


@router.get("/{case_id}/ecomap.svg", response=ERRORS, url_name="ecomap_svg",
            openapi_extra=_svg_described("ecomap"))
def ecomap(request: ApiRequest, case_id: int) -> HttpResponse:
    """The child among the people and services around the family, with how each tie is, as SVG."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    from safehold.network.ecomap import ecomap_svg  # loaded only when a picture is asked for

    content = ecomap_svg(case_network(case))
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, object_type="network.ecomap")
    return _svg_response(content, _svg_filename("ecomap", case))
