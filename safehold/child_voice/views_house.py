"""HTML views of the child's Safety House: who lives inside, the rules on the roof, the path, visitors, who stays
outside, and how safe the child feels. The same pattern as the conversation pages (`views.py`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.audit.services import audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case, Person
from safehold.child_voice import services
from safehold.child_voice.forms import HouseItemForm, SafetyHouseForm, ScoreForm, VisibilityForm
from safehold.child_voice.models import AUDIENCES, HOUSE_AREAS, PEOPLE_AREAS, HouseArea, HouseItem, SafetyHouse
from safehold.child_voice.pictures import safety_house_svg
from safehold.child_voice.selectors import case_safety_house, safety_house_for
from safehold.child_voice.views import audience_of, children_of, downloads, editable, overview_url, service_messages
from safehold.core.forms import form_ids, keep_typed_against
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError


def _house_url(case: Case, house: SafetyHouse, anchor: str = "") -> str:
    url = reverse("child_voice:house", kwargs={"case_id": case.pk, "house_id": house.pk})
    return f"{url}#{anchor}" if anchor else url


def _load(request: AuthedRequest, case_id: int, house_id: int, perm: Perm = Perm.VIEW) -> tuple[Case, SafetyHouse]:
    case = legacy_access_case(request.user, case_id, perm)
    return case, case_safety_house(case, house_id)


def _item(house: SafetyHouse, item_id: int) -> HouseItem:
    """An entry of the house, from what the selector loaded (no query)."""
    found = next((i for i in house.items.all() if i.pk == int(item_id)), None)
    if found is None:
        raise Http404
    found.house = house
    return found


def _people(case: Case) -> list[Person]:
    return list(case.people.order_by("role", "first_name", "id"))


@login_required
@require_http_methods(["GET", "POST"])
def house_create_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    children = children_of(case)
    form = SafetyHouseForm(request.POST or None, children=children, creating=True, auto_id=form_ids("house"),
                           initial={"drawn_on": timezone.localdate(),
                                    "child": request.GET.get("child") or (children[0].pk if len(children) == 1
                                                                         else None)})
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    elif form.is_valid():
        try:
            house = services.safety_house_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Safety House started."))
            return redirect(_house_url(case, house))
    return render(request, "child_voice/house_form.html", {"case": case, "form": form, "creating": True},
                  status=400 if form.errors else 200)


def _areas_context(case: Case, house: SafetyHouse) -> dict[str, Any]:
    view = safety_house_for(house, "worker")
    return {"case": case, "house": house, "editable": editable(case), "people_areas": PEOPLE_AREAS,
            "areas": [(area, HouseArea(area).label, view.areas[area]) for area in HOUSE_AREAS]}


def _areas_response(request: AuthedRequest, case: Case, house: SafetyHouse, anchor: str = "") -> HttpResponse:
    if not request.htmx:
        return redirect(_house_url(case, house, anchor))
    return render(request, "child_voice/partials/_house_areas.html",
                  _areas_context(case, case_safety_house(case, house.pk)))


def _score_form(house: SafetyHouse, data=None) -> ScoreForm:
    return ScoreForm(data, auto_id=form_ids("score"), initial={
        "safety_score": house.safety_score, "score_visibility": house.score_visibility, "version": house.version})


@login_required
@require_GET
def house_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    case, house = _load(request, case_id, house_id)
    audit_view(actor=request.user, case=case, obj=house)
    audience = audience_of(request)
    preview = safety_house_for(house, audience)
    return render(request, "child_voice/house_detail.html", {
        **_areas_context(case, house),
        "audience": audience, "audiences": AUDIENCES, "preview": preview,
        "picture": safety_house_svg(preview),
        "drawings": safety_house_for(house, "worker").drawings,
        "score_form": _score_form(house) if editable(case) else None,
        "downloads": downloads("safety_house", case, house_id=house.pk),
    })


@login_required
@require_GET
def house_areas_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    """The five areas as shown on the page (what "cancel" on a form brings back)."""
    case, house = _load(request, case_id, house_id)
    audit_view(actor=request.user, case=case, obj=house)
    if not request.htmx:
        return redirect(_house_url(case, house))
    return render(request, "child_voice/partials/_house_areas.html", _areas_context(case, house))


@login_required
@require_http_methods(["GET", "POST"])
def house_edit_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    form = SafetyHouseForm(request.POST or None, children=[], creating=False,
                           initial={"drawn_on": house.drawn_on, "note": house.note, "version": house.version})
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=house)
    elif form.is_valid():
        try:
            services.safety_house_update(actor=request.user, case=case, house=house,
                                         expected_version=form.cleaned_data["version"] or 0,
                                         drawn_on=form.cleaned_data["drawn_on"], note=form.cleaned_data["note"])
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_house_url(case, house))
    current = SafetyHouse.objects.get(pk=house.pk) if conflict else None
    return render(request, "child_voice/house_form.html", {
        "case": case, "house": house, "form": form, "creating": False, "conflict": conflict,
        "conflict_rows": [(_("Date"), current.drawn_on, form.data.get("drawn_on", "")),
                          (_("Worker's note"), current.note, form.data.get("note", ""))] if current else [],
    }, status=409 if conflict else 400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def house_score_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    """The child's safety scale and who may see it, in place."""
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    form = _score_form(house, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.safety_house_update(actor=request.user, case=case, house=house,
                                         expected_version=form.cleaned_data["version"] or 0,
                                         safety_score=form.cleaned_data["safety_score"],
                                         score_visibility=form.cleaned_data["score_visibility"])
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
            house = error.current  # type: ignore[assignment]
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect(_house_url(case, house, "score"))
            form = _score_form(house)
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=house)
    status = 409 if conflict else 400 if form.errors else 200
    context = {"case": case, "house": house, "score_form": form, "editable": True, "conflict": conflict,
               "typed_score": form.data.get("safety_score", "") if conflict else ""}
    if request.htmx:
        return render(request, "child_voice/partials/_score.html", context, status=status)
    return render(request, "child_voice/form_page.html", {
        **context, "title": _("The child's safety scale"), "back": _house_url(case, house),
        "form_template": "child_voice/partials/_score.html"}, status=status)


# --- the entries of the house ----------------------------------------------------------------------------

def _item_form_response(request: AuthedRequest, case: Case, house: SafetyHouse, area: str, form: HouseItemForm,
                        *, status: int, item: HouseItem | None = None,
                        conflict: ConflictError | None = None) -> HttpResponse:
    context = {"case": case, "house": house, "area": area, "area_label": HouseArea(area).label, "form": form,
               "item": item, "conflict": conflict}
    if request.htmx:
        return form_in_place(request, "child_voice/partials/_item_form.html", context, status=status,
                             target=f"#item-{item.pk}" if item else f"#new-{area}")
    return render(request, "child_voice/form_page.html", {
        **context, "title": context["area_label"], "back": _house_url(case, house),
        "form_template": "child_voice/partials/_item_form.html"}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def item_create_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    area = request.POST.get("area") or request.GET.get("area") or ""
    area = area if area in HouseArea.values else HouseArea.INSIDE
    form = HouseItemForm(request.POST or None, people=_people(case), with_person=area in PEOPLE_AREAS,
                         initial={"area": area}, auto_id=form_ids(f"new-{area}"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=house)
        return _item_form_response(request, case, house, area, form, status=200)
    if form.is_valid():
        try:
            services.house_item_create(actor=request.user, case=case, house=house, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _areas_response(request, case, house, f"house-area-{area}")
    return _item_form_response(request, case, house, area, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit_view(request: AuthedRequest, case_id: int, house_id: int, item_id: int) -> HttpResponse:
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    item = _item(house, item_id)
    form = HouseItemForm(request.POST or None, people=_people(case), with_person=True, editing=True,
                         auto_id=form_ids(f"item-{item.pk}"), initial={
                             "area": item.area, "person": item.person_id, "text": item.text,
                             "written_by": item.written_by, "visibility": item.visibility, "version": item.version})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=item)
        return _item_form_response(request, case, house, item.area, form, status=200, item=item)
    conflict = None
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.house_item_update(actor=request.user, case=case, item=item,
                                       expected_version=form.cleaned_data["version"] or 0, **data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _areas_response(request, case, house, f"item-{item.pk}")
    return _item_form_response(request, case, house, item.area, form, status=409 if conflict else 400, item=item,
                               conflict=conflict)


@login_required
@require_POST
def item_visibility_view(request: AuthedRequest, case_id: int, house_id: int, item_id: int) -> HttpResponse:
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    item = _item(house, item_id)
    form = VisibilityForm(request.POST)
    status, problem = 200, ""
    if not form.is_valid():
        status, problem = 400, _("Say who the child agreed may see this.")
    else:
        try:
            services.house_item_update(actor=request.user, case=case, item=item,
                                       expected_version=form.cleaned_data["version"] or 0,
                                       visibility=form.cleaned_data["visibility"])
        except ConflictError as error:
            status, problem = 409, str(error.message)
            item = HouseItem.objects.select_related("person").get(pk=item.pk)
        except ValidationError as error:
            status, problem = 400, " ".join(error.messages)
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        return redirect(_house_url(case, house, f"item-{item.pk}"))
    return render(request, "child_voice/partials/_item.html", {
        "case": case, "house": house, "item": item, "editable": editable(case), "problem": problem}, status=status)


@login_required
@require_POST
def item_delete_view(request: AuthedRequest, case_id: int, house_id: int, item_id: int) -> HttpResponse:
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    item = _item(house, item_id)
    try:
        services.house_item_delete(actor=request.user, case=case, item=item)
    except ValidationError as error:
        service_messages(request, error)
    else:
        if not request.htmx:
            messages.success(request, _("Entry deleted."))
    return _areas_response(request, case, house, f"house-area-{item.area}")


@login_required
@require_http_methods(["GET", "POST"])
def house_delete_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    """GET asks first (saying what goes with it), POST deletes."""
    case, house = _load(request, case_id, house_id, Perm.CHANGE)
    if request.method == "POST":
        try:
            services.safety_house_delete(actor=request.user, case=case, house=house)
        except ValidationError as error:
            service_messages(request, error)
            return redirect(_house_url(case, house))
        messages.success(request, _("Safety House deleted. The audit trail keeps a record of who deleted it."))
        return redirect(overview_url(case))
    audit_view(actor=request.user, case=case, obj=house)
    view = safety_house_for(house, "worker")
    return render(request, "child_voice/confirm_delete.html", {
        "case": case, "question": _("Delete this Safety House?"),
        "consequence": _("Its %(entries)d entries and %(drawings)d drawings are deleted with it.") % {
            "entries": sum(len(items) for items in view.areas.values()), "drawings": len(view.drawings)},
        "back": _house_url(case, house),
        "action": reverse("child_voice:house_delete", kwargs={"case_id": case.pk, "house_id": house.pk}),
    })
