"""The Hilfeplan's pages, under a meeting: the plan, the form that writes or changes it, the sign-off form,
withdrawing a sign-off and the PDF. Thin: every case through the access policy (`case_view`), every change
through a service in help_plans.py, every read audited, the download as an export. Plain forms that work
without script; each change redirects back to the plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.audit.services import Action
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case, PersonRole
from safehold.cases.perms import CasePerms, Perm
from safehold.cases.selectors import case_people
from safehold.cases.views import conflict_rows
from safehold.core.downloads import download_response
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.meetings.models import Meeting
from safehold.meetings.selectors import case_meeting
from safehold.perspective import help_plans
from safehold.perspective.forms_help_plan import HelpPlanForm, HelpPlanSignOffForm
from safehold.perspective.models import HELP_PLAN_KINDS, HelpPlan, Placement
from safehold.perspective.selectors import case_placements


def plan_url(case: Case, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("help_plan:detail", kwargs={"case_id": case.pk, "meeting_id": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


def _initial(plan: HelpPlan | None, case: Case, meeting: Meeting, children: list[Any],
             placements: list[Placement]) -> dict[str, Any]:
    """The plan as saved; for a new one, the case's previous plan (an update starts from it), else the only
    child and that child's latest placement."""
    source = plan or help_plans.previous_help_plan(case, meeting)
    if source is not None:
        initial: dict[str, Any] = {name: getattr(source, name) for name in ("situation", "goals", "help",
                                                                             "provider")}
        initial.update(child=source.child_id, placement=source.placement_id,
                       legal_bases=[basis.pk for basis in source.legal_bases.all()])
        if plan is not None:
            initial["version"] = plan.version
        return initial
    if len(children) != 1:
        return {}
    child = children[0]
    latest = next((p for p in placements if p.child_id == child.pk), None)
    return {"child": child.pk, "placement": latest.pk if latest else None}


@case_view(Perm.VIEW)
def detail_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    plan = help_plans.meeting_help_plan(meeting)
    shows(request, plan or meeting)
    sign_offs = list(plan.sign_offs.all()) if plan else []
    signers = help_plans.meeting_signers(meeting)
    return render(request, "perspective/help_plan.html", {
        "case": case, "may": may, "meeting": meeting, "plan": plan, "eligible": meeting.kind in HELP_PLAN_KINDS,
        "sign_offs": sign_offs, "unsigned": help_plans.unsigned(signers, sign_offs),
        "assignments": help_plans.meeting_assignments(meeting)})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def edit_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    if meeting.kind not in HELP_PLAN_KINDS:
        return redirect(plan_url(case, meeting))
    plan = help_plans.meeting_help_plan(meeting)
    shows(request, plan or meeting)
    children = [p for p in case_people(case=case) if p.role == PersonRole.CHILD]
    placements = case_placements(case)
    form = HelpPlanForm(request.POST or None, children=children, placements=placements,
                        legal_bases=help_plans.offered_legal_bases(case, plan),
                        initial=_initial(plan, case, meeting, children, placements))
    # No version sent: the form was opened before there was a plan, and one written since is a conflict.
    sent = submit(form, lambda data: help_plans.help_plan_save(
        actor=request.user, case=case, meeting=meeting, expected_version=data["version"],
        **form.service_fields()))
    if sent.saved and sent.result is not None:
        saved = sent.result
        messages.success(request, _("Care plan saved."))
        if saved.withdrawn:
            messages.warning(request, ngettext(
                "The plan's text changed, so the sign-off of %(names)s was withdrawn: they agreed to another "
                "text. Ask them to sign again.",
                "The plan's text changed, so the sign-offs of %(names)s were withdrawn: they agreed to another "
                "text. Ask them to sign again.", len(saved.withdrawn)) % {"names": ", ".join(saved.withdrawn)})
        return redirect(plan_url(case, meeting))
    conflict_current: list[tuple[str, object]] = []
    if sent.conflict:
        current = sent.conflict.current
        conflict_current = conflict_rows(current, help_plans.HELP_PLAN_FIELDS)
    return render(request, "perspective/help_plan_form.html", {
        "case": case, "meeting": meeting, "plan": plan, "form": form, "conflict": sent.conflict,
        "conflict_current": conflict_current, "signed": len(plan.sign_offs.all()) if plan else 0,
        "back": plan_url(case, meeting)}, status=sent.status)


def _plan_or_404(meeting: Meeting) -> HelpPlan:
    plan = help_plans.meeting_help_plan(meeting)
    if plan is None:
        raise Http404
    return plan


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def sign_off_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    plan = _plan_or_404(meeting)
    shows(request, plan)
    signers = help_plans.unsigned(help_plans.meeting_signers(meeting), plan.sign_offs.all())
    form = HelpPlanSignOffForm(request.POST or None, signers=signers,
                               initial={"signed_on": timezone.localdate(), "version": plan.version})
    sent = submit(form, lambda data: help_plans.help_plan_sign_off(
        actor=request.user, case=case, plan=plan, signer=data["signer"], how=data["how"],
        signed_on=data["signed_on"], plan_version=data["version"]))
    if sent.saved:
        messages.success(request, _("Sign-off recorded."))
        return redirect(plan_url(case, meeting, "sign-offs"))
    return render(request, "perspective/help_plan_sign_off.html", {
        "case": case, "meeting": meeting, "plan": plan, "form": form, "conflict": sent.conflict,
        "signers": signers, "back": plan_url(case, meeting, "sign-offs")}, status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def sign_off_withdraw_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int,
                           sign_off_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    plan = _plan_or_404(meeting)
    sign_off = help_plans.plan_sign_off(plan, sign_off_id)
    help_plans.help_plan_sign_off_withdraw(actor=request.user, case=case, sign_off=sign_off)
    messages.success(request, _("Sign-off withdrawn."))
    return redirect(plan_url(case, meeting, "sign-offs"))


@case_view(Perm.VIEW, audit=Action.EXPORT)
def pdf_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    plan = _plan_or_404(meeting)
    shows(request, plan, object_type="perspective.pdf.help_plan")
    return download_response(help_plans.help_plan_document(case, meeting, plan))
