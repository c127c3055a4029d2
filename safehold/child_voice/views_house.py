"""HTML views of the child's Safety House: who lives inside, the rules on the roof, the path, visitors, who stays
outside, and how safe the child feels. The same pattern as the conversation pages (`views.py`).

A child living in a placement lives with its carers: the house says so beside "who lives here", and the carers
are offered first when someone is put inside."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.child_voice import services
from safehold.child_voice.forms import HouseItemForm, SafetyHouseForm, ScoreForm, VisibilityForm
from safehold.child_voice.models import AUDIENCES, HOUSE_AREAS, PEOPLE_AREAS, HouseArea, HouseItem, SafetyHouse
from safehold.child_voice.pictures import safety_house_svg
from safehold.child_voice.selectors import (
    ChildHome,
    case_children,
    case_people_by_role,
    case_safety_house,
    children_homes,
    house_item,
    safety_house_for,
)
from safehold.child_voice.views_common import (
    audience_of,
    downloads,
    house_url,
    overview_url,
    visibility_problem,
    without_version,
)
from safehold.core.forms import form_ids, submit
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def house_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    children = case_children(case)
    form = SafetyHouseForm(request.POST or None, children=children, creating=True, auto_id=form_ids("house"),
                           initial={"drawn_on": timezone.localdate(),
                                    "child": request.GET.get("child") or (children[0].pk if len(children) == 1
                                                                         else None)})
    sent = submit(form, lambda data: services.safety_house_create(actor=request.user, case=case, **data))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Safety House started."))
        return redirect(house_url(case, sent.result))
    return render(request, "child_voice/house_form.html", {"case": case, "form": form, "creating": True},
                  status=sent.status)


def _child_home(case: Case, house: SafetyHouse) -> ChildHome | None:
    """Where the house's child lives now, if in a placement."""
    return children_homes(case, [house.child]).get(house.child_id)


def _areas_context(case: Case, may: CasePerms, house: SafetyHouse) -> dict[str, Any]:
    view = safety_house_for(house, "worker")
    return {"case": case, "house": house, "editable": may.change, "people_areas": PEOPLE_AREAS,
            "home": _child_home(case, house),
            "areas": [(area, HouseArea(area).label, view.areas[area]) for area in HOUSE_AREAS]}


def _areas_response(request: AuthedRequest, case: Case, may: CasePerms, house: SafetyHouse,
                    anchor: str = "") -> HttpResponse:
    """After a change: the five areas for htmx, or back to the Safety House page."""
    if not request.htmx:
        return redirect(house_url(case, house, anchor))
    return render(request, "child_voice/partials/_house_areas.html",
                  _areas_context(case, may, case_safety_house(case, house.pk)))


def _score_form(house: SafetyHouse, data: QueryDict | None = None) -> ScoreForm:
    return ScoreForm(data, auto_id=form_ids("score"), initial={
        "safety_score": house.safety_score, "score_visibility": house.score_visibility, "version": house.version})


@case_view(Perm.VIEW)
def house_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    house = case_safety_house(case, house_id)
    shows(request, house)
    audience = audience_of(request)
    preview = safety_house_for(house, audience)
    return render(request, "child_voice/house_detail.html", {
        **_areas_context(case, may, house),
        "audience": audience, "audiences": AUDIENCES, "preview": preview,
        "picture": safety_house_svg(preview),
        "drawings": safety_house_for(house, "worker").drawings,
        "score_form": _score_form(house) if may.change else None,
        "downloads": downloads("safety_house", case, house_id=house.pk),
    })


@case_view(Perm.VIEW)
def house_areas_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    """The five areas as shown on the page (what "cancel" on a form brings back)."""
    house = case_safety_house(case, house_id)
    shows(request, house)
    if not request.htmx:
        return redirect(house_url(case, house))
    return render(request, "child_voice/partials/_house_areas.html", _areas_context(case, may, house))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def house_edit_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    house = case_safety_house(case, house_id)
    shows(request, house)
    form = SafetyHouseForm(request.POST or None, children=[], creating=False,
                           initial={"drawn_on": house.drawn_on, "note": house.note, "version": house.version})
    sent = submit(form, lambda data: services.safety_house_update(
        actor=request.user, case=case, house=house, expected_version=data["version"] or 0,
        drawn_on=data["drawn_on"], note=data["note"]))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(house_url(case, house))
    if sent.conflict:
        house.refresh_from_db()  # the page shows what is saved, the form what the user typed
    return render(request, "child_voice/house_form.html", {
        "case": case, "house": house, "form": form, "creating": False, "conflict": sent.conflict,
        "conflict_rows": [(_("Date"), house.drawn_on, form.data.get("drawn_on", "")),
                          (_("Worker's note"), house.note, form.data.get("note", ""))] if sent.conflict else [],
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def house_score_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    """The child's safety scale and who may see it, in place."""
    house = case_safety_house(case, house_id)
    shows(request, house)
    form = _score_form(house, request.POST or None)
    sent = submit(form, lambda data: services.safety_house_update(
        actor=request.user, case=case, house=house, expected_version=data["version"] or 0,
        safety_score=data["safety_score"], score_visibility=data["score_visibility"]))
    if sent.saved:
        if not request.htmx:
            messages.success(request, _("Saved."))
            return redirect(house_url(case, house, "score"))
        form = _score_form(house)
    if sent.conflict:
        house.refresh_from_db()
    context = {"case": case, "house": house, "score_form": form, "editable": True, "conflict": sent.conflict,
               "typed_score": form.data.get("safety_score", "") if sent.conflict else ""}
    if request.htmx:
        return render(request, "child_voice/partials/_score.html", context, status=sent.status)
    return render(request, "child_voice/form_page.html", {
        **context, "title": _("The child's safety scale"), "back": house_url(case, house),
        "form_template": "child_voice/partials/_score.html"}, status=sent.status)


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
        **context, "title": context["area_label"], "back": house_url(case, house),
        "form_template": "child_voice/partials/_item_form.html"}, status=status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def item_create_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    house = case_safety_house(case, house_id)
    shows(request, house)
    area = request.POST.get("area") or request.GET.get("area") or ""
    area = area if area in HouseArea.values else HouseArea.INSIDE
    form = HouseItemForm(request.POST or None, people=case_people_by_role(case), with_person=area in PEOPLE_AREAS,
                         initial={"area": area}, auto_id=form_ids(f"new-{area}"),
                         home=_child_home(case, house) if area == HouseArea.INSIDE else None)
    sent = submit(form, lambda data: services.house_item_create(actor=request.user, case=case, house=house,
                                                                **data))
    if sent.saved:
        return _areas_response(request, case, may, house, f"house-area-{area}")
    return _item_form_response(request, case, house, area, form, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def item_edit_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int, item_id: int) -> HttpResponse:
    house = case_safety_house(case, house_id)
    item = house_item(house, item_id)
    shows(request, item)
    form = HouseItemForm(request.POST or None, people=case_people_by_role(case), with_person=True, editing=True,
                         home=_child_home(case, house) if item.area == HouseArea.INSIDE else None,
                         auto_id=form_ids(f"item-{item.pk}"), initial={
                             "area": item.area, "person": item.person_id, "text": item.text,
                             "written_by": item.written_by, "visibility": item.visibility, "version": item.version})
    sent = submit(form, lambda data: services.house_item_update(
        actor=request.user, case=case, item=item, expected_version=data["version"] or 0, **without_version(data)))
    if sent.saved:
        return _areas_response(request, case, may, house, f"item-{item.pk}")
    return _item_form_response(request, case, house, item.area, form, status=sent.status, item=item,
                               conflict=sent.conflict)


@case_view(Perm.CHANGE, methods=("POST",))
def item_visibility_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int,
                         item_id: int) -> HttpResponse:
    """Who may see an entry, changed in one click. Answers with the entry."""
    house = case_safety_house(case, house_id)
    item = house_item(house, item_id)
    form = VisibilityForm(request.POST)
    sent = submit(form, lambda data: services.house_item_update(
        actor=request.user, case=case, item=item, expected_version=data["version"] or 0,
        visibility=data["visibility"]))
    if sent.conflict:
        item.refresh_from_db()
    problem = visibility_problem(sent)
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        return redirect(house_url(case, house, f"item-{item.pk}"))
    return render(request, "child_voice/partials/_item.html", {
        "case": case, "house": house, "item": item, "editable": may.change, "problem": problem},
        status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def item_delete_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int, item_id: int) -> HttpResponse:
    house = case_safety_house(case, house_id)
    item = house_item(house, item_id)
    services.house_item_delete(actor=request.user, case=case, item=item)
    if not request.htmx:
        messages.success(request, _("Entry deleted."))
    return _areas_response(request, case, may, house, f"house-area-{item.area}")


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def house_delete_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    """GET asks first (saying what goes with it), POST deletes."""
    house = case_safety_house(case, house_id)
    if request.method == "POST":
        services.safety_house_delete(actor=request.user, case=case, house=house)
        messages.success(request, _("Safety House deleted. The audit trail keeps a record of who deleted it."))
        return redirect(overview_url(case))
    shows(request, house)
    view = safety_house_for(house, "worker")
    return render(request, "child_voice/confirm_delete.html", {
        "case": case, "question": _("Delete this Safety House?"),
        "consequence": _("Its %(entries)d entries and %(drawings)d drawings are deleted with it.") % {
            "entries": sum(len(items) for items in view.areas.values()), "drawings": len(view.drawings)},
        "back": house_url(case, house),
        "action": reverse("child_voice:house_delete", kwargs={"case_id": case.pk, "house_id": house.pk}),
    })
