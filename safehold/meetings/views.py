"""The meetings' pages: the list of a case's meetings, one meeting, and the forms that change it. Thin: every
case through the access policy (`case_view`), every change through a service. The forms are plain pages
that work without script; each change redirects back to the meeting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.voices import case_voices
from safehold.core.contributions import listed
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.meetings import services
from safehold.meetings.forms import AgreementForm, ExpectationForm, MeetingForm, PresenceForm, ProfessionalForm
from safehold.meetings.models import Agreement, Meeting, MeetingKind
from safehold.meetings.selectors import (
    case_meeting,
    case_meetings,
    meeting_agreement,
    meeting_expectation,
    meeting_professional,
)


def meeting_url(case: Case, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


def _form_page(request: AuthedRequest, case: Case, form: Any, *, heading: str, button: str, back: str,
               status: int, meeting: Meeting | None = None, conflict: Any = None,
               conflict_rows: list[tuple[str, Any, Any]] | None = None) -> HttpResponse:
    return render(request, "meetings/form.html", {
        "case": case, "meeting": meeting, "form": form, "heading": heading, "button": button, "back": back,
        "conflict": conflict, "conflict_rows": conflict_rows or []}, status=status)


# --- the list and one meeting ------------------------------------------------------------------------------

@case_view(Perm.VIEW)
def list_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    return render(request, "meetings/list.html", {"case": case, "meetings": case_meetings(case),
                                                  "editable": may.change})


@case_view(Perm.VIEW)
def detail_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    shows(request, meeting)
    panels = [panel(case, meeting, may) for panel in listed("SAFEHOLD_MEETING_PANELS")]
    return render(request, "meetings/detail.html",
                  {"case": case, "meeting": meeting, "editable": may.change, "panels": panels})


# --- the meeting itself ------------------------------------------------------------------------------------

def _participants(data: dict[str, Any]) -> list[services.ParticipantInput]:
    return [services.ParticipantInput(voice=key) for key in data["participants"]]


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    kind = request.GET.get("kind", "")
    form = MeetingForm(request.POST or None, voices=case_voices(case), creating=True,
                       initial={"held_on": timezone.localdate(), "kind": kind if kind in MeetingKind.values else ""})
    sent = submit(form, lambda data: services.meeting_record(
        actor=request.user, case=case, kind=data["kind"], held_on=data["held_on"], place=data["place"],
        agenda=data["agenda"], minutes=data["minutes"], next_on=data["next_on"],
        participants=_participants(data)))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Meeting recorded."))
        return redirect(meeting_url(case, sent.result))
    return _form_page(request, case, form, heading=_("New meeting"), button=_("Record the meeting"),
                      back=reverse("meetings:list", kwargs={"case_id": case.pk}), status=sent.status)


def _meeting_conflict_rows(current: Meeting, form: MeetingForm) -> list[tuple[str, Any, Any]]:
    typed = form.data
    return [
        (_("Kind of meeting"), current.get_kind_display(), dict(MeetingKind.choices).get(typed.get("kind", ""), "")),
        (_("Date"), current.held_on, typed.get("held_on", "")),
        (_("Place"), current.place, typed.get("place", "")),
        (_("Agenda"), current.agenda, typed.get("agenda", "")),
        (_("Minutes"), current.minutes, typed.get("minutes", "")),
        (_("Next meeting"), current.next_on, typed.get("next_on", "")),
    ]


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def edit_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    shows(request, meeting)
    form = MeetingForm(request.POST or None, voices=case_voices(case), creating=False, initial={
        "kind": meeting.kind, "held_on": meeting.held_on, "place": meeting.place, "agenda": meeting.agenda,
        "minutes": meeting.minutes, "next_on": meeting.next_on, "version": meeting.version,
        "participants": [p.voice_key for p in meeting.participants.all()]})
    sent = submit(form, lambda data: services.meeting_change(
        actor=request.user, case=case, meeting=meeting, expected_version=data["version"] or 0,
        changes={**{name: data[name] for name in ("kind", "held_on", "place", "agenda", "minutes", "next_on")},
                 "participants": _participants(data)}))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(meeting_url(case, meeting))
    if sent.conflict:
        meeting.refresh_from_db()
    return _form_page(request, case, form, meeting=meeting, heading=str(meeting), button=_("Save"),
                      back=meeting_url(case, meeting), status=sent.status, conflict=sent.conflict,
                      conflict_rows=_meeting_conflict_rows(meeting, form) if sent.conflict else [])


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def presence_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    shows(request, meeting)
    form = PresenceForm(request.POST or None, meeting=meeting, initial={"version": meeting.version})
    sent = submit(form, lambda data: services.presence_set(
        actor=request.user, case=case, meeting=meeting, expected_version=data["version"] or 0,
        participants=form.presences("participant"), professionals=form.presences("professional")))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(meeting_url(case, meeting, "participants"))
    if sent.conflict:
        meeting.refresh_from_db()
    return _form_page(request, case, form, meeting=meeting, heading=_("Who was present"), button=_("Save"),
                      back=meeting_url(case, meeting, "participants"), status=sent.status, conflict=sent.conflict)


def _what_goes(meeting: Meeting) -> list[str]:
    """What the meeting's page shows that goes with it, counted (the page asking before deleting says it)."""
    people = len(meeting.participants.all()) + len(meeting.professionals.all())
    expectations, agreements = len(meeting.expectations.all()), len(meeting.agreements.all())
    goes = []
    if people:
        goes.append(ngettext("%(count)d participant", "%(count)d participants", people) % {"count": people})
    if expectations:
        goes.append(ngettext("%(count)d expectation gathered beforehand", "%(count)d expectations gathered "
                             "beforehand", expectations) % {"count": expectations})
    if agreements:
        goes.append(ngettext("%(count)d agreement", "%(count)d agreements", agreements) % {"count": agreements})
    return goes


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def delete_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    """GET asks first (saying what goes with the meeting and what stays), POST deletes."""
    meeting = case_meeting(case, meeting_id)
    if request.method == "POST":
        services.meeting_delete(actor=request.user, case=case, meeting=meeting)
        messages.success(request, _("Meeting deleted. The audit trail keeps a record of who deleted it."))
        return redirect("meetings:list", case_id=case.pk)
    shows(request, meeting)
    return render(request, "meetings/confirm_delete.html", {
        "case": case, "meeting": meeting, "goes": _what_goes(meeting), "back": meeting_url(case, meeting)})


# --- professionals from outside and the expectations gathered beforehand ----------------------------------

@case_view(Perm.CHANGE, methods=("GET", "POST"))
def professional_create_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    shows(request, meeting)
    form = ProfessionalForm(request.POST or None)
    sent = submit(form, lambda data: services.professional_add(actor=request.user, case=case, meeting=meeting,
                                                               **data))
    if sent.saved:
        return redirect(meeting_url(case, meeting, "participants"))
    return _form_page(request, case, form, meeting=meeting, heading=_("Add a professional"), button=_("Add"),
                      back=meeting_url(case, meeting, "participants"), status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def professional_delete_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int,
                             professional_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    professional = meeting_professional(meeting, professional_id)
    try:
        services.professional_remove(actor=request.user, case=case, meeting=meeting, professional=professional)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    return redirect(meeting_url(case, meeting, "participants"))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def expectation_create_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    shows(request, meeting)
    form = ExpectationForm(request.POST or None, voices=case_voices(case))
    sent = submit(form, lambda data: services.expectation_add(actor=request.user, case=case, meeting=meeting,
                                                              **data))
    if sent.saved:
        return redirect(meeting_url(case, meeting, "expectations"))
    return _form_page(request, case, form, meeting=meeting, heading=_("Add an expectation"), button=_("Add"),
                      back=meeting_url(case, meeting, "expectations"), status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def expectation_delete_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int,
                            expectation_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    services.expectation_remove(actor=request.user, case=case, expectation=meeting_expectation(meeting,
                                                                                               expectation_id))
    return redirect(meeting_url(case, meeting, "expectations"))


# --- agreements --------------------------------------------------------------------------------------------

@case_view(Perm.CHANGE, methods=("GET", "POST"))
def agreement_create_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    shows(request, meeting)
    form = AgreementForm(request.POST or None, creating=True)
    sent = submit(form, lambda data: services.agreement_add(actor=request.user, case=case, meeting=meeting, **data))
    if sent.saved:
        return redirect(meeting_url(case, meeting, "agreements"))
    return _form_page(request, case, form, meeting=meeting, heading=_("Add an agreement"), button=_("Add"),
                      back=meeting_url(case, meeting, "agreements"), status=sent.status)


def _agreement_conflict_rows(current: Agreement, form: AgreementForm) -> list[tuple[str, Any, Any]]:
    typed = form.data
    return [(_("What"), current.what, typed.get("what", "")), (_("Who"), current.who, typed.get("who", "")),
            (_("By when"), current.due_on, typed.get("due_on", ""))]


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def agreement_edit_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int,
                        meeting_agreement_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    agreement = meeting_agreement(meeting, meeting_agreement_id)
    shows(request, agreement)
    form = AgreementForm(request.POST or None, creating=False, initial={
        "what": agreement.what, "who": agreement.who, "due_on": agreement.due_on, "version": agreement.version})
    sent = submit(form, lambda data: services.agreement_update(
        actor=request.user, case=case, meeting=meeting, agreement=agreement, expected_version=data["version"] or 0,
        what=data["what"], who=data["who"], due_on=data["due_on"]))
    if sent.saved:
        return redirect(meeting_url(case, meeting, "agreements"))
    if sent.conflict:
        agreement.refresh_from_db()
    return _form_page(request, case, form, meeting=meeting, heading=_("Change the agreement"), button=_("Save"),
                      back=meeting_url(case, meeting, "agreements"), status=sent.status, conflict=sent.conflict,
                      conflict_rows=_agreement_conflict_rows(agreement, form) if sent.conflict else [])


@case_view(Perm.CHANGE, methods=("POST",))
def agreement_delete_view(request: AuthedRequest, case: Case, may: CasePerms, meeting_id: int,
                          meeting_agreement_id: int) -> HttpResponse:
    meeting = case_meeting(case, meeting_id)
    agreement = meeting_agreement(meeting, meeting_agreement_id)
    services.agreement_delete(actor=request.user, case=case, agreement=agreement)
    messages.success(request, _("Agreement deleted."))
    return redirect(meeting_url(case, meeting, "agreements"))
