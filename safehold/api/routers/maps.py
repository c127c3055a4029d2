"""The assessment and planning map of a case, its scaling history and its PDF. Same access policy, services and
audit trail as the web interface."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import ItemErrors, error_body
from safehold.api.schemas import Conflict, Error
from safehold.api.schemas_maps import (
    EntryIn,
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
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.core.downloads import pdf_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.documents import map_pdf as render_map_pdf
from safehold.mapping.documents import map_pdf_filename
from safehold.mapping.history import scaling_history
from safehold.mapping.models import Entry, Map, Scale
from safehold.mapping.selectors import case_map, case_maps, map_content, map_entry, map_scale

router = Router(tags=["maps"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: Conflict}
PDF = {200: {"description": "The map as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}

HEADER_FIELDS = ("drawn_on", "title", "meeting_kind", "participants")
# What an entry may be sent without; everything else, once sent, must have a value.
ENTRY_NULLABLE = ("id", "version", "answers", "due_on")


def _full_map(map_: Map) -> dict[str, Any]:
    return map_out(map_content(map_))


def _current(case: Case, map_: Map, exc: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed. Read again after the rollback, because an earlier item of the
    same PATCH may have changed it in the transaction that was just undone."""
    try:
        if isinstance(exc.current, Entry):
            return EntryOut.from_orm(map_entry(map_, exc.current.pk)).model_dump(mode="json")
        if isinstance(exc.current, Scale):
            return ScaleOut.from_orm(map_scale(map_, exc.current.pk)).model_dump(mode="json")
        return MapOut.model_validate(_full_map(case_map(case, map_.pk))).model_dump(mode="json")
    except Http404:  # deleted meanwhile
        return {}


@router.get("/{case_id}/maps", response={200: MapList, **ERRORS}, url_name="list_maps")
def list_maps(request: ApiRequest, case_id: int):
    """The case's maps, oldest first."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    maps = case_maps(case)
    prefetch_related_objects(maps, "meeting__participants")
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="mapping.map_list")
    items = [
        map_summary(m, list(m.meeting.participants.all()) if m.meeting else [], m.entry_count)  # type: ignore[attr-defined]
        for m in maps
    ]
    return Status(200, {"items": items, "count": len(items)})


@router.post("/{case_id}/maps", response={201: MapOut, **ERRORS}, url_name="create_map")
def create_map(request: ApiRequest, case_id: int, payload: MapCreate):
    """Start a map; unless `copy_latest` is false it starts as a copy of the latest one."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    created = services.map_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, _full_map(case_map(case, created.pk)))


@router.get("/{case_id}/maps/{map_id}", response={200: MapOut, **ERRORS}, url_name="get_map")
def get_map(request: ApiRequest, case_id: int, map_id: int):
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    map_ = case_map(case, map_id)
    audit_view(actor=request.auth, case=case, obj=map_)
    return Status(200, _full_map(map_))


@router.patch("/{case_id}/maps/{map_id}", response={200: MapOut, **WRITE_ERRORS}, url_name="patch_map")
def patch_map(request: ApiRequest, case_id: int, map_id: int, payload: MapPatch):
    """Change the map in one go: its header, entries (with views on them) and scales. All or nothing: if any
    item is refused, nothing is saved and the errors name the item, e.g. `entries.2.text`."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    map_ = case_map(case, map_id)
    try:
        with transaction.atomic():
            _apply_patch(request.auth, case, map_, payload)
    except ConflictError as exc:
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=_current(case, map_, exc)))
    return Status(200, _full_map(case_map(case, map_.pk)))


def _apply_patch(actor, case: Case, map_: Map, payload: MapPatch) -> None:
    """Every change of a PATCH, in order: header, removals, entries, scales. Raises the errors of all items."""
    errors = ItemErrors()
    header = payload.model_dump(include=set(HEADER_FIELDS), exclude_unset=True)
    if header:
        for name, value in header.items():
            if value is None:
                errors.add(name, _("This field cannot be empty."))
        if payload.version is None:
            errors.add("version", _("Send the version of the map you read to change its date, title or meeting."))
        elif not errors.found:
            meeting = map_.meeting
            current = {
                "drawn_on": map_.drawn_on, "title": map_.title, "meeting_kind": meeting.kind if meeting else "",
                "participants": [p.voice_key for p in meeting.participants.all()] if meeting else [],
            }
            with errors.under(""):
                services.map_update(actor=actor, case=case, map_=map_, expected_version=payload.version,
                                    **{**current, **header})

    for index, entry_id in enumerate(payload.removed_entries):
        try:
            entry = map_entry(map_, entry_id)
        except Http404:
            if not _was_deleted(map_, entry_id):
                errors.add(f"removed_entries.{index}", _("There is no such entry on this map."))
            continue  # deleting twice is no error: a client may send the same request again
        with errors.under(f"removed_entries.{index}"):
            services.entry_delete(actor=actor, case=case, entry=entry)

    for index, item in enumerate(payload.entries):
        with errors.under(f"entries.{index}"):
            _upsert_entry(actor, case, map_, item)

    for index, scale_id in enumerate(payload.removed_scales):
        try:
            scale = map_scale(map_, scale_id)
        except Http404:
            errors.add(f"removed_scales.{index}", _("There is no such scale on this map."))
            continue
        with errors.under(f"removed_scales.{index}"):
            services.scale_delete(actor=actor, case=case, scale=scale)

    for index, scale_in in enumerate(payload.scales):
        with errors.under(f"scales.{index}"):
            services.scale_set(actor=actor, case=case, map_=map_, voice=scale_in.voice, score=scale_in.score,
                               kind=scale_in.kind, reason=scale_in.reason, about=scale_in.about,
                               expected_version=scale_in.version)
    errors.raise_any()


def _was_deleted(map_: Map, entry_id: int) -> bool:
    try:
        map_entry(map_, entry_id, deleted=True)
    except Http404:
        return False
    return True


def _upsert_entry(actor, case: Case, map_: Map, item: EntryIn) -> None:
    """Add or change one entry and set the views on it. Raises its errors with names relative to the entry."""
    fields = item.model_dump(exclude_unset=True, exclude={"id", "version", "stances"})
    problems: dict[str, list[str]] = {}
    for name, value in fields.items():
        if value is None and name not in ENTRY_NULLABLE:
            problems[name] = [_("This field cannot be empty.")]
    if fields.get("answers") is not None:
        try:
            fields["answers"] = map_entry(map_, fields["answers"])
        except Http404:
            problems["answers"] = [_("Choose a danger statement of this map.")]
    entry: Entry | None = None
    if item.id is not None:
        try:
            entry = map_entry(map_, item.id)
        except Http404:
            problems["id"] = [_("There is no such entry on this map.")]
        if item.version is None:
            problems["version"] = [_("Send the version of the entry you read.")]
    if problems:
        raise ValidationError(problems)

    if entry is None:
        entry = services.entry_create(actor=actor, case=case, map_=map_, voice=fields.pop("voice", ""),
                                      part=fields.pop("part", ""), **fields)
    else:
        assert item.version is not None
        services.entry_update(actor=actor, case=case, entry=entry, expected_version=item.version, **fields)

    stance_errors = ItemErrors()
    for index, stance in enumerate(item.stances):
        with stance_errors.under(f"stances.{index}"):
            services.stance_set(actor=actor, case=case, entry=entry, voice=stance.voice, agrees=stance.agrees,
                                words=stance.words)
    stance_errors.raise_any()


@router.get("/{case_id}/maps/{map_id}/pdf", response=ERRORS, url_name="map_pdf",
            openapi_extra={"responses": PDF})
def map_pdf(request: ApiRequest, case_id: int, map_id: int) -> HttpResponse:
    """The map as a printable PDF (A4 landscape), in the case's language."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    map_ = case_map(case, map_id)
    content = render_map_pdf(case, map_)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=map_)
    return pdf_response(content, map_pdf_filename(case, map_))


@router.get("/{case_id}/scaling", response={200: ScalingOut, **ERRORS}, url_name="case_scaling")
def case_scaling(request: ApiRequest, case_id: int):
    """Every score on every map of the case: one series per scale, voice and (for willingness, capacity and
    confidence) person scored, with one point per map that has the score."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    history = scaling_history(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="mapping.scaling_history")
    return Status(200, scaling_out(history))
