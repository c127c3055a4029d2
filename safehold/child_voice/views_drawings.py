"""Drawings and photos of the child's paper, on a conversation or a Safety House. The file is checked and
stripped of its metadata by `uploads` and served only through `uploads:file`; deleting one asks first and goes
through `services.drawing_delete` (which writes the audit record)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.child_voice import services
from safehold.child_voice.forms import DrawingEditForm, DrawingForm
from safehold.child_voice.models import Conversation, SafetyHouse
from safehold.child_voice.selectors import case_conversation, case_drawing, case_safety_house, drawing_owner
from safehold.child_voice.views_common import owner_url
from safehold.core.forms import form_ids, submit
from safehold.core.http import AuthedRequest


def _add(request: AuthedRequest, case: Case, owner: Conversation | SafetyHouse, action: str) -> HttpResponse:
    shows(request, owner)
    form = DrawingForm(request.POST or None, request.FILES or None, auto_id=form_ids("drawing"))
    sent = submit(form, lambda data: services.drawing_add(
        actor=request.user, case=case, upload=data["file"], caption=data["caption"], visibility=data["visibility"],
        conversation=owner if isinstance(owner, Conversation) else None,
        house=owner if isinstance(owner, SafetyHouse) else None))
    if sent.saved:
        messages.success(request, _("Drawing added."))
        return redirect(owner_url(case, owner, "drawings"))
    return render(request, "child_voice/drawing_form.html", {
        "case": case, "owner": owner, "form": form, "action": action, "back": owner_url(case, owner, "drawings"),
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def conversation_drawing_add_view(request: AuthedRequest, case: Case, may: CasePerms,
                                  conversation_id: int) -> HttpResponse:
    conversation = case_conversation(case, conversation_id)
    return _add(request, case, conversation, reverse("child_voice:conversation_drawing_add", kwargs={
        "case_id": case.pk, "conversation_id": conversation.pk}))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def house_drawing_add_view(request: AuthedRequest, case: Case, may: CasePerms, house_id: int) -> HttpResponse:
    house = case_safety_house(case, house_id)
    return _add(request, case, house, reverse("child_voice:house_drawing_add", kwargs={
        "case_id": case.pk, "house_id": house.pk}))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def drawing_edit_view(request: AuthedRequest, case: Case, may: CasePerms, drawing_id: int) -> HttpResponse:
    """The caption and who may see a drawing. The one-click buttons post only `visibility`."""
    drawing = case_drawing(case, drawing_id)
    shows(request, drawing)
    owner = drawing_owner(drawing)
    form = DrawingEditForm(request.POST or None, auto_id=form_ids(f"drawing-{drawing.pk}"),
                           initial={"caption": drawing.caption, "visibility": drawing.visibility})
    sent = submit(form, lambda data: services.drawing_update(
        actor=request.user, case=case, drawing=drawing,
        caption=data["caption"] if "caption" in request.POST else None,
        visibility=data["visibility"] if "visibility" in request.POST else None))
    if sent.saved:
        if request.htmx:
            return render(request, "child_voice/partials/_drawing.html", {
                "case": case, "drawing": drawing, "editable": may.change})
        messages.success(request, _("Saved."))
        return redirect(owner_url(case, owner, f"drawing-{drawing.pk}"))
    return render(request, "child_voice/drawing_edit.html", {
        "case": case, "drawing": drawing, "form": form, "back": owner_url(case, owner, "drawings"),
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def drawing_delete_view(request: AuthedRequest, case: Case, may: CasePerms, drawing_id: int) -> HttpResponse:
    """GET asks for confirmation (showing the drawing), POST deletes it."""
    drawing = case_drawing(case, drawing_id)
    back = owner_url(case, drawing_owner(drawing), "drawings")
    if request.method == "POST":
        services.drawing_delete(actor=request.user, case=case, drawing=drawing)
        messages.success(request, _("Drawing deleted. The audit trail keeps a record of who deleted it."))
        return redirect(back)
    shows(request, drawing)
    return render(request, "child_voice/confirm_delete.html", {
        "case": case, "question": _("Delete this drawing?"), "drawing": drawing, "back": back,
        "consequence": _("It is taken off the case and nobody can open it any more. The audit trail keeps a "
                         "record that it was deleted, and by whom."),
        "action": reverse("child_voice:drawing_delete", kwargs={"case_id": case.pk, "drawing_id": drawing.pk}),
    })
