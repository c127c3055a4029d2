"""The perspective tool's pages: the placements of a case's children and the contacts during a placement. Thin:
every case through the access policy (`case_view`), every change through a service, every read audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.cases.selectors import case_people
from safehold.cases.views import conflict_rows
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.perspective import services
from safehold.perspective.forms import ContactForm, PlacementForm
from safehold.perspective.models import Contact, Placement
from safehold.perspective.selectors import case_placement, case_placements, placement_contact, placement_contacts
from safehold.perspective.timeline import timeline_svg


def _placement_initial(placement: Placement) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(placement, name) for name in services.PLACEMENT_FIELDS}
    return {**initial, "child": placement.child_id, "carers": [p.pk for p in placement.carers.all()],
            "version": placement.version}


def _contact_initial(contact: Contact) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
    return {**initial, "present": [p.pk for p in contact.present.all()], "version": contact.version}


@case_view(Perm.VIEW)
def placements_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    return render(request, "perspective/placements.html",
                  {"case": case, "may": may, "placements": case_placements(case)})


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
