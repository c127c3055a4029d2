"""Drawings and photos of the child's paper, on a conversation or a Safety House. The file is checked and
stripped of its metadata by `uploads` and served only through `uploads:file`; deleting one asks first and goes
through `services.drawing_delete` (which writes the audit record)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from safehold.audit.services import audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.child_voice import services
from safehold.child_voice.forms import DrawingEditForm, DrawingForm
from safehold.child_voice.models import Conversation, SafetyHouse
from safehold.child_voice.selectors import case_conversation, case_drawing, case_safety_house
from safehold.child_voice.views import editable
from safehold.core.forms import form_ids
from safehold.core.http import AuthedRequest


def _owner_url(case: Case, owner: Conversation | SafetyHouse, anchor: str = "drawings") -> str:
    if isinstance(owner, Conversation):
        url = reverse("child_voice:conversation", kwargs={"case_id": case.pk, "conversation_id": owner.pk})
    else:
        url = reverse("child_voice:house", kwargs={"case_id": case.pk, "house_id": owner.pk})
    return f"{url}#{anchor}"


def _add(request: AuthedRequest, case: Case, owner: Conversation | SafetyHouse, action: str) -> HttpResponse:
    form = DrawingForm(request.POST or None, request.FILES or None, auto_id=form_ids("drawing"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=owner)
    elif form.is_valid():
        data = form.cleaned_data
        on = {"conversation": owner} if isinstance(owner, Conversation) else {"house": owner}
        try:
            services.drawing_add(actor=request.user, case=case, upload=data["file"], caption=data["caption"],
                                 visibility=data["visibility"], **on)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Drawing added."))
            return redirect(_owner_url(case, owner))
    return render(request, "child_voice/drawing_form.html", {
        "case": case, "owner": owner, "form": form, "action": action, "back": _owner_url(case, owner),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def conversation_drawing_add_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    conversation = case_conversation(case, conversation_id)
    return _add(request, case, conversation, reverse("child_voice:conversation_drawing_add", kwargs={
        "case_id": case.pk, "conversation_id": conversation.pk}))


@login_required
@require_http_methods(["GET", "POST"])
def house_drawing_add_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    house = case_safety_house(case, house_id)
    return _add(request, case, house, reverse("child_voice:house_drawing_add", kwargs={
        "case_id": case.pk, "house_id": house.pk}))


@login_required
@require_http_methods(["GET", "POST"])
def drawing_edit_view(request: AuthedRequest, case_id: int, drawing_id: int) -> HttpResponse:
    """The caption and who may see a drawing. The one-click buttons post only `visibility`."""
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    drawing = case_drawing(case, drawing_id)
    owner = drawing.conversation or drawing.house
    assert owner is not None  # a database constraint
    form = DrawingEditForm(request.POST or None, auto_id=form_ids(f"drawing-{drawing.pk}"),
                           initial={"caption": drawing.caption, "visibility": drawing.visibility})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=drawing)
    elif form.is_valid():
        changes = {name: form.cleaned_data[name] for name in ("caption", "visibility") if name in request.POST}
        try:
            services.drawing_update(actor=request.user, case=case, drawing=drawing, **changes)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if request.htmx:
                return render(request, "child_voice/partials/_drawing.html", {
                    "case": case, "drawing": drawing, "editable": editable(case)})
            messages.success(request, _("Saved."))
            return redirect(_owner_url(case, owner, f"drawing-{drawing.pk}"))
    return render(request, "child_voice/drawing_edit.html", {
        "case": case, "drawing": drawing, "form": form, "back": _owner_url(case, owner),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def drawing_delete_view(request: AuthedRequest, case_id: int, drawing_id: int) -> HttpResponse:
    """GET asks for confirmation (showing the drawing), POST deletes it."""
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    drawing = case_drawing(case, drawing_id)
    owner = drawing.conversation or drawing.house
    assert owner is not None  # a database constraint
    back = _owner_url(case, owner)
    if request.method == "POST":
        try:
            services.drawing_delete(actor=request.user, case=case, drawing=drawing)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Drawing deleted. The audit trail keeps a record of who deleted it."))
        return redirect(back)
    audit_view(actor=request.user, case=case, obj=drawing)
    return render(request, "child_voice/confirm_delete.html", {
        "case": case, "question": _("Delete this drawing?"), "drawing": drawing, "back": back,
        "consequence": _("It is taken off the case and nobody can open it any more. The audit trail keeps a "
                         "record that it was deleted, and by whom."),
        "action": reverse("child_voice:drawing_delete", kwargs={"case_id": case.pk, "drawing_id": drawing.pk}),
    })
