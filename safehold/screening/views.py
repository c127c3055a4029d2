"""The screening pages: the screenings of a case over time, one screening's answers and result item by item, the
answers as a form that works without script, the worker's decision and the team lead's. Thin: every case through
the access policy (`case_view`), every change through a service, every read audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.cases.selectors import case_people
from safehold.cases.views import conflict_rows
from safehold.cases.voices import case_voices
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.screening import services
from safehold.screening.forms import DecisionForm, ScreeningForm
from safehold.screening.models import Screening
from safehold.screening.presenting import result_rows
from safehold.screening.selectors import answerable_entries, case_screening, case_screenings, current_screenings


def _form(request: AuthedRequest, case: Case, **kwargs: Any) -> ScreeningForm:
    people = case_people(case=case)
    return ScreeningForm(request.POST or None, people=people, voices=case_voices(case, people=people),
                         entries=answerable_entries(case), **kwargs)


def _back(case: Case, screening: Screening | None = None) -> str:
    if screening is None:
        return reverse("screening:list", kwargs={"case_id": case.pk})
    return reverse("screening:detail", kwargs={"case_id": case.pk, "screening_id": screening.pk})


@case_view(Perm.VIEW)
def screenings_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    screenings = case_screenings(case)
    return render(request, "screening/list.html", {
        "case": case, "may": may, "screenings": screenings,
        "current": {s.pk for s in current_screenings(screenings)}})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def screening_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = _form(request, case)
    sent = submit(form, lambda data: services.screening_create(actor=request.user, case=case,
                                                               **form.service_fields()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Screening saved."))
        return redirect(_back(case, sent.result))
    return render(request, "screening/form.html", {
        "case": case, "form": form, "title": _("Screen against the target group"), "back": _back(case)},
        status=sent.status)


@case_view(Perm.VIEW)
def screening_detail_view(request: AuthedRequest, case: Case, may: CasePerms, screening_id: int) -> HttpResponse:
    screening = case_screening(case, screening_id)
    shows(request, screening)
    result = services.result_of(screening)
    return render(request, "screening/detail.html", {
        "case": case, "may": may, "screening": screening, "result": result, "rows": result_rows(screening, result),
        "missing": services.missing_labels(screening), "lead_asked": services.lead_decision_asked(case)})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def screening_edit_view(request: AuthedRequest, case: Case, may: CasePerms, screening_id: int) -> HttpResponse:
    screening = case_screening(case, screening_id)
    shows(request, screening)
    form = _form(request, case, editing=True, initial=ScreeningForm.initial_for(
        screening, services.answers_as_sent(screening.answers.all())))
    sent = submit(form, lambda data: services.screening_update(
        actor=request.user, case=case, screening=screening, expected_version=data["version"],
        **form.service_fields()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(_back(case, screening))
    return render(request, "screening/form.html", {
        "case": case, "form": form, "title": _("Edit the screening"), "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, ("screened_on", "outcome", "worker_decision"))
        if sent.conflict else [], "back": _back(case, screening)}, status=sent.status)


def _renamed(save: Callable[[], Screening], names: dict[str, str]) -> Screening:
    """A decision service names its fields for the record (worker_decision…); the form has one of each."""
    try:
        return save()
    except ValidationError as refused:
        raise ValidationError({names.get(k, k): v for k, v in refused.message_dict.items()}) from refused


def _decide(request: AuthedRequest, case: Case, may: CasePerms, screening_id: int, *, lead: bool) -> HttpResponse:
    screening = case_screening(case, screening_id)
    if lead and not may.approve:
        # Checked after the screening is found: a screening of another case is not found, whoever asks.
        raise PermissionDenied
    shows(request, screening)
    prefix = "lead" if lead else "worker"
    decide = services.screening_lead_decide if lead else services.screening_decide
    form = DecisionForm(request.POST or None, initial={
        "version": screening.version, "decision": getattr(screening, f"{prefix}_decision") or None,
        "reason": getattr(screening, f"{prefix}_reason")})
    sent = submit(form, lambda data: _renamed(lambda: decide(
        actor=request.user, case=case, screening=screening, expected_version=data["version"],
        decision=data["decision"], reason=data["reason"]),
        {f"{prefix}_decision": "decision", f"{prefix}_reason": "reason"}))
    if sent.saved:
        messages.success(request, _("Decision recorded."))
        return redirect(_back(case, screening))
    result = services.result_of(screening)
    return render(request, "screening/decide.html", {
        "case": case, "may": may, "screening": screening, "form": form, "lead": lead, "result": result,
        "missing": services.missing_labels(screening),
        "title": _("The team lead's decision") if lead else _("Your decision"), "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, (f"{prefix}_decision", f"{prefix}_reason"))
        if sent.conflict else [], "back": _back(case, screening)}, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def screening_decide_view(request: AuthedRequest, case: Case, may: CasePerms, screening_id: int) -> HttpResponse:
    return _decide(request, case, may, screening_id, lead=False)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def screening_lead_decide_view(request: AuthedRequest, case: Case, may: CasePerms,
                               screening_id: int) -> HttpResponse:
    return _decide(request, case, may, screening_id, lead=True)
