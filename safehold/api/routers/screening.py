"""/cases/{case_id}/screenings…: screening a case against the target group of a safety plan, with the same access
policy, services and audit trail as the pages."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_screening import ScreeningCreate, ScreeningList, ScreeningOut, ScreeningPatch
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.screening import services
from safehold.screening.selectors import case_screening, case_screenings_in_full

router = Router(tags=["screening"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("ScreeningConflict", ScreeningOut)}


def _answers(payload: Any) -> dict[str, dict[str, Any]] | None:
    answers = payload.answers
    return None if answers is None else {item: a.model_dump() for item, a in answers.items()}


@router.get("/{case_id}/screenings", response={200: ScreeningList, **ERRORS}, url_name="list_screenings")
def list_screenings(request: ApiRequest, case_id: int):
    """The case's screenings against the target group, latest first, with their answers and results."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    screenings = case_screenings_in_full(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="screening.screening_list")
    return Status(200, {"items": screenings, "count": len(screenings)})


@router.post("/{case_id}/screenings", response={201: ScreeningOut, **ERRORS}, url_name="create_screening")
def create_screening(request: ApiRequest, case_id: int, payload: ScreeningCreate):
    """Screen the case, or one of its children, against the target group. Answers may be missing: the screening
    is then a draft, and `result.missing` lists what is missing."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    screening = services.screening_create(actor=request.auth, case=case, screened_on=payload.screened_on,
                                          child=payload.child, note=payload.note, answers=_answers(payload))
    return Status(201, case_screening(case, screening.pk))


@router.get("/{case_id}/screenings/{screening_id}", response={200: ScreeningOut, **ERRORS}, url_name="get_screening")
def get_screening(request: ApiRequest, case_id: int, screening_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    screening = case_screening(case, screening_id)
    audit_view(actor=request.auth, case=case, obj=screening)
    return Status(200, screening)


@router.patch("/{case_id}/screenings/{screening_id}", response={200: ScreeningOut, **WRITE_ERRORS},
              url_name="patch_screening")
def patch_screening(request: ApiRequest, case_id: int, screening_id: int, payload: ScreeningPatch):
    """Change the date, the child, the note or answers (the items sent; changed answers withdraw the decisions),
    then record the worker's decision and the team lead's, each only if sent. All or nothing."""
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "answers"})
    deciding = {"worker": ("worker_decision" in sent or "worker_reason" in sent),
                "lead": ("lead_decision" in sent or "lead_reason" in sent)}
    # The team lead's decision needs Perm.APPROVE: its service checks it, after the screening is found.
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    screening = case_screening(case, screening_id)
    version = payload.version
    try:
        with transaction.atomic():
            head = {k: v for k, v in sent.items() if k in services.SCREENING_FIELDS}
            if head or payload.answers is not None:
                services.screening_update(actor=request.auth, case=case, screening=screening, expected_version=version,
                                          answers=_answers(payload), **head)
                screening = case_screening(case, screening.pk)
                version = screening.version
            if deciding["worker"]:
                services.screening_decide(actor=request.auth, case=case, screening=screening, expected_version=version,
                                          decision=sent.get("worker_decision") or screening.worker_decision,
                                          reason=sent.get("worker_reason", screening.worker_reason))
                version = screening.version
            if deciding["lead"]:
                services.screening_lead_decide(actor=request.auth, case=case, screening=screening,
                                               expected_version=version,
                                               decision=sent.get("lead_decision") or screening.lead_decision,
                                               reason=sent.get("lead_reason", screening.lead_reason))
    except ConflictError as exc:
        current = ScreeningOut.from_orm(case_screening(case, screening.pk)).model_dump(mode="json")
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=current))
    return Status(200, case_screening(case, screening.pk))
