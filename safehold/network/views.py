"""HTML views of the network: the genogram, the ecomap and the safety circles, drawn from one register of
relationships, and editing that register by pointing. Thin: every case through the access policy, every change
through a service.

On the network page every change answers htmx with the whole board (the pictures, the register, the people not
yet tied to anyone), because adding one tie changes all three pictures. A refused save is retargeted
(`HX-Retarget`) to its form. Without script every action is a plain form post with a redirect back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.perms import CasePerms, Perm
from safehold.core.forms import form_ids, submit
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.network import services
from safehold.network.forms import (
    CirclePlaceForm,
    CoordinatorForm,
    FamilyPersonForm,
    NetworkPersonForm,
    RelationshipEditForm,
    RelationshipForm,
)
from safehold.network.models import Circle, CirclePlacement, Relationship
from safehold.network.pictures import picture_svg
from safehold.network.selectors import case_network, case_relationship, network_people


@dataclass
class Placed:
    """A person as the circles section lists them: where they stand now."""

    person: Person
    circle: str


@dataclass
class Move:
    """One line of the circles' history."""

    placement: CirclePlacement
    person: Person


def _network_url(case: Case, anchor: str = "") -> str:
    url = reverse("network:overview", kwargs={"case_id": case.pk})
    return f"{url}#{anchor}" if anchor else url


def _board_context(case: Case, may: CasePerms, *, errors: list[str] | None = None) -> dict[str, Any]:
    """Everything the board shows, from the network loaded in a fixed number of queries."""
    network = case_network(case)
    by_id = {p.pk: p for p in network.people}
    tied: set[int] = set()
    for relationship in network.relationships:
        # The people are loaded already: hand them to the relationship rather than query each.
        relationship.person_a = by_id[relationship.person_a_id]
        relationship.person_b = by_id[relationship.person_b_id]
        tied |= {relationship.person_a_id, relationship.person_b_id}
    editable = may.change
    return {
        "case": case, "network": network, "editable": editable, "errors": errors or [],
        "pictures": {kind: picture_svg(network, kind) for kind in ("genogram", "ecomap", "circles", "size",
                                                                   "family")},
        "relationships": network.relationships,
        "untied": [p for p in network.people if p.pk not in tied],
        "coordinator": by_id.get(network.coordinator_id) if network.coordinator_id else None,
        "placed": [Placed(p, network.circles.get(p.pk, Circle.NONE)) for p in network.people if not p.is_child],
        "circle_choices": Circle.choices,
        "sizes": network.size_over_time(),
        "moves": [Move(placement, by_id[placement.person_id]) for placement in reversed(network.history)],
        "person_form": NetworkPersonForm(people=network.people, auto_id=form_ids("add-person")) if editable else None,
        "relationship_form": (RelationshipForm(people=network.people, auto_id=form_ids("add-relationship"))
                              if editable else None),
    }


def _board_response(request: AuthedRequest, case: Case, may: CasePerms, anchor: str = "", *,
                    form: forms.BaseForm | None = None, status: int = 200) -> HttpResponse:
    """After a change: htmx gets the board again; a plain post goes back to the page. A refused `form` that is
    not shown (the coordinator, a move between circles) has its messages above the board."""
    errors = [str(message) for field_errors in form.errors.values() for message in field_errors] if form else []
    if not request.htmx:
        for message in errors:
            messages.error(request, message)
        return redirect(_network_url(case, anchor))
    return render(request, "network/partials/_board.html", _board_context(case, may, errors=errors), status=status)


def _form_response(request: AuthedRequest, case: Case, *, template: str, target: str, title: str,
                   context: dict[str, Any], status: int) -> HttpResponse:
    """A form alone: for htmx in its place (retargeted there when refused), else on a page of its own."""
    context = {"case": case, "in_place": bool(request.htmx), **context}
    if request.htmx:
        return form_in_place(request, template, context, status=status, target=f"#{target}")
    return render(request, "network/form_page.html", {**context, "form_template": template, "title": title},
                  status=status)


# --- the page --------------------------------------------------------------------------------------------

@case_view(Perm.VIEW)
def overview_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    return render(request, "network/overview.html", _board_context(case, may))


@case_view(Perm.VIEW)
def board_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """The board as shown on the page (what "cancel" on a form brings back)."""
    if not request.htmx:
        return redirect(_network_url(case))
    return render(request, "network/partials/_board.html", _board_context(case, may))


# --- people and relationships ----------------------------------------------------------------------------

def _added(person: Person) -> SafeString:
    """"Freja Holm added to the case." as HTML, the name in a <bdi>: a right-to-left override in it must not
    reorder the words after it."""
    sentence = conditional_escape(_("%(name)s added to the case."))
    return mark_safe(sentence % {"name": format_html("<bdi>{}</bdi>", person.full_name)})  # nosec B308 B703 (escaped)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_add_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """Someone new and how they are related, in one step: if the relationship is refused, nobody is added."""
    form = NetworkPersonForm(request.POST or None, people=network_people(case), auto_id=form_ids("add-person"))
    sent = submit(form, lambda data: services.network_person_add(actor=request.user, case=case, **data))
    if sent.saved and sent.result is not None:
        if not request.htmx:
            messages.success(request, _added(sent.result))
        return _board_response(request, case, may, "pictures")
    return _form_response(request, case, template="network/partials/_person_form.html", target="add-person",
                          title=_("Add a person"), context={"person_form": form}, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def person_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """The case's "add a person" page: every field of a person and how they are related to the children, saved
    in one step into the people and the register."""
    people = network_people(case)
    role = request.GET.get("role", PersonRole.CHILD)
    form = FamilyPersonForm(request.POST or None, children=[p for p in people if p.is_child],
                            initial={"role": role if role in PersonRole.values else PersonRole.CHILD})
    sent = submit(form, lambda data: services.network_person_add(
        actor=request.user, case=case, **form.tie_fields(), **form.person_fields()))
    if sent.saved and sent.result is not None:
        person = sent.result
        messages.success(request, _added(person))
        if "add_another" in request.POST:
            return redirect(reverse("network:person_create", kwargs={"case_id": case.pk}) + f"?role={person.role}")
        return redirect("cases:detail", case_id=case.pk)
    return render(request, "network/person_create.html", {"case": case, "form": form}, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def relationship_add_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = RelationshipForm(request.POST or None, people=network_people(case), auto_id=form_ids("add-relationship"),
                            initial={"person_a": request.GET.get("person_a")})
    sent = submit(form, lambda data: services.relationship_create(actor=request.user, case=case, **data))
    if sent.saved:
        if not request.htmx:
            messages.success(request, _("Relationship recorded."))
        return _board_response(request, case, may, "register")
    return _form_response(request, case, template="network/partials/_relationship_form.html",
                          target="add-relationship", title=_("Add a relationship"),
                          context={"relationship_form": form}, status=sent.status)


def _shown(relationship: Relationship, name: str) -> object:
    display = getattr(relationship, f"get_{name}_display", None)
    return display() if display else getattr(relationship, name)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def relationship_edit_view(request: AuthedRequest, case: Case, may: CasePerms, relationship_id: int) -> HttpResponse:
    relationship = case_relationship(case, relationship_id)
    shows(request, relationship)
    form = RelationshipEditForm(request.POST or None, auto_id=form_ids(f"relationship-{relationship.pk}"), initial={
        **{name: getattr(relationship, name) for name in services.RELATIONSHIP_FIELDS},
        "version": relationship.version})
    sent = submit(form, lambda data: services.relationship_update(
        actor=request.user, case=case, relationship=relationship, expected_version=data["version"],
        kind=data["kind"], quality=data["quality"], legal_basis=data["legal_basis"], note=data["note"]))
    if sent.saved:
        if not request.htmx:
            messages.success(request, _("Saved."))
        return _board_response(request, case, may, "register")
    if sent.conflict:
        relationship.refresh_from_db()  # the page shows what is saved, the form what the user typed
    return _form_response(
        request, case, template="network/partials/_relationship_edit_form.html",
        target=f"relationship-{relationship.pk}", title=_("Edit the relationship"),
        context={"form": form, "relationship": relationship, "conflict": sent.conflict,
                 "conflict_current": [(form.fields[name].label, _shown(relationship, name))
                                      for name in services.RELATIONSHIP_FIELDS] if sent.conflict else []},
        status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def relationship_delete_view(request: AuthedRequest, case: Case, may: CasePerms, relationship_id: int
                             ) -> HttpResponse:
    relationship = case_relationship(case, relationship_id)
    services.relationship_delete(actor=request.user, case=case, relationship=relationship)
    return _board_response(request, case, may, "register")


# --- the coordinator and the circles ---------------------------------------------------------------------

@case_view(Perm.CHANGE, methods=("POST",))
def coordinator_set_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """Mark someone as the network coordinator, or nobody (an empty `person`)."""
    form = CoordinatorForm(request.POST)
    sent = submit(form, lambda data: services.coordinator_set(actor=request.user, case=case, person=data["person"]))
    return _board_response(request, case, may, "ecomap", form=form, status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def circle_place_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """Move someone to another safety circle from today on; the earlier places stay as the history."""
    form = CirclePlaceForm(request.POST)
    sent = submit(form, lambda data: services.circle_place(actor=request.user, case=case, person=data["person"],
                                                           circle=data["circle"]))
    return _board_response(request, case, may, "circles", form=form, status=sent.status)
