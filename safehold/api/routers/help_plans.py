"""The Hilfeplan of a care-plan or review meeting through the API: read and write it, record and withdraw
sign-offs, download it as a PDF; the same access policy, services and audit trail as its pages."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_help_plans import HelpPlanIn, HelpPlanOut, HelpPlanSignOffIn, HelpPlanSignOffOut
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.meetings.models import Meeting
from safehold.meetings.selectors import case_meeting
from safehold.perspective import help_plans
from safehold.perspective.models import HelpPlan

router = Router(tags=["perspective"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("HelpPlanConflict", HelpPlanOut)}
PDF = {200: {"description": "The care plan as a PDF file, in the case's language.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}
PATH = "/{case_id}/meetings/{meeting_id}/help-plan"


def _plan(meeting: Meeting) -> HelpPlan:
    plan = help_plans.meeting_help_plan(meeting)
    if plan is None:
        raise Http404
    return plan


def _conflict(exc: ConflictError, meeting: Meeting) -> Status:
    current = HelpPlanOut.from_orm(_plan(meeting)).model_dump(mode="json")
    return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                  current=current))


@router.get(PATH, response={200: HelpPlanOut, **ERRORS}, url_name="get_help_plan")
def get_help_plan(request: ApiRequest, case_id: int, meeting_id: int):
    """The Hilfeplan of a care-plan meeting, or its update from a review meeting, with its sign-offs; 404 while
    none is written."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    plan = _plan(case_meeting(case, meeting_id))
    audit_view(actor=request.auth, case=case, obj=plan)
    return Status(200, plan)


@router.put(PATH, response={200: HelpPlanOut, **WRITE_ERRORS}, url_name="put_help_plan")
def put_help_plan(request: ApiRequest, case_id: int, meeting_id: int, payload: HelpPlanIn):
    """Write the meeting's Hilfeplan or replace it. Refused: a meeting that is neither a care-plan nor a review
    meeting (on `meeting`), a child not of the case, a placement of another child, a legal basis not offered
    for the case. A change of the content withdraws the sign-offs given to the earlier text."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    meeting = case_meeting(case, meeting_id)
    try:
        help_plans.help_plan_save(actor=request.auth, case=case, meeting=meeting, expected_version=payload.version,
                                  **payload.model_dump(exclude={"version"}))
    except ConflictError as exc:
        return _conflict(exc, meeting)
    return Status(200, _plan(meeting))


@router.post(f"{PATH}/sign-offs", response={201: HelpPlanSignOffOut, **WRITE_ERRORS},
             url_name="create_help_plan_sign_off")
def create_help_plan_sign_off(request: ApiRequest, case_id: int, meeting_id: int, payload: HelpPlanSignOffIn):
    """Record that someone who took part in the meeting agreed to the plan, in person or by phone. Once per
    person; not dated before the meeting."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    meeting = case_meeting(case, meeting_id)
    plan = _plan(meeting)
    try:
        row = help_plans.help_plan_sign_off(actor=request.auth, case=case, plan=plan, **payload.model_dump())
    except ConflictError as exc:
        return _conflict(exc, meeting)
    return Status(201, row)


@router.delete(PATH + "/sign-offs/{sign_off_id}", response={204: None, **ERRORS},
               url_name="delete_help_plan_sign_off")
def delete_help_plan_sign_off(request: ApiRequest, case_id: int, meeting_id: int, sign_off_id: int):
    """Withdraw a sign-off."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    plan = _plan(case_meeting(case, meeting_id))
    help_plans.help_plan_sign_off_withdraw(actor=request.auth, case=case,
                                           sign_off=help_plans.plan_sign_off(plan, sign_off_id))
    return Status(204, None)


@router.get(f"{PATH}/pdf", response=ERRORS, url_name="help_plan_pdf", openapi_extra={"responses": PDF})
def help_plan_pdf(request: ApiRequest, case_id: int, meeting_id: int) -> HttpResponse:
    """The Hilfeplan as the youth office files it, as a PDF in the case's language."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    meeting = case_meeting(case, meeting_id)
    plan = _plan(meeting)
    document = help_plans.help_plan_document(case, meeting, plan)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=plan,
                 object_type="perspective.pdf.help_plan")
    return download_response(document)
