"""The assessment and planning map of a case, its scaling history and its PDF. Same access policy, services and
audit trail as the web interface."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_maps import (
    EntryOut,
    MapCreate,
    MapList,
    MapOut,
    MapPatch,
    ScaleOut,
    ScalingOut,
    map_out,
    map_summary,
    scaling_out,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError, Versioned
from safehold.mapping import services
from safehold.mapping.changes import map_change
from safehold.mapping.documents import map_document
from safehold.mapping.history import scaling_history
from safehold.mapping.models import Entry, Map, Scale
from safehold.mapping.selectors import case_map, case_maps_with_participants, map_content

router = Router(tags=["maps"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("MapConflict", MapOut, EntryOut, ScaleOut, gone=True)}
PDF = {200: {"description": "The map as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}


def _full_map(map_: Map) -> dict[str, Any]:
    return map_out(map_content(map_))


def _conflict_current(current: Versioned) -> dict[str, Any]:
    """What a 409 shows: the entry, the score or the whole map as committed."""
    if isinstance(current, Entry):
        return EntryOut.from_orm(current).model_dump(mode="json")
    if isinstance(current, Scale):
        return ScaleOut.from_orm(current).model_dump(mode="json")
    if isinstance(current, Map):
        return MapOut.model_validate(_full_map(current)).model_dump(mode="json")
    return {}


@router.get("/{case_id}/maps", response={200: MapList, **ERRORS}, url_name="list_maps")
def list_maps(request: ApiRequest, case_id: int):
    """The case's maps, oldest first."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    maps = case_maps_with_participants(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="mapping.map_list")
    items = [
        map_summary(m, list(m.meeting.participants.all()) if m.meeting else [], m.entry_count)  # type: ignore[attr-defined]
        for m in maps
    ]
    return Status(200, {"items": items, "count": len(items)})


@router.post("/{case_id}/maps", response={201: MapOut, **ERRORS}, url_name="create_map")
def create_map(request: ApiRequest, case_id: int, payload: MapCreate):
    """Start a map; unless `copy_latest` is false it starts as a copy of the latest one."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    created = services.map_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, _full_map(case_map(case, created.pk)))


@router.get("/{case_id}/maps/{map_id}", response={200: MapOut, **ERRORS}, url_name="get_map")
def get_map(request: ApiRequest, case_id: int, map_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    map_ = case_map(case, map_id)
    audit_view(actor=request.auth, case=case, obj=map_)
    return Status(200, _full_map(map_))


@router.patch("/{case_id}/maps/{map_id}", response={200: MapOut, **WRITE_ERRORS}, url_name="patch_map")
def patch_map(request: ApiRequest, case_id: int, map_id: int, payload: MapPatch):
    """Change the map in one go: its header, entries (with views on them) and scales. All or nothing: if any
    item is refused, nothing is saved and the errors name the item, e.g. `entries.2.text`."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    map_ = case_map(case, map_id)
    try:
        map_change(actor=request.auth, case=case, map_=map_, version=payload.version, header=payload.header(),
                   entries=[item.as_change() for item in payload.entries], removed_entries=payload.removed_entries,
                   scales=[item.as_change() for item in payload.scales], removed_scales=payload.removed_scales)
    except ConflictError as exc:
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=_conflict_current(exc.current)))
    return Status(200, _full_map(case_map(case, map_.pk)))


@router.get("/{case_id}/maps/{map_id}/pdf", response=ERRORS, url_name="map_pdf",
            openapi_extra={"responses": PDF})
def map_pdf(request: ApiRequest, case_id: int, map_id: int) -> HttpResponse:
    """The map as a printable PDF (A4 landscape), in the case's language."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    map_ = case_map(case, map_id)
    document = map_document(case, map_)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=map_)
    return download_response(document)


@router.get("/{case_id}/scaling", response={200: ScalingOut, **ERRORS}, url_name="case_scaling")
def case_scaling(request: ApiRequest, case_id: int):
    """Every score on every map of the case: one series per scale, voice and (for willingness, capacity and
    confidence) person scored, with one point per map that has the score."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    history = scaling_history(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="mapping.scaling_history")
    return Status(200, scaling_out(history))
