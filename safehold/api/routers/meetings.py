"""The meetings tool through the API: the same access policy, services and audit trail as the pages."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_meetings import MeetingCreate, MeetingList, MeetingOut, MeetingPatch, meeting_out
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.meetings import services
from safehold.meetings.models import Agreement, Meeting
from safehold.meetings.selectors import case_meeting

router = Router(tags=["meetings"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("MeetingConflict", MeetingOut)}
MEETINGS = "/{case_id}/meetings"


@router.get(MEETINGS, response={200: MeetingList, **ERRORS}, url_name="list_meetings")
def list_meetings(request: ApiRequest, case_id: int) -> Status:
    """The case's meetings, newest first, each with who took part, the expectations and the agreements."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    meetings = list(Meeting.objects.filter(case=case).order_by("-held_on", "-id").prefetch_related(
        "participants", "professionals", "expectations",
        Prefetch("agreements", queryset=Agreement.objects.order_by("position", "id"))))
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=case, object_type="meetings.meeting_list")
    return Status(200, {"items": [meeting_out(m) for m in meetings], "count": len(meetings)})


@router.post(MEETINGS, response={201: MeetingOut, **ERRORS}, url_name="create_meeting")
def create_meeting(request: ApiRequest, case_id: int, payload: MeetingCreate) -> Status:
    """Record a meeting with everything it holds, in one go. All or nothing: every refused item is named,
    e.g. `agreements.1.due_on`. A meeting needs at least one participant or professional."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    meeting = services.meeting_record(actor=request.auth, case=case, **payload.services())
    return Status(201, meeting_out(case_meeting(case, meeting.pk)))


@router.get(MEETINGS + "/{meeting_id}", response={200: MeetingOut, **ERRORS}, url_name="get_meeting")
def get_meeting(request: ApiRequest, case_id: int, meeting_id: int) -> Status:
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    meeting = case_meeting(case, meeting_id)
    audit_view(actor=request.auth, case=case, obj=meeting)
    return Status(200, meeting_out(meeting))


@router.patch(MEETINGS + "/{meeting_id}", response={200: MeetingOut, **WRITE_ERRORS}, url_name="patch_meeting")
def patch_meeting(request: ApiRequest, case_id: int, meeting_id: int, payload: MeetingPatch) -> Status:
    """Change a meeting: the fields sent, and each list sent (participants, professionals, expectations,
    agreements) in place of the saved one. Send the `version` you read: a meeting changed since answers 409
    with the current one."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    meeting = case_meeting(case, meeting_id)
    try:
        services.meeting_change(actor=request.auth, case=case, meeting=meeting, expected_version=payload.version,
                                changes=payload.changes())
    except ConflictError as exc:
        current = MeetingOut.model_validate(meeting_out(case_meeting(case, meeting.pk))).model_dump(mode="json")
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=current))
    return Status(200, meeting_out(case_meeting(case, meeting.pk)))


@router.delete(MEETINGS + "/{meeting_id}", response={204: None, **ERRORS}, url_name="delete_meeting")
def delete_meeting(request: ApiRequest, case_id: int, meeting_id: int) -> Status:
    """Delete a meeting with who took part, the expectations and the agreements. A clarification assignment
    agreed in it, or a map drawn in it, is kept and no longer names a meeting."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    services.meeting_delete(actor=request.auth, case=case, meeting=case_meeting(case, meeting_id))
    return Status(204, None)
