"""The 24/7 safety plan of a case: its versions, rules, contacts, agreements, transitions, coverage of the week
and check-ins. Same access policy, services and audit trail as the web interface."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import ItemErrors, error_body
from safehold.api.schemas import Conflict, Error
from safehold.api.schemas_safety_plans import (
    CheckInCreate,
    CheckInList,
    CheckInOut,
    CoverageOut,
    PlanList,
    PlanOut,
    PlanPatch,
    RuleIn,
    RuleOut,
    SignOffIn,
    SignOffOut,
    TransitionIn,
    coverage_out,
    plan_out,
    plan_summary,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.core.downloads import pdf_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.mapping.models import Entry
from safehold.mapping.selectors import case_map
from safehold.safety_plans import services
from safehold.safety_plans.coverage import coverage
from safehold.safety_plans.documents import plan_document
from safehold.safety_plans.models import CheckIn, Rule, SafetyPlan
from safehold.safety_plans.selectors import case_plan, plan_content
from safehold.words_pictures.models import Story

router = Router(tags=["safety plans"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: Conflict}
PDF = {200: {"description": "The plan as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}

SECTIONS = ("map", "story", "minimum_requirements", "coordinator", "child_explanation", "information_given",
            "if_worries_who_notices", "if_worries_who_is_called", "if_worries_authority", "review_every_days",
            "uncovered_reason")
# What may be sent as null: "no map", "no coordinator", "answers no danger statement".
SECTIONS_NULLABLE = ("map", "story", "coordinator")
RULE_NULLABLE = ("answers",)


# --- reads ---------------------------------------------------------------------------------------------

def _full_plan(plan: SafetyPlan) -> dict[str, Any]:
    content = plan_content(plan)
    return plan_out(plan, content.rules, content.contacts, content.agreements, content.sign_offs,
                    coverage(content.rules))


def _plan_check_ins(plan: SafetyPlan, check_in_id: int | None = None) -> list[CheckIn]:
    check_ins = plan.check_ins.select_related("checked_by").prefetch_related("rule_checks")
    if check_in_id is not None:
        check_ins = check_ins.filter(pk=check_in_id)
    return list(check_ins)


def _current(case: Case, plan: SafetyPlan, exc: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed, read again after the rollback of the whole PATCH."""
    if isinstance(exc.current, Rule):
        rule = Rule.objects.filter(plan=plan, pk=exc.current.pk).select_related("responsible").first()
        return {} if rule is None else RuleOut.from_orm(rule).model_dump(mode="json")
    try:
        return PlanOut.model_validate(_full_plan(case_plan(case, plan.pk))).model_dump(mode="json")
    except Http404:  # deleted meanwhile
        return {}


# --- versions --------------------------------------------------------------------------------------------

@router.get("/{case_id}/safety-plans", response={200: PlanList, **ERRORS}, url_name="list_safety_plans")
def list_safety_plans(request: ApiRequest, case_id: int):
    """Every version of the case's safety plan, oldest first."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    plans = list(SafetyPlan.objects.filter(case=case).order_by("version_no", "id"))
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="safety_plans.plan_list")
    return Status(200, {"items": [plan_summary(plan) for plan in plans], "count": len(plans)})


@router.post("/{case_id}/safety-plans", response={201: PlanOut, **ERRORS}, url_name="create_safety_plan")
def create_safety_plan(request: ApiRequest, case_id: int):
    """Start the plan, or its next version: a draft copy of the latest version (sections, rules, contacts,
    agreements). A case has one draft or proposed version at a time."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    created = services.plan_create(actor=request.auth, case=case)
    return Status(201, _full_plan(case_plan(case, created.pk)))


@router.get("/{case_id}/safety-plans/{plan_id}", response={200: PlanOut, **ERRORS}, url_name="get_safety_plan")
def get_safety_plan(request: ApiRequest, case_id: int, plan_id: int):
    """A version of the plan with its rules, contacts, agreements, sign-offs and the periods nobody covers."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    audit_view(actor=request.auth, case=case, obj=plan)
    return Status(200, _full_plan(plan))


@router.patch("/{case_id}/safety-plans/{plan_id}", response={200: PlanOut, **WRITE_ERRORS},
              url_name="patch_safety_plan")
def patch_safety_plan(request: ApiRequest, case_id: int, plan_id: int, payload: PlanPatch):
    """Change a draft in one go: its sections, rules (added, changed, removed), contacts and agreements added.
    All or nothing: if any item is refused, nothing is saved and the errors name the item, e.g. `rules.2.text`.
    An approved version cannot be changed: start a new version."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    try:
        with transaction.atomic():
            _apply_patch(request.auth, case, plan, payload)
    except ConflictError as exc:
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=_current(case, plan, exc)))
    return Status(200, _full_plan(case_plan(case, plan.pk)))


def _apply_patch(actor, case: Case, plan: SafetyPlan, payload: PlanPatch) -> None:
    """Every change of a PATCH, in order: sections, removed rules, rules, contacts, agreements. Raises the
    errors of all items."""
    errors = ItemErrors()
    sections = payload.model_dump(include=set(SECTIONS), exclude_unset=True)
    if sections:
        for name, value in sections.items():
            if value is None and name not in SECTIONS_NULLABLE:
                errors.add(name, _("This field cannot be empty."))
        if sections.get("coordinator") is not None:
            sections["coordinator"] = case.people.filter(pk=sections["coordinator"]).first()
            if sections["coordinator"] is None:
                errors.add("coordinator", _("Choose a person on this case."))
        if sections.get("map") is not None:
            try:
                sections["map"] = case_map(case, sections["map"])
            except Http404:
                errors.add("map", _("Choose a map of this case."))
        if sections.get("story") is not None:
            sections["story"] = Story.objects.filter(case=case, pk=sections["story"]).first()
            if sections["story"] is None:
                errors.add("story", _("Choose a Words & Pictures story of this case."))
        if not errors.found:
            with errors.under(""):
                services.plan_update(actor=actor, case=case, plan=plan, expected_version=payload.version,
                                     **sections)

    rules = {rule.pk: rule for rule in plan.rules.all()}
    for rule in rules.values():
        rule.plan = plan
    for index, rule_id in enumerate(payload.removed_rules):
        removed = rules.get(rule_id)
        if removed is None:
            errors.add(f"removed_rules.{index}", _("There is no such rule on this plan."))
            continue
        with errors.under(f"removed_rules.{index}"):
            services.rule_delete(actor=actor, case=case, rule=removed)
            del rules[rule_id]  # gone: a later item of this PATCH cannot change it

    for index, item in enumerate(payload.rules):
        with errors.under(f"rules.{index}"):
            _upsert_rule(actor, case, plan, rules, item)

    for index, contact in enumerate(payload.contacts):
        with errors.under(f"contacts.{index}"):
            services.contact_add(actor=actor, case=case, plan=plan, **contact.model_dump())

    for index, agreement in enumerate(payload.agreements):
        with errors.under(f"agreements.{index}"):
            services.agreement_add(actor=actor, case=case, plan=plan, **agreement.model_dump())
    errors.raise_any()


def _upsert_rule(actor, case: Case, plan: SafetyPlan, rules: dict[int, Rule], item: RuleIn) -> None:
    """Add or change one rule. Raises its errors with names relative to the rule."""
    fields = item.model_dump(exclude_unset=True, exclude={"id", "version"})
    problems: dict[str, list[str]] = {}
    for name, value in fields.items():
        if value is None and name not in RULE_NULLABLE:
            problems[name] = [_("This field cannot be empty.")]
    if fields.get("answers") is not None:
        fields["answers"] = Entry.objects.filter(map__case=case, pk=fields["answers"]).select_related("map").first()
        if fields["answers"] is None:
            problems["answers"] = [_("Choose a danger statement of this case's maps.")]
    rule: Rule | None = None
    if item.id is not None:
        rule = rules.get(item.id)
        if rule is None:
            problems["id"] = [_("There is no such rule on this plan.")]
        if item.version is None:
            problems["version"] = [_("Send the version of the rule you read.")]
    if problems:
        raise ValidationError(problems)

    if rule is None:
        services.rule_create(actor=actor, case=case, plan=plan, **fields)
    else:
        assert item.version is not None
        services.rule_update(actor=actor, case=case, rule=rule, expected_version=item.version, **fields)


@router.post("/{case_id}/safety-plans/{plan_id}/transition", response={200: PlanOut, **ERRORS},
             url_name="transition_safety_plan")
def transition_safety_plan(request: ApiRequest, case_id: int, plan_id: int, payload: TransitionIn):
    """Move a version along: draft → proposed → approved (the team lead) → active → ended; proposed may go back
    to draft. Periods nobody covers need `uncovered_reason` before the plan is proposed or approved."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    services.plan_transition(actor=request.auth, case=case, plan=plan, to_status=payload.status)
    return Status(200, _full_plan(case_plan(case, plan.pk)))


@router.get("/{case_id}/safety-plans/{plan_id}/coverage", response={200: CoverageOut, **ERRORS},
            url_name="safety_plan_coverage")
def safety_plan_coverage(request: ApiRequest, case_id: int, plan_id: int):
    """The week, cell by cell (seven days, four times of day), with the rules covering each cell."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    rules = list(plan.rules.order_by("position", "id"))
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=plan,
                 object_type="safety_plans.coverage")
    return Status(200, coverage_out(plan, coverage(rules)))


@router.post("/{case_id}/safety-plans/{plan_id}/sign-offs", response={201: SignOffOut, **ERRORS},
             url_name="create_sign_off")
def create_sign_off(request: ApiRequest, case_id: int, plan_id: int, payload: SignOffIn):
    """Record that a family or network member agreed to this version, in person or by phone. A second
    sign-off of the same person replaces the first."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
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
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    content, filename = plan_document(case, plan, kind)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=plan,
                 object_type=f"safety_plans.pdf.{kind}")
    return pdf_response(content, filename)


# --- monitoring ----------------------------------------------------------------------------------------

@router.get("/{case_id}/safety-plans/{plan_id}/checkins", response={200: CheckInList, **ERRORS},
            url_name="list_check_ins")
def list_check_ins(request: ApiRequest, case_id: int, plan_id: int):
    """The check-ins on a version of the plan, oldest first, each with how every rule held."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    check_ins = _plan_check_ins(plan)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, obj=plan,
                 object_type="safety_plans.check_in_list")
    return Status(200, {"items": check_ins, "count": len(check_ins)})


@router.post("/{case_id}/safety-plans/{plan_id}/checkins", response={201: CheckInOut, **ERRORS},
             url_name="create_check_in")
def create_check_in(request: ApiRequest, case_id: int, plan_id: int, payload: CheckInCreate):
    """Record a check-in on the active version: how each rule held (rules left out: not known), a safety
    score, a note. Moves the next review on."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    plan = case_plan(case, plan_id)
    results: dict[int, tuple[str, str]] = {}
    for index, item in enumerate(payload.results):
        if item.rule in results:
            raise ValidationError({f"results.{index}.rule": _("Give one result per rule.")})
        results[item.rule] = (item.result, item.note)
    created = services.check_in_create(actor=request.auth, case=case, plan=plan, source=payload.source,
                                       checked_on=payload.checked_on, safety_score=payload.safety_score,
                                       note=payload.note, results=results)
    [check_in] = _plan_check_ins(plan, created.pk)
    return Status(201, check_in)
