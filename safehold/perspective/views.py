"""The perspective tool's pages: the placements of a case's children and the contacts during a placement, the
clarification assignments and the recommendation. Thin: every case through the access policy (`case_view`), every
change through a service, every read audited. Deleting asks first on a page of its own (GET) saying what goes with
the record and what only loses a link to it; the POST deletes: no script needed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext

from safehold.audit.services import Action
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.cases.selectors import case_people
from safehold.cases.views import conflict_rows
from safehold.core.downloads import download_response
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.core.text import isolate
from safehold.meetings.selectors import case_meetings
from safehold.perspective import services
from safehold.perspective.attention import PLACEMENT_ENDS_SOON
from safehold.perspective.forms import AssignmentForm, ContactForm, PlacementForm, RecommendationForm
from safehold.perspective.models import Assignment, Contact, Placement
from safehold.perspective.selectors import (
    Losses,
    assignment_losses,
    case_assignment,
    case_assignments,
    case_contacts,
    case_placement,
    case_placements,
    contact_losses,
    placement_contact,
    placement_contacts,
    placement_losses,
    placement_recommendation,
)
from safehold.perspective.timeline import timeline_document, timeline_svg


def _placement_initial(placement: Placement) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(placement, name) for name in services.PLACEMENT_FIELDS}
    return {**initial, "child": placement.child_id, "carers": [p.pk for p in placement.carers.all()],
            "version": placement.version}


def _contact_initial(contact: Contact) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
    return {**initial, "present": [p.pk for p in contact.present.all()], "version": contact.version}


@case_view(Perm.VIEW)
def placements_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    return render(request, "perspective/placements.html", {
        "case": case, "may": may, "placements": case_placements(case),
        "ends_soon": timezone.localdate() + PLACEMENT_ENDS_SOON})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def placement_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = PlacementForm(request.POST or None, people=case_people(case=case))
    sent = submit(form, lambda data: services.placement_create(actor=request.user, case=case,
                                                               **form.service_fields()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Placement recorded."))
        return redirect("perspective:placement_detail", case_id=case.pk, placement_id=sent.result.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": _("Record a placement"),
        "back": reverse("perspective:placements", kwargs={"case_id": case.pk})}, status=sent.status)


@case_view(Perm.VIEW)
def placement_detail_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    shows(request, placement)
    contacts = placement_contacts(placement)
    return render(request, "perspective/placement_detail.html", {
        "case": case, "may": may, "placement": placement, "contacts": contacts,
        "timeline": timeline_svg(placement, contacts)})


@case_view(Perm.VIEW, audit=Action.EXPORT)
def placement_timeline_svg_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    shows(request, placement, object_type="perspective.timeline.svg")
    return download_response(timeline_document(case, placement))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def placement_edit_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    shows(request, placement)
    form = PlacementForm(request.POST or None, people=case_people(case=case), editing=True,
                         initial=_placement_initial(placement))
    sent = submit(form, lambda data: services.placement_update(
        actor=request.user, case=case, placement=placement, expected_version=data["version"],
        **form.service_fields()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("perspective:placement_detail", case_id=case.pk, placement_id=placement.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": _("Edit the placement"), "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, services.PLACEMENT_FIELDS) if sent.conflict else [],
        "back": reverse("perspective:placement_detail", kwargs={"case_id": case.pk, "placement_id": placement.pk})},
        status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def contact_create_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    shows(request, placement)
    form = ContactForm(request.POST or None, people=case_people(case=case))
    sent = submit(form, lambda data: services.contact_create(actor=request.user, case=case, placement=placement,
                                                             **form.service_fields()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Contact recorded."))
        return redirect("perspective:contact_detail", case_id=case.pk, placement_id=placement.pk,
                        contact_visit_id=sent.result.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": _("Plan or record a contact"),
        "back": reverse("perspective:placement_detail", kwargs={"case_id": case.pk, "placement_id": placement.pk})},
        status=sent.status)


@case_view(Perm.VIEW)
def contact_detail_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int,
                        contact_visit_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    contact = placement_contact(placement, contact_visit_id)
    shows(request, contact)
    return render(request, "perspective/contact_detail.html",
                  {"case": case, "may": may, "placement": placement, "contact": contact})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def contact_edit_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int,
                      contact_visit_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    contact = placement_contact(placement, contact_visit_id)
    shows(request, contact)
    form = ContactForm(request.POST or None, people=case_people(case=case), editing=True,
                       initial=_contact_initial(contact))
    sent = submit(form, lambda data: services.contact_update(
        actor=request.user, case=case, contact=contact, expected_version=data["version"], **form.service_fields()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("perspective:contact_detail", case_id=case.pk, placement_id=placement.pk,
                        contact_visit_id=contact.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": pgettext("contact visit", "Edit the contact"),
        "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, services.CONTACT_FIELDS) if sent.conflict else [],
        "back": reverse("perspective:contact_detail", kwargs={"case_id": case.pk, "placement_id": placement.pk,
                                                "contact_visit_id": contact.pk})}, status=sent.status)


def _assignment_initial(assignment: Assignment) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(assignment, name) for name in services.ASSIGNMENT_FIELDS}
    return {**initial, "meeting": assignment.meeting_id, "contacts": [c.pk for c in assignment.contacts.all()],
            "version": assignment.version}


def _assignment_form(request: AuthedRequest, case: Case, **kwargs: Any) -> AssignmentForm:
    return AssignmentForm(request.POST or None, meetings=case_meetings(case), contacts=case_contacts(case),
                          **kwargs)


@case_view(Perm.VIEW)
def assignments_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    return render(request, "perspective/assignments.html",
                  {"case": case, "may": may, "assignments": case_assignments(case)})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def assignment_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = _assignment_form(request, case)
    sent = submit(form, lambda data: services.assignment_create(actor=request.user, case=case,
                                                                **form.service_fields()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Assignment recorded."))
        return redirect("perspective:assignment_detail", case_id=case.pk, clarification_id=sent.result.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": _("Record a clarification assignment"),
        "back": reverse("perspective:assignments", kwargs={"case_id": case.pk})}, status=sent.status)


@case_view(Perm.VIEW)
def assignment_detail_view(request: AuthedRequest, case: Case, may: CasePerms, clarification_id: int) -> HttpResponse:
    assignment = case_assignment(case, clarification_id)
    shows(request, assignment)
    return render(request, "perspective/assignment_detail.html",
                  {"case": case, "may": may, "assignment": assignment})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def assignment_edit_view(request: AuthedRequest, case: Case, may: CasePerms, clarification_id: int) -> HttpResponse:
    assignment = case_assignment(case, clarification_id)
    shows(request, assignment)
    form = _assignment_form(request, case, editing=True, initial=_assignment_initial(assignment))
    sent = submit(form, lambda data: services.assignment_update(
        actor=request.user, case=case, assignment=assignment, expected_version=data["version"],
        **form.service_fields()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("perspective:assignment_detail", case_id=case.pk, clarification_id=assignment.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": _("Edit the assignment"), "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, services.ASSIGNMENT_FIELDS)
        if sent.conflict else [],
        "back": reverse("perspective:assignment_detail", kwargs={"case_id": case.pk,
                                                                 "clarification_id": assignment.pk})},
        status=sent.status)


@case_view(Perm.VIEW)
def recommendation_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    recommendation = placement_recommendation(placement)
    shows(request, recommendation or placement)
    return render(request, "perspective/recommendation.html", {
        "case": case, "may": may, "placement": placement, "recommendation": recommendation})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def recommendation_edit_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    recommendation = placement_recommendation(placement)
    shows(request, recommendation or placement)
    initial: dict[str, Any] = {}
    if recommendation is not None:
        initial = {name: getattr(recommendation, name) for name in services.RECOMMENDATION_FIELDS}
        initial.update(assignments=[a.pk for a in recommendation.assignments.all()],
                       contacts=[c.pk for c in recommendation.contacts.all()], version=recommendation.version)
    form = RecommendationForm(request.POST or None, assignments=case_assignments(case), contacts=case_contacts(case),
                              initial=initial)
    sent = submit(form, lambda data: services.recommendation_save(
        actor=request.user, case=case, placement=placement, expected_version=data.get("version"),
        **form.service_fields()))
    if sent.saved:
        messages.success(request, _("Recommendation saved."))
        return redirect("perspective:recommendation", case_id=case.pk, placement_id=placement.pk)
    return render(request, "perspective/form.html", {
        "case": case, "form": form, "title": _("The recommendation"), "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, services.RECOMMENDATION_FIELDS)
        if sent.conflict else [],
        "back": reverse("perspective:recommendation", kwargs={"case_id": case.pk, "placement_id": placement.pk})},
        status=sent.status)


# --- deleting ------------------------------------------------------------------------------------------------

def _confirm_delete(request: AuthedRequest, case: Case, *, question: str, back: str, goes: list[str],
                    losses: Losses | None = None) -> HttpResponse:
    return render(request, "perspective/confirm_delete.html", {
        "case": case, "question": question, "goes": goes, "losses": losses or Losses(), "back": back})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def placement_delete_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    """GET asks first (how many contacts go with it, whether a recommendation is lost), POST deletes."""
    placement = case_placement(case, placement_id)
    if request.method == "POST":
        services.placement_delete(actor=request.user, case=case, placement=placement)
        messages.success(request, _("Placement deleted. The audit trail keeps a record of who deleted it."))
        return redirect("perspective:placements", case_id=case.pk)
    shows(request, placement)
    losses = placement_losses(placement)
    goes = []
    if losses.contacts:
        goes.append(npgettext("contact visits", "%(count)d contact", "%(count)d contacts", losses.contacts)
                    % {"count": losses.contacts})
    if losses.recommendation is not None:
        goes.append(_("the recommendation: %(option)s") % {"option": losses.recommendation.get_option_display()})
    return _confirm_delete(
        request, case, question=_("Delete the placement of %(name)s?") % {"name": isolate(placement.child.full_name)},
        goes=goes, losses=losses,
        back=reverse("perspective:placement_detail", kwargs={"case_id": case.pk, "placement_id": placement.pk}))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def contact_delete_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int,
                        contact_visit_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    contact = placement_contact(placement, contact_visit_id)
    if request.method == "POST":
        services.contact_delete(actor=request.user, case=case, contact=contact)
        messages.success(request, pgettext("contact visit", "Contact deleted. The audit trail keeps a record of who "
                                                            "deleted it."))
        return redirect("perspective:placement_detail", case_id=case.pk, placement_id=placement.pk)
    shows(request, contact)
    return _confirm_delete(
        request, case, goes=[], losses=contact_losses(contact),
        question=pgettext("contact visit", "Delete the contact on %(day)s?") % {
            "day": date_format(contact.on, "SHORT_DATE_FORMAT")},
        back=reverse("perspective:contact_detail", kwargs={"case_id": case.pk, "placement_id": placement.pk,
                                                           "contact_visit_id": contact.pk}))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def assignment_delete_view(request: AuthedRequest, case: Case, may: CasePerms, clarification_id: int) -> HttpResponse:
    assignment = case_assignment(case, clarification_id)
    if request.method == "POST":
        services.assignment_delete(actor=request.user, case=case, assignment=assignment)
        messages.success(request, _("Assignment deleted. The audit trail keeps a record of who deleted it."))
        return redirect("perspective:assignments", case_id=case.pk)
    shows(request, assignment)
    return _confirm_delete(
        request, case, question=_("Delete this clarification assignment?"), goes=[],
        losses=assignment_losses(assignment),
        back=reverse("perspective:assignment_detail", kwargs={"case_id": case.pk, "clarification_id": assignment.pk}))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def recommendation_delete_view(request: AuthedRequest, case: Case, may: CasePerms, placement_id: int) -> HttpResponse:
    placement = case_placement(case, placement_id)
    recommendation = placement_recommendation(placement)
    if recommendation is None:
        raise Http404
    if request.method == "POST":
        services.recommendation_delete(actor=request.user, case=case, recommendation=recommendation)
        messages.success(request, _("Recommendation deleted. The audit trail keeps a record of who deleted it."))
        return redirect("perspective:placement_detail", case_id=case.pk, placement_id=placement.pk)
    shows(request, recommendation)
    return _confirm_delete(
        request, case, goes=[],
        question=_("Delete the recommendation (%(option)s)?") % {"option": recommendation.get_option_display()},
        back=reverse("perspective:recommendation", kwargs={"case_id": case.pk, "placement_id": placement.pk}))
