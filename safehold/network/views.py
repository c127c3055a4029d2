"""HTML views of the network: the genogram, the ecomap and the safety circles, drawn from one register of
relationships, and editing that register by pointing. Thin: every case through the access policy, every change
through a service.

On the network page every change answers htmx with the whole board (the pictures, the register, the people not
yet tied to anyone), because adding one tie changes all three pictures. A refused save is retargeted
(`HX-Retarget`) to its form. Without script every action is a plain form post with a redirect back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.audit.services import audit_view
from safehold.cases import services as cases
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case, Person
from safehold.core.forms import form_ids, keep_typed_against
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError
from safehold.network import services
from safehold.network.forms import NetworkPersonForm, RelationshipEditForm, RelationshipForm
from safehold.network.models import Circle, CirclePlacement, Relationship
from safehold.network.sections import picture_svg
from safehold.network.selectors import Network, case_network, case_relationship

RELATIONSHIP_TEXT = ("kind", "quality", "legal_basis", "note")


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


def _editable(case: Case) -> bool:
    return Perm.CHANGE in case.permissions


def _board_context(case: Case, *, network: Network | None = None, person_form: NetworkPersonForm | None = None,
                   relationship_form: RelationshipForm | None = None, errors: list[str] | None = None) -> dict:
    """Everything the board shows, from the network loaded in a fixed number of queries."""
    network = network or case_network(case)
    by_id = {p.pk: p for p in network.people}
    tied: set[int] = set()
    for relationship in network.relationships:
        # The people are loaded already: hand them to the relationship rather than query each.
        relationship.person_a = by_id[relationship.person_a_id]
        relationship.person_b = by_id[relationship.person_b_id]
        tied |= {relationship.person_a_id, relationship.person_b_id}
    editable = _editable(case)
    return {
        "case": case, "network": network, "editable": editable, "errors": errors or [],
        "pictures": {kind: picture_svg(network, kind) for kind in ("genogram", "ecomap", "circles", "size")},
        "relationships": network.relationships,
        "untied": [p for p in network.people if p.pk not in tied],
        "coordinator": by_id.get(network.coordinator_id) if network.coordinator_id else None,
        "placed": [Placed(p, network.circles.get(p.pk, Circle.NONE)) for p in network.people if not p.is_child],
        "circle_choices": Circle.choices,
        "sizes": network.size_over_time(),
        "moves": [Move(placement, by_id[placement.person_id]) for placement in reversed(network.history)],
        "person_form": person_form or (NetworkPersonForm(people=network.people, auto_id=form_ids("add-person"))
                                       if editable else None),
        "relationship_form": relationship_form or (
            RelationshipForm(people=network.people, auto_id=form_ids("add-relationship")) if editable else None),
    }


def _board_response(request: AuthedRequest, case: Case, anchor: str = "", *, status: int = 200,
                    errors: list[str] | None = None) -> HttpResponse:
    """After a change: htmx gets the board again; a plain post goes back to the page."""
    if not request.htmx:
        for message in errors or []:
            messages.error(request, message)
        return redirect(_network_url(case, anchor))
    return render(request, "network/partials/_board.html", _board_context(case, errors=errors), status=status)


def _form_response(request: AuthedRequest, case: Case, *, template: str, target: str, title: str,
                   context: dict, status: int) -> HttpResponse:
    """A form alone: for htmx in its place (retargeted there when refused), else on a page of its own."""
    context = {"case": case, "in_place": bool(request.htmx), **context}
    if request.htmx:
        return form_in_place(request, template, context, status=status, target=f"#{target}")
    return render(request, "network/form_page.html", {**context, "form_template": template, "title": title},
                  status=status)


# --- the page --------------------------------------------------------------------------------------------

@login_required
@require_GET
def overview_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    audit_view(actor=request.user, case=case)
    return render(request, "network/overview.html", _board_context(case))


@login_required
@require_GET
def board_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    """The board as shown on the page (what "cancel" on a form brings back)."""
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    if not request.htmx:
        return redirect(_network_url(case))
    audit_view(actor=request.user, case=case)
    return render(request, "network/partials/_board.html", _board_context(case))


# --- people and relationships ----------------------------------------------------------------------------

# Where a refused relationship's messages go on the person form: the new person is always the first person.
PERSON_FORM_FIELDS = {"person_a": "first_name", "person_b": "related_to"}


def _on_person_form(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({PERSON_FORM_FIELDS.get(field, field): messages_
                            for field, messages_ in error.message_dict.items()})


@login_required
@require_http_methods(["GET", "POST"])
def person_add_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    """Someone new and how they are related, in one step: if the relationship is refused, nobody is added."""
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    people = list(case.people.all())
    form = NetworkPersonForm(request.POST or None, people=people, auto_id=form_ids("add-person"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    elif form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = cases.person_create(actor=request.user, case=case, **form.person_data())
                if data["kind"]:
                    services.relationship_create(actor=request.user, case=case, person_a=person,
                                                 person_b=data["related_to"], kind=data["kind"],
                                                 quality=data["quality"], legal_basis=data["legal_basis"])
        except ValidationError as error:
            form.add_service_errors(_on_person_form(error))
        else:
            if not request.htmx:
                messages.success(request, _("%(name)s added to the case.") % {"name": person.full_name})
            return _board_response(request, case, "pictures")
    return _form_response(request, case, template="network/partials/_person_form.html", target="add-person",
                          title=_("Add a person"), context={"person_form": form},
                          status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def relationship_add_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    form = RelationshipForm(request.POST or None, people=list(case.people.all()),
                            auto_id=form_ids("add-relationship"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    elif form.is_valid():
        try:
            services.relationship_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if not request.htmx:
                messages.success(request, _("Relationship recorded."))
            return _board_response(request, case, "register")
    return _form_response(request, case, template="network/partials/_relationship_form.html",
                          target="add-relationship", title=_("Add a relationship"),
                          context={"relationship_form": form}, status=400 if form.errors else 200)


def _relationship_initial(relationship: Relationship) -> dict[str, Any]:
    return {**{name: getattr(relationship, name) for name in RELATIONSHIP_TEXT}, "version": relationship.version}


def _shown(relationship: Any, name: str) -> Any:
    display = getattr(relationship, f"get_{name}_display", None)
    return display() if display else getattr(relationship, name)


@login_required
@require_http_methods(["GET", "POST"])
def relationship_edit_view(request: AuthedRequest, case_id: int, relationship_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    relationship = case_relationship(case, relationship_id)
    form = RelationshipEditForm(request.POST or None, initial=_relationship_initial(relationship),
                                auto_id=form_ids(f"relationship-{relationship.pk}"))
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=relationship)
    elif form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            services.relationship_update(actor=request.user, case=case, relationship=relationship,
                                         expected_version=expected, **data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if not request.htmx:
                messages.success(request, _("Saved."))
            return _board_response(request, case, "register")
    current = conflict.current if conflict else None
    return _form_response(
        request, case, template="network/partials/_relationship_edit_form.html",
        target=f"relationship-{relationship.pk}", title=_("Edit the relationship"),
        context={"form": form, "relationship": relationship, "conflict": conflict,
                 "conflict_current": [(form.fields[name].label, _shown(current, name)) for name in RELATIONSHIP_TEXT]
                 if current else []},
        status=409 if conflict else 400 if form.errors else 200)


@login_required
@require_POST
def relationship_delete_view(request: AuthedRequest, case_id: int, relationship_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    relationship = case_relationship(case, relationship_id)
    try:
        services.relationship_delete(actor=request.user, case=case, relationship=relationship)
    except ValidationError as error:
        return _board_response(request, case, "register", status=400, errors=error.messages)
    return _board_response(request, case, "register")


# --- the coordinator and the circles ---------------------------------------------------------------------

@login_required
@require_POST
def coordinator_set_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    """Mark someone as the network coordinator, or nobody (an empty `person`)."""
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    try:
        services.coordinator_set(actor=request.user, case=case, person=request.POST.get("person") or None)
    except ValidationError as error:
        return _board_response(request, case, "ecomap", status=400, errors=error.messages)
    return _board_response(request, case, "ecomap")


@login_required
@require_POST
def circle_place_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    """Move someone to another safety circle from today on; the earlier places stay as the history."""
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    try:
        services.circle_place(actor=request.user, case=case, person=request.POST.get("person"),
                              circle=request.POST.get("circle", ""))
    except ValidationError as error:
        return _board_response(request, case, "circles", status=400, errors=error.messages)
    return _board_response(request, case, "circles")
