"""Cases and the people on them. Same access policy, services and audit trail as the web interface."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from ninja import Query, Router, Status

from safehold.api.schemas import (
    CaseConflict,
    CaseCreate,
    CaseDetailOut,
    CaseList,
    CaseOut,
    CasePatch,
    CaseTransitionIn,
    ChildOutcomeIn,
    ChildOutcomeOut,
    DbInt,
    Error,
    PageQuery,
    PersonCreate,
    PersonList,
    PersonOut,
    PersonPatch,
    ReopenIn,
)
from safehold.audit.services import Action, audit_list, audit_record, audit_view
from safehold.cases import services
from safehold.cases.access import Perm, access_case
from safehold.cases.models import CaseStatus
from safehold.cases.selectors import case_list, case_people, case_person, child_left_plan
from safehold.core.http import ApiRequest

router = Router(tags=["cases"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: CaseConflict}


class CaseFilters(PageQuery):
    q: str = ""
    status: CaseStatus | None = None
    worker: DbInt | None = None
    team: DbInt | None = None


# The services name model fields; the client sent the ids.
_API_FIELD_NAMES = {"legal_basis": "legal_basis_id", "team": "team_id"}


@contextmanager
def _errors_under_api_field_names() -> Iterator[None]:
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {_API_FIELD_NAMES.get(name, name): errors for name, errors in exc.error_dict.items()}
        ) from exc


@router.get("", response={200: CaseList, **ERRORS})
def list_cases(request: ApiRequest, filters: Query[CaseFilters]):
    """The cases you may see. `q` matches reference, family name and anyone's name, ignoring accents."""
    cases = case_list(user=request.auth, query=filters.q, status=filters.status or "",
                      worker_id=filters.worker, team_id=filters.team)
    items = list(cases[filters.offset:filters.offset + filters.limit])
    audit_list(actor=request.auth, cases=items)
    return Status(200, {"items": items, "count": cases.count()})


@router.post("", response={201: CaseOut, **ERRORS})
def create_case(request: ApiRequest, payload: CaseCreate):
    user = request.auth
    data = payload.model_dump()
    data["legal_basis"], data["team"] = data.pop("legal_basis_id"), data.pop("team_id")
    with _errors_under_api_field_names():
        case = services.case_create(actor=user, **data)
    return Status(201, case)


@router.get("/{case_id}", response={200: CaseDetailOut, **ERRORS})
def get_case(request: ApiRequest, case_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    audit_view(actor=request.auth, case=case)
    return Status(200, case)


@router.patch("/{case_id}", response={200: CaseDetailOut, **ERRORS})
def patch_case(request: ApiRequest, case_id: int, payload: CasePatch):
    user = request.auth
    case, _may = access_case(user, case_id, Perm.CHANGE)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    for api_name, name in (("legal_basis_id", "legal_basis"), ("team_id", "team")):
        if api_name in changes:
            changes[name] = changes.pop(api_name)
    with _errors_under_api_field_names():
        services.case_update(actor=user, case=case, expected_version=version, **changes)
    return Status(200, case)


@router.post("/{case_id}/transition", response={200: CaseDetailOut, **ERRORS})
def transition_case(request: ApiRequest, case_id: int, payload: CaseTransitionIn):
    """Move the case along referral → assessment → safety_planning → monitoring → closed.
    Closing needs an outcome for every child still in the plan: their own in `outcomes`, else the case's
    `outcome`, which every child without one of their own takes (a case without children needs `outcome`).
    Refused with the children's names under `outcomes`. A closed case is reopened with /reopen."""
    user = request.auth
    case, _may = access_case(user, case_id, Perm.CHANGE)
    services.case_transition(
        actor=user, case=case, to_status=payload.status, outcome=payload.outcome or "", note=payload.note,
        expected_version=payload.version,
        outcomes=[{"child": item.child, "outcome": item.outcome, "on": item.on, "note": item.note}
                  for item in payload.outcomes])
    return Status(200, case)


@router.post("/{case_id}/reopen", response={200: CaseDetailOut, **ERRORS})
def reopen_case(request: ApiRequest, case_id: int, payload: ReopenIn):
    user = request.auth
    case, _may = access_case(user, case_id, Perm.VIEW)  # the service asks for what reopening needs
    services.case_reopen(actor=user, case=case, to_status=payload.status, reason=payload.reason)
    return Status(200, case)


@router.post("/{case_id}/people/{person_id}/outcome", response={201: ChildOutcomeOut, **ERRORS})
def record_child_outcome(request: ApiRequest, case_id: int, person_id: int, payload: ChildOutcomeIn):
    """A child leaves the plan while the case stays open (placed, moved away): their outcome, which the
    case's closing keeps instead of asking again."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    child = case_person(case=case, person_id=person_id)
    with _errors_under_api_field_names():
        row = services.child_outcome_record(actor=request.auth, case=case, child=child.pk, outcome=payload.outcome,
                                            on=payload.on, note=payload.note)
    return Status(201, row)


@router.delete("/{case_id}/people/{person_id}/outcome", response={204: None, **ERRORS})
def withdraw_child_outcome(request: ApiRequest, case_id: int, person_id: int):
    """The child is back in the plan: the outcome recorded when they left goes (404 if there is none)."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    row = child_left_plan(case=case, child=case_person(case=case, person_id=person_id))
    services.child_outcome_withdraw(actor=request.auth, case=case, outcome=row)
    return Status(204, None)


@router.get("/{case_id}/people", response={200: PersonList, **ERRORS})
def list_people(request: ApiRequest, case_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    people = case_people(case=case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="cases.person_list")
    return Status(200, {"items": people, "count": len(people)})


@router.post("/{case_id}/people", response={201: PersonOut, **ERRORS})
def create_person(request: ApiRequest, case_id: int, payload: PersonCreate):
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    person = services.person_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, person)


@router.get("/{case_id}/people/{person_id}", response={200: PersonOut, **ERRORS})
def get_person(request: ApiRequest, case_id: int, person_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    person = case_person(case=case, person_id=person_id)
    audit_view(actor=request.auth, case=case, obj=person)
    return Status(200, person)


@router.patch("/{case_id}/people/{person_id}", response={200: PersonOut, **ERRORS})
def patch_person(request: ApiRequest, case_id: int, person_id: int, payload: PersonPatch):
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    person = case_person(case=case, person_id=person_id)
    changes = payload.model_dump(exclude_unset=True)
    version, correction = changes.pop("version"), changes.pop("correction", False)
    services.person_update(actor=request.auth, case=case, person=person, expected_version=version,
                           correction=correction, **changes)
    return Status(200, person)


@router.delete("/{case_id}/people/{person_id}", response={204: None, **ERRORS})
def delete_person(request: ApiRequest, case_id: int, person_id: int):
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    person = case_person(case=case, person_id=person_id)
    services.person_delete(actor=request.auth, case=case, person=person)
    return Status(204, None)
