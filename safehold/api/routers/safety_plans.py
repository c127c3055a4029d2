"""The 24/7 safety plan of a case: its versions, rules, contacts, agreements, transitions, coverage of the week
and check-ins. Same access policy, services and audit trail as the web interface."""

from __future__ import annotations

from typing import Any, Literal, cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_safety_plans import (
    CheckInCreate,
    CheckInList,
    CheckInOut,
    ContactIn,
    CoverageOut,
    PlanAgreementIn,
    PlanList,
    PlanOut,
    PlanPatch,
    PlanTransitionIn,
    RuleIn,
    RuleOut,
    SignOffIn,
    SignOffOut,
    coverage_out,
    plan_out,
    plan_summary,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.cases.models import Case
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.safety_plans import services
from safehold.safety_plans.changes import RuleItem, plan_change
from safehold.safety_plans.coverage import coverage
from safehold.safety_plans.documents import plan_document
from safehold.safety_plans.models import PlanStatus, Rule, SafetyPlan
from safehold.safety_plans.selectors import (
    case_plan,
    case_plans,
    plan_check_in,
    plan_check_ins,
    plan_content,
    plan_rule,
    plan_rules,
    plan_worry_about,
)
from safehold.safety_plans.services import AgreementChanges, ContactChanges, RuleChanges

router = Router(tags=["safety plans"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("SafetyPlanConflict", PlanOut, RuleOut, gone=True)}
PDF = {200: {"description": "The plan as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}

SECTIONS = {"map", "story", "minimum_requirements", "coordinator", "child_explanation", "information_given",
            "if_worries_who_notices", "if_worries_who_is_called", "if_worries_authority", "review_every_days",
            "uncovered_reason", "worry_about", "family_network_picture"}


# --- reads ---------------------------------------------------------------------------------------------

def _full_plan(plan: SafetyPlan) -> dict[str, Any]:
    content = plan_content(plan)
    return plan_out(plan, content.rules, content.contacts, content.agreements, content.sign_offs,
                    coverage(content.rules, content.worry_ids), content.worry_about)


def _current(case: Case, plan: SafetyPlan, exc: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed, read again after the rollback of the whole PATCH."""
    try:
        if isinstance(exc.current, Rule):
            return RuleOut.from_orm(plan_rule(plan, exc.current.pk)).model_dump(mode="json")
        return PlanOut.model_validate(_full_plan(case_plan(case, plan.pk))).model_dump(mode="json")
    except Http404:  # deleted meanwhile
        return {}


# --- versions --------------------------------------------------------------------------------------------

@router.get("/{case_id}/safety-plans", response={200: PlanList, **ERRORS}, url_name="list_safety_plans")
def list_safety_plans(request: ApiRequest, case_id: int) -> Status:
    """Every version of the case's safety plan, oldest first."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    plans = case_plans(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="safety_plans.plan_list")
    return Status(200, {"items": [plan_summary(plan) for plan in plans], "count": len(plans)})


@router.post("/{case_id}/safety-plans", response={201: PlanOut, **ERRORS}, url_name="create_safety_plan")
def create_safety_plan(request: ApiRequest, case_id: int) -> Status:
    """Start the plan, or its next version: a draft copy of the latest version (sections, rules, contacts,
    agreements). A case has one draft or proposed version at a time."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    created = services.plan_create(actor=request.auth, case=case)
    return Status(201, _full_plan(case_plan(case, created.pk)))


@router.get("/{case_id}/safety-plans/{plan_id}", response={200: PlanOut, **ERRORS}, url_name="get_safety_plan")
def get_safety_plan(request: ApiRequest, case_id: int, plan_id: int) -> Status:
    """A version of the plan with its rules, contacts, agreements, sign-offs and the periods nobody covers."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    audit_view(actor=request.auth, case=case, obj=plan)
    return Status(200, _full_plan(plan))


@router.patch("/{case_id}/safety-plans/{plan_id}", response={200: PlanOut, **WRITE_ERRORS},
              url_name="patch_safety_plan")
def patch_safety_plan(request: ApiRequest, case_id: int, plan_id: int, payload: PlanPatch) -> Status:
    """Change a draft in one go: its sections, rules (added, changed, removed), contacts and agreements added.
    All or nothing: if any item is refused, nothing is saved and the errors name the item, e.g. `rules.2.text`.
    A proposed, approved or active version cannot be changed (start a new version), except for its `story`:
    a body with only `version` and `story` links the Words & Pictures story without a new version."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    given = payload.model_dump(exclude_unset=True)
    try:
        if plan.status != PlanStatus.DRAFT and set(given) == {"version", "story"}:
            services.plan_story_link(actor=request.auth, case=case, plan=plan, story=payload.story,
                                     expected_version=payload.version)
            return Status(200, _full_plan(case_plan(case, plan.pk)))
        plan_change(actor=request.auth, case=case, plan=plan, expected_version=payload.version,
                    rules=[_rule_item(rule) for rule in payload.rules], removed_rules=payload.removed_rules,
                    contacts=[_contact(contact) for contact in payload.contacts],
                    agreements=[_agreement(agreement) for agreement in payload.agreements],
                    **payload.model_dump(include=SECTIONS, exclude_unset=True))
    except ConflictError as exc:
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=_current(case, plan, exc)))
    return Status(200, _full_plan(case_plan(case, plan.pk)))


# The schemas have shaped each item (types, lengths, null only where it clears): what the client left out of a
# rule stays as it is.
def _rule_item(rule: RuleIn) -> RuleItem:
    changes = rule.model_dump(exclude_unset=True, exclude={"id", "version"})
    return RuleItem(changes=cast(RuleChanges, changes), id=rule.id, version=rule.version)


def _contact(contact: ContactIn) -> ContactChanges:
    return {"person": contact.person, "name": contact.name, "role": contact.role, "phone": contact.phone}


def _agreement(agreement: PlanAgreementIn) -> AgreementChanges:
    return {"agency": agreement.agency, "agreement": agreement.agreement, "referral": agreement.referral}


@router.post("/{case_id}/safety-plans/{plan_id}/transition", response={200: PlanOut, **ERRORS},
             url_name="transition_safety_plan")
def transition_safety_plan(request: ApiRequest, case_id: int, plan_id: int, payload: PlanTransitionIn) -> Status:
    """Move a version along: draft → proposed → approved (the team lead) → active → ended; proposed may go back
    to draft, with the `reason`. Periods nobody covers need `uncovered_reason` before the plan is proposed or
    approved, and the team lead's `comment` to be approved. Putting a plan into force with
    `move_case_to_monitoring` moves a case still before monitoring on to it."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    services.plan_transition(actor=request.auth, case=case, plan=plan, to_status=payload.status,
                             comment=payload.comment, reason=payload.reason,
                             move_case=payload.move_case_to_monitoring)
    return Status(200, _full_plan(case_plan(case, plan.pk)))


@router.get("/{case_id}/safety-plans/{plan_id}/coverage", response={200: CoverageOut, **ERRORS},
            url_name="safety_plan_coverage")
def safety_plan_coverage(request: ApiRequest, case_id: int, plan_id: int) -> Status:
    """The week, cell by cell (seven days, four times of day), with the rules covering each cell."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    rules = plan_rules(plan)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=plan,
                 object_type="safety_plans.coverage")
    return Status(200, coverage_out(plan, coverage(rules, {person.pk for person in plan_worry_about(plan)})))


@router.post("/{case_id}/safety-plans/{plan_id}/sign-offs", response={201: SignOffOut, **ERRORS},
             url_name="create_sign_off")
def create_sign_off(request: ApiRequest, case_id: int, plan_id: int, payload: SignOffIn) -> Status:
    """Record that a family or network member agreed to this version, in person or by phone. A second
    sign-off of the same person replaces the first."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    row = services.sign_off(actor=request.auth, case=case, plan=plan, person=payload.person, how=payload.how,
                            signed_on=payload.signed_on)
    return Status(201, row)


@router.get("/{case_id}/safety-plans/{plan_id}/pdf", response=ERRORS, url_name="safety_plan_pdf",
            openapi_extra={"responses": PDF})
def safety_plan_pdf(request: ApiRequest, case_id: int, plan_id: int,
                    kind: Literal["family", "authority", "contact-card"] = "family") -> HttpResponse:
    """The plan as a PDF in the case's language: the family's plain-language plan (default), the authority's
    version with sign-offs and the monitoring history, or the one-page contact card."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    document = plan_document(case, plan, kind)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=plan,
                 object_type=f"safety_plans.pdf.{kind}")
    return download_response(document)


# --- monitoring ----------------------------------------------------------------------------------------

@router.get("/{case_id}/safety-plans/{plan_id}/checkins", response={200: CheckInList, **ERRORS},
            url_name="list_check_ins")
def list_check_ins(request: ApiRequest, case_id: int, plan_id: int) -> Status:
    """The check-ins on a version of the plan, oldest first, each with how every rule held."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    check_ins = plan_check_ins(plan)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=plan,
                 object_type="safety_plans.check_in_list")
    return Status(200, {"items": check_ins, "count": len(check_ins)})


@router.post("/{case_id}/safety-plans/{plan_id}/checkins", response={201: CheckInOut, **ERRORS},
             url_name="create_check_in")
def create_check_in(request: ApiRequest, case_id: int, plan_id: int, payload: CheckInCreate) -> Status:
    """Record a check-in on the active version: how each rule held (rules left out: not known), a safety
    score, a note. Moves the next review on."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    results: dict[int, tuple[str, str]] = {}
    for index, item in enumerate(payload.results):
        if item.rule in results:
            raise ValidationError({f"results.{index}.rule": _("Give one result per rule.")})
        results[item.rule] = (item.result, item.note)
    created = services.check_in_create(actor=request.auth, case=case, plan=plan, source=payload.source,
                                       checked_on=payload.checked_on, safety_score=payload.safety_score,
                                       note=payload.note, results=results)
    return Status(201, plan_check_in(plan, created.pk))
