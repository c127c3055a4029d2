"""HTML views for cases and people: thin, every case loaded through the access policy, every write a service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safehold.audit.services import audit_list, audit_view
from safehold.cases import services
from safehold.cases.access import Perm, access_case, may_create_case, may_list_cases
from safehold.cases.forms import AssignmentForm, CaseFilterForm, CaseForm, PersonForm, ReopenForm, TransitionForm
from safehold.cases.models import CaseAssignment, CaseStatus
from safehold.cases.selectors import case_assignments, case_list, case_people, case_person
from safehold.core.forms import keep_typed_against
from safehold.core.http import AuthedRequest
from safehold.core.registry import case_sections
from safehold.core.versioning import ConflictError

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
    page = Paginator(cases, settings.SAFEHOLD_CASES_PER_PAGE).get_page(request.GET.get("page"))
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
                    initial={"language": request.LANGUAGE_CODE, "opened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            case = services.case_create(actor=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET"])
def case_detail_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.VIEW)
    people = case_people(case=case)
    audit_view(actor=request.user, case=case)
    sections = [
        {"section": s, "context": s.context(request, case) if s.context else {}} for s in case_sections()
    ]
    return render(request, "cases/case_detail.html", {
        "case": case,
        "people": people,
        "assignments": case_assignments(case=case),
        "status_changes": list(case.status_changes.select_related("changed_by")),
        "status_path": STATUS_PATH,
        "transition_form": None if case.is_closed else TransitionForm(case=case, initial={"version": case.version}),
        "sections": sections,
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_edit_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.CHANGE)
    can_assign = Perm.ASSIGN in case.permissions
    initial = {
        "reference": case.reference, "family_name": case.family_name, "language": case.language,
        "legal_basis": case.legal_basis, "legal_basis_note": case.legal_basis_note, "team": case.team,
        "opened_on": case.opened_on, "summary": case.summary, "version": case.version,
    }
    conflict = None
    if request.method == "POST":
        form = CaseForm(request.POST, initial=initial, organisation_id=case.organisation_id, can_assign=can_assign,
                        case=case)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.case_update(actor=request.user, case=case,
                                     expected_version=form.cleaned_data["version"], **data)
            except ConflictError as error:
                conflict = error
                case.refresh_from_db()  # the page shows what is saved, the form what the user typed
                keep_typed_against(form, error.current.version)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Case details saved."))
                return redirect("cases:detail", case_id=case.pk)
    else:
        audit_view(actor=request.user, case=case)
        form = CaseForm(initial=initial, organisation_id=case.organisation_id, can_assign=can_assign, case=case)
    return render(request, "cases/case_form.html", {
        "form": form, "case": case, "conflict": conflict,
        "conflict_current": _conflict_rows(conflict.current, services.CASE_EDITABLE) if conflict else [],
    }, status=409 if conflict else 200)


def _conflict_rows(current, fields: Iterable[str]) -> list[tuple[str, object]]:
    """The other person's saved values, labelled, to show beside the user's own entries."""
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        display = getattr(current, f"get_{name}_display", None)
        rows.append((field.verbose_name, display() if display else getattr(current, name)))
    return rows



@login_required
@require_http_methods(["GET", "POST"])
def case_transition_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.CHANGE)
    if case.is_closed:
        return redirect("cases:reopen", case_id=case.pk)
    form = TransitionForm(request.POST or None, case=case, initial={"version": case.version})
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_transition(
                actor=request.user, case=case, to_status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError:
            form.add_error(None, _("Someone else changed this case since you opened it. "
                                   "Reload the page to see the current status."))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The case is now in “%(status)s”.") % {"status": case.get_status_display()})
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = reverse("cases:detail", kwargs={"case_id": case.pk})
                return response
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return _partial_or_page(request, "cases/case_transition.html", "cases/partials/_transition_form.html",
                            {"case": case, "transition_form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_reopen_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.CHANGE)
    form = ReopenForm(request.POST or None)
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reopen(actor=request.user, case=case, to_status=form.cleaned_data["status"],
                                 reason=form.cleaned_data["reason"])
        except ConflictError:
            form.add_error(None, _("Someone else changed this case since you opened it. "
                                   "Reload the page to see the current status."))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The case has been reopened."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_reopen.html", {"case": case, "form": form})


# --- people -----------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def person_create_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.CHANGE)
    form = PersonForm(request.POST or None, initial={"role": request.GET.get("role", "child")})
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            person = services.person_create(actor=request.user, case=case, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s added to the case.") % {"name": person.full_name})
            if "add_another" in request.POST:
                return redirect(reverse("cases:person_create", kwargs={"case_id": case.pk}) + f"?role={person.role}")
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/person_form.html", {"case": case, "form": form, "creating": True})


@login_required
@require_http_methods(["GET"])
def person_detail_view(request: AuthedRequest, case_id: int, person_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.VIEW)
    person = case_person(case=case, person_id=person_id)
    audit_view(actor=request.user, case=case, obj=person)
    return render(request, "cases/person_detail.html", {"case": case, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit_view(request: AuthedRequest, case_id: int, person_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.CHANGE)
    person = case_person(case=case, person_id=person_id)
    conflict = None
    if request.method == "POST":
        form = PersonForm(request.POST, instance=person)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.person_update(actor=request.user, case=case, person=person,
                                       expected_version=form.cleaned_data["version"], **data)
            except ConflictError as error:
                conflict = error
                person.refresh_from_db()
                keep_typed_against(form, error.current.version)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("cases:person_detail", case_id=case.pk, person_id=person.pk)
    else:
        audit_view(actor=request.user, case=case, obj=person)
        form = PersonForm(instance=person, initial={"version": person.version})
    return render(request, "cases/person_form.html", {
        "case": case, "person": person, "form": form, "conflict": conflict,
        "conflict_current": _conflict_rows(conflict.current, services.PERSON_EDITABLE) if conflict else [],
    }, status=409 if conflict else 200)


@login_required
@require_http_methods(["GET", "POST"])
def person_delete_view(request: AuthedRequest, case_id: int, person_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.CHANGE)
    person = case_person(case=case, person_id=person_id)
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=person)
    if request.method == "POST":
        try:
            services.person_delete(actor=request.user, case=case, person=person)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("cases:person_detail", case_id=case.pk, person_id=person.pk)
        messages.success(request, _("%(name)s removed from the case.") % {"name": person.full_name})
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/person_delete.html", {"case": case, "person": person})


# --- assignments ------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def assignments_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.ASSIGN)
    form = AssignmentForm(request.POST or None, organisation_id=case.organisation_id)
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_add(actor=request.user, case=case, user=form.cleaned_data["user"],
                                    role=form.cleaned_data["role"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Assignment saved."))
            return redirect("cases:assignments", case_id=case.pk)
    return render(request, "cases/assignments.html", {
        "case": case, "form": form, "assignments": case_assignments(case=case),
    })


@login_required
@require_POST
def assignment_remove_view(request: AuthedRequest, case_id: int, assignment_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, Perm.ASSIGN)
    assignment = get_object_or_404(CaseAssignment, case=case, pk=assignment_id)
    try:
        services.assignment_remove(actor=request.user, case=case, assignment=assignment)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Assignment removed."))
    return redirect("cases:assignments", case_id=case.pk)
