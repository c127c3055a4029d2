"""HTML views for cases and people: thin, every case loaded through the access policy, every write a service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from safehold.audit.services import audit_list
from safehold.cases import services
from safehold.cases.access import CasePerms, Perm, may_create_case, may_list_cases, require_case_perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.closing import what_closing_does
from safehold.cases.forms import AssignmentForm, CaseFilterForm, CaseForm, ChildOutcomeForm, ReopenForm, TransitionForm
from safehold.cases.models import Case, CaseStatus, ChildOutcome
from safehold.cases.sections import case_sections
from safehold.cases.selectors import (
    case_assignment,
    case_assignments,
    case_child_outcomes,
    case_list,
    case_list_page,
    case_page_key,
    case_people,
    case_person,
    child_left_plan,
    opener_teams,
)
from safehold.core.forms import submit
from safehold.core.fragment_cache import cached_render
from safehold.core.http import AuthedRequest

STATUS_PATH = [CaseStatus.REFERRAL, CaseStatus.ASSESSMENT, CaseStatus.SAFETY_PLANNING, CaseStatus.MONITORING,
               CaseStatus.CLOSED]


def _partial_or_page(request: AuthedRequest, page: str, partial: str, context: dict, status: int = 200) -> HttpResponse:
    """htmx requests get the partial they swap in; full requests the page that includes the same partial."""
    return render(request, partial if request.htmx else page, context, status=status)


@login_required
@require_http_methods(["GET"])
def case_list_view(request: AuthedRequest) -> HttpResponse:
    if not may_list_cases(request.user):
        raise PermissionDenied
    form = CaseFilterForm(request.GET or None, organisation_id=cast(int, request.user.organisation_id))
    filters = form.cleaned_data if form.is_valid() else {}
    cases = case_list(
        user=request.user, query=filters.get("q") or "", status=filters.get("status") or "",
        worker_id=filters.get("worker"), team_id=filters.get("team"),
    )
    page = case_list_page(cases, request.GET.get("page"), searched=bool(filters.get("q")))
    audit_list(actor=request.user, cases=page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return _partial_or_page(request, "cases/case_list.html", "cases/partials/_case_table.html", {
        "form": form, "page": page, "query": query.urlencode(), "may_create": may_create_case(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_create_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = request.user.organisation_id
    if not may_create_case(request.user) or organisation_id is None:
        raise PermissionDenied
    form = CaseForm(request.POST or None, organisation_id=organisation_id,
                    opener_teams=opener_teams(user=request.user),
                    initial={"language": request.LANGUAGE_CODE, "opened_on": timezone.localdate()})
    sent = submit(form, lambda data: services.case_create(actor=request.user, **form.case_fields()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Case %(reference)s opened.") % {"reference": sent.result.reference})
        return redirect("cases:detail", case_id=sent.result.pk)
    return render(request, "cases/case_form.html", {"form": form, "creating": True}, status=sent.status)


@case_view(Perm.VIEW)
def case_detail_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    key = case_page_key(case=case, user=request.user, may=may)
    body = cached_render(request, "cases/partials/_case_body.html", lambda: _case_body(case, may), key=key)
    return render(request, "cases/case_detail.html", {"case": case, "body": body})


def _case_body(case: Case, may: CasePerms) -> dict[str, Any]:
    sections = [{"section": s, "context": s.context(case, may) if s.context else {}} for s in case_sections()]
    people = case_people(case=case)
    child_outcomes = case_child_outcomes(case=case)
    return {
        "case": case,
        "may": may,
        "people": people,
        "child_outcomes": child_outcomes,
        "assignments": case_assignments(case=case),
        "status_changes": list(case.status_changes.select_related("changed_by")),
        "status_path": STATUS_PATH,
        "transition_form": TransitionForm(case=case, children=people, left=_left_plan(child_outcomes),
                                          initial={"version": case.version}) if may.change else None,
        "left_plan": _left_plan(child_outcomes),
        "closing_does": _closing_does(case) if may.change else [],
        "sections": sections,
    }


def _left_plan(outcomes: list[ChildOutcome]) -> list[ChildOutcome]:
    return [row for row in outcomes if row.left_plan]


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def case_edit_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    initial = {
        "reference": case.reference, "family_name": case.family_name, "language": case.language,
        "legal_basis": case.legal_basis_id, "legal_basis_note": case.legal_basis_note, "team": case.team,
        "opened_on": case.opened_on, "summary": case.summary, "version": case.version,
    }
    form = CaseForm(request.POST or None, initial=initial, organisation_id=case.organisation_id,
                    can_assign=may.assign, case=case)
    sent = submit(form, lambda data: services.case_update(
        actor=request.user, case=case, expected_version=data["version"], **form.case_fields()))
    if sent.saved:
        messages.success(request, _("Case details saved."))
        return redirect("cases:detail", case_id=case.pk)
    if sent.conflict:
        case.refresh_from_db()  # the page shows what is saved, the form what the user typed
    return render(request, "cases/case_form.html", {
        "form": form, "case": case, "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, services.CASE_EDITABLE) if sent.conflict else [],
    }, status=sent.status)


def conflict_rows(current: Any, fields: Iterable[str]) -> list[tuple[str, object]]:
    """The other person's saved values, labelled, to show beside the user's own entries."""
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        display = getattr(current, f"get_{name}_display", None)
        rows.append((str(getattr(field, "verbose_name", name)), display() if display else getattr(current, name)))
    return rows


def _closing_does(case: Case) -> list[str]:
    return what_closing_does(case) if CaseStatus.CLOSED in case.allowed_transitions() else []


_STATUS_CONFLICT = _lazy("Someone else changed this case since you opened it. Reload the page to see the current "
                         "status.")


@case_view(Perm.VIEW, methods=("GET", "POST"))
def case_transition_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    if case.is_closed and may.reopen and request.method == "GET":
        return redirect("cases:reopen", case_id=case.pk)
    require_case_perm(request.user, case, Perm.CHANGE)
    left = _left_plan(case_child_outcomes(case=case))
    form = TransitionForm(request.POST or None, case=case, left=left, initial={"version": case.version})

    def save(data: dict[str, Any]) -> Case:
        try:
            return services.case_transition(
                actor=request.user, case=case, to_status=data["status"], outcome=data["outcome"], note=data["note"],
                expected_version=data["version"], outcomes=form.child_outcomes())
        except ValidationError as error:
            raise form.under_field_names(error) from error

    sent = submit(form, save)
    if sent.conflict:
        form.add_error(None, _STATUS_CONFLICT)
    if sent.saved:
        messages.success(request, _("The case is now in “%(status)s”.") % {"status": case.get_status_display()})
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("cases:detail", kwargs={"case_id": case.pk})
            return response
        return redirect("cases:detail", case_id=case.pk)
    return _partial_or_page(request, "cases/case_transition.html", "cases/partials/_transition_form.html",
                            {"case": case, "transition_form": form, "closing_does": _closing_does(case),
                             "left_plan": left},
                            status=400 if sent.sent else 200)


# --- a child leaves the plan --------------------------------------------------------------------------

@case_view(Perm.CHANGE, methods=("GET", "POST"))
def child_outcome_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    """Record that a child left the plan while the case stays open: the closing will not ask for them again."""
    child = case_person(case=case, person_id=person_id)
    if not child.is_child:
        raise Http404
    shows(request, child)
    form = ChildOutcomeForm(request.POST or None)
    sent = submit(form, lambda data: services.child_outcome_record(
        actor=request.user, case=case, child=child.pk, outcome=data["outcome"], on=data["on"], note=data["note"]))
    if sent.saved:
        messages.success(request, _("The outcome for %(name)s is recorded.") % {"name": child.full_name})
        return redirect("cases:person_detail", case_id=case.pk, person_id=child.pk)
    return render(request, "cases/child_outcome_form.html", {"case": case, "child": child, "form": form},
                  status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def child_outcome_withdraw_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int) -> HttpResponse:
    child = case_person(case=case, person_id=person_id)
    row = child_left_plan(case=case, child=child)
    try:
        services.child_outcome_withdraw(actor=request.user, case=case, outcome=row)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s is back in the plan.") % {"name": child.full_name})
    return redirect("cases:person_detail", case_id=case.pk, person_id=child.pk)


@case_view(Perm.VIEW, methods=("GET", "POST"))
def case_reopen_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    require_case_perm(request.user, case, Perm.REOPEN if case.is_closed else Perm.CHANGE)
    form = ReopenForm(request.POST or None)
    sent = submit(form, lambda data: services.case_reopen(actor=request.user, case=case, to_status=data["status"],
                                                          reason=data["reason"]))
    if sent.conflict:
        form.add_error(None, _STATUS_CONFLICT)
    if sent.saved:
        messages.success(request, _("The case has been reopened."))
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_reopen.html", {"case": case, "form": form}, status=sent.status)


# --- assignments ------------------------------------------------------------------------------------

@case_view(Perm.ASSIGN, methods=("GET", "POST"))
def assignments_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = AssignmentForm(request.POST or None, organisation_id=case.organisation_id)
    sent = submit(form, lambda data: services.assignment_add(actor=request.user, case=case, user=data["user"],
                                                             role=data["role"]))
    if sent.saved:
        messages.success(request, _("Assignment saved."))
        return redirect("cases:assignments", case_id=case.pk)
    return render(request, "cases/assignments.html", {
        "case": case, "form": form, "assignments": case_assignments(case=case),
    }, status=sent.status)


@case_view(Perm.ASSIGN, methods=("POST",))
def assignment_remove_view(request: AuthedRequest, case: Case, may: CasePerms, assignment_id: int) -> HttpResponse:
    assignment = case_assignment(case=case, assignment_id=assignment_id)
    try:
        services.assignment_remove(actor=request.user, case=case, assignment=assignment)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Assignment removed."))
    return redirect("cases:assignments", case_id=case.pk)
