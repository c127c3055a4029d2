"""HTML views of the child's voice: the overview of a case's children, and the conversations (Three Houses,
Fairies & Wizards) with their statements. Thin: every case through the access policy, every change through a
service. The Safety House is in `views_house.py`, drawings in `views_drawings.py`.

On a conversation page the statements are edited in place with htmx: a change answers with the three areas;
a refused save puts its form back (`HX-Retarget`). Without script every action is a plain form post with a
redirect back, and the forms open as pages of their own.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.audit.services import audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case, Person, PersonRole
from safehold.child_voice import services
from safehold.child_voice.forms import ConversationForm, SafetyHouseForm, StatementForm, VisibilityForm
from safehold.child_voice.models import AUDIENCES, Area, Conversation, SafetyHouse, Statement
from safehold.child_voice.pictures import conversation_svg
from safehold.child_voice.selectors import case_conversation, conversation_for
from safehold.core.forms import form_ids, keep_typed_against
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError

# --- shared by the child's voice pages -------------------------------------------------------------------

def editable(case: Case) -> bool:
    return Perm.CHANGE in case.permissions


def children_of(case: Case) -> list[Person]:
    return list(case.people.filter(role=PersonRole.CHILD).order_by("first_name", "id"))


def audience_of(request: AuthedRequest) -> str:
    """Whose view the picture previews: the worker's (everything) unless the page asks for another."""
    audience = request.GET.get("audience", "worker")
    return audience if audience in AUDIENCES else "worker"


def downloads(kind: str, case: Case, **ids: int) -> list[dict[str, Any]]:
    """The printouts of a conversation or Safety House: a PDF for each audience and the picture as SVG."""
    svg = reverse(f"child_voice:{kind}_svg", kwargs={"case_id": case.pk, **ids})
    return [{"audience": audience,
             "pdf": reverse(f"child_voice:{kind}_pdf", kwargs={"case_id": case.pk, **ids, "audience": audience}),
             "svg": f"{svg}?{urlencode({'audience': audience})}"} for audience in AUDIENCES]


def service_messages(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def overview_url(case: Case) -> str:
    return reverse("child_voice:overview", kwargs={"case_id": case.pk})


def _conversation_url(case: Case, conversation: Conversation, anchor: str = "") -> str:
    url = reverse("child_voice:conversation", kwargs={"case_id": case.pk, "conversation_id": conversation.pk})
    return f"{url}#{anchor}" if anchor else url


def _load(request: AuthedRequest, case_id: int, conversation_id: int,
          perm: Perm = Perm.VIEW) -> tuple[Case, Conversation]:
    case = legacy_access_case(request.user, case_id, perm)
    return case, case_conversation(case, conversation_id)


def _statement(conversation: Conversation, statement_id: int) -> Statement:
    """A statement of the conversation, from what the selector loaded (no query)."""
    found = next((s for s in conversation.statements.all() if s.pk == int(statement_id)), None)
    if found is None:
        raise Http404
    found.conversation = conversation
    return found


# --- the overview ------------------------------------------------------------------------------------------

def _start_forms(case: Case, children: list[Person], conversation: ConversationForm | None = None,
                 house: SafetyHouseForm | None = None) -> dict[str, Any]:
    today = timezone.localdate()
    single = children[0].pk if len(children) == 1 else None
    return {
        "conversation_form": conversation or ConversationForm(
            children=children, creating=True, auto_id=form_ids("conversation"),
            initial={"held_on": today, "child": single}),
        "house_form": house or SafetyHouseForm(children=children, creating=True, auto_id=form_ids("house"),
                                               initial={"drawn_on": today, "child": single}),
    }


@login_required
@require_GET
def overview_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    children = children_of(case)
    conversations = list(Conversation.objects.filter(case=case).annotate(statement_count=Count("statements")))
    houses = list(SafetyHouse.objects.filter(case=case).annotate(item_count=Count("items")))
    audit_view(actor=request.user, case=case)
    rows = [{"child": child, "conversations": [c for c in conversations if c.child_id == child.pk],
             "houses": [h for h in houses if h.child_id == child.pk]} for child in children]
    # Someone who is no longer recorded as a child of the case still said it.
    others = [c for c in conversations if c.child_id not in {ch.pk for ch in children}]
    other_houses = [h for h in houses if h.child_id not in {ch.pk for ch in children}]
    return render(request, "child_voice/overview.html", {
        "case": case, "rows": rows, "others": others, "other_houses": other_houses, "editable": editable(case),
        **(_start_forms(case, children) if editable(case) else {}),
    })


@login_required
@require_http_methods(["GET", "POST"])
def conversation_create_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    children = children_of(case)
    form = ConversationForm(request.POST or None, children=children, creating=True, auto_id=form_ids("conversation"),
                            initial={"held_on": timezone.localdate(),
                                     "child": request.GET.get("child") or (children[0].pk if len(children) == 1
                                                                          else None)})
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    elif form.is_valid():
        try:
            conversation = services.conversation_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Conversation started. Add what the child says in each house."))
            return redirect(_conversation_url(case, conversation))
    return render(request, "child_voice/conversation_form.html", {"case": case, "form": form, "creating": True},
                  status=400 if form.errors else 200)


# --- a conversation --------------------------------------------------------------------------------------

def _areas_context(case: Case, conversation: Conversation) -> dict[str, Any]:
    view = conversation_for(conversation, "worker")
    return {"case": case, "conversation": conversation, "areas": view.area_items(), "editable": editable(case)}


def _areas_response(request: AuthedRequest, case: Case, conversation: Conversation, anchor: str = "") -> HttpResponse:
    """After a change: the three areas for htmx, or back to the conversation page."""
    if not request.htmx:
        return redirect(_conversation_url(case, conversation, anchor))
    fresh = case_conversation(case, conversation.pk)
    return render(request, "child_voice/partials/_areas.html", _areas_context(case, fresh))


@login_required
@require_GET
def conversation_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    case, conversation = _load(request, case_id, conversation_id)
    audit_view(actor=request.user, case=case, obj=conversation)
    audience = audience_of(request)
    preview = conversation_for(conversation, audience)
    return render(request, "child_voice/conversation_detail.html", {
        **_areas_context(case, conversation),
        "audience": audience, "audiences": AUDIENCES, "preview": preview, "picture": conversation_svg(preview),
        "drawings": conversation_for(conversation, "worker").drawings,
        "downloads": downloads("conversation", case, conversation_id=conversation.pk),
    })


@login_required
@require_GET
def areas_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    """The three areas as shown on the page (what "cancel" on a form brings back)."""
    case, conversation = _load(request, case_id, conversation_id)
    audit_view(actor=request.user, case=case, obj=conversation)
    if not request.htmx:
        return redirect(_conversation_url(case, conversation))
    return render(request, "child_voice/partials/_areas.html", _areas_context(case, conversation))


def _conflict_rows(conversation: Conversation, form: ConversationForm) -> list[tuple[str, Any, Any]]:
    current = Conversation.objects.get(pk=conversation.pk)
    typed = form.data
    return [
        (_("Date"), current.held_on, typed.get("held_on", "")),
        (_("Tool"), current.get_tool_display(), dict(form.fields["tool"].choices).get(  # type: ignore[attr-defined]
            typed.get("tool", ""), "")),
        (_("Setting"), current.get_setting_display(),
         dict(form.fields["setting"].choices).get(typed.get("setting", ""), "")),  # type: ignore[attr-defined]
        (_("Trusted person"), current.trusted_person, typed.get("trusted_person", "")),
        (_("Worker's note"), current.note, typed.get("note", "")),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def conversation_edit_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    case, conversation = _load(request, case_id, conversation_id, Perm.CHANGE)
    form = ConversationForm(request.POST or None, children=[], creating=False, initial={
        "tool": conversation.tool, "held_on": conversation.held_on, "setting": conversation.setting,
        "trusted_person": conversation.trusted_person, "note": conversation.note, "version": conversation.version})
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=conversation)
    elif form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.conversation_update(actor=request.user, case=case, conversation=conversation,
                                         expected_version=form.cleaned_data["version"] or 0, **data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_conversation_url(case, conversation))
    return render(request, "child_voice/conversation_form.html", {
        "case": case, "conversation": conversation, "form": form, "creating": False, "conflict": conflict,
        "conflict_rows": _conflict_rows(conversation, form) if conflict else [],
    }, status=409 if conflict else 400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def conversation_delete_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    """GET asks first (saying what goes with it), POST deletes."""
    case, conversation = _load(request, case_id, conversation_id, Perm.CHANGE)
    if request.method == "POST":
        try:
            services.conversation_delete(actor=request.user, case=case, conversation=conversation)
        except ValidationError as error:
            service_messages(request, error)
            return redirect(_conversation_url(case, conversation))
        messages.success(request, _("Conversation deleted. The audit trail keeps a record of who deleted it."))
        return redirect(overview_url(case))
    audit_view(actor=request.user, case=case, obj=conversation)
    view = conversation_for(conversation, "worker")
    return render(request, "child_voice/confirm_delete.html", {
        "case": case, "question": _("Delete this conversation?"),
        "consequence": _("Its %(statements)d statements and %(drawings)d drawings are deleted with it.") % {
            "statements": sum(len(items) for _a, _l, items in view.area_items()), "drawings": len(view.drawings)},
        "back": _conversation_url(case, conversation),
        "action": reverse("child_voice:conversation_delete",
                          kwargs={"case_id": case.pk, "conversation_id": conversation.pk}),
    })


# --- statements ------------------------------------------------------------------------------------------

def _statement_form_response(request: AuthedRequest, case: Case, conversation: Conversation, area: str,
                             form: StatementForm, *, status: int, statement: Statement | None = None,
                             conflict: ConflictError | None = None) -> HttpResponse:
    context = {"case": case, "conversation": conversation, "area": area,
               "area_label": conversation.area_label(area), "form": form, "statement": statement,
               "conflict": conflict}
    if request.htmx:
        return form_in_place(request, "child_voice/partials/_statement_form.html", context, status=status,
                             target=f"#statement-{statement.pk}" if statement else f"#new-{area}")
    return render(request, "child_voice/form_page.html", {
        **context, "title": context["area_label"], "back": _conversation_url(case, conversation),
        "form_template": "child_voice/partials/_statement_form.html"}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def statement_create_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    case, conversation = _load(request, case_id, conversation_id, Perm.CHANGE)
    area = request.POST.get("area") or request.GET.get("area") or ""
    area = area if area in Area.values else Area.WORRIES
    form = StatementForm(request.POST or None, tool=conversation.tool, initial={"area": area},
                         auto_id=form_ids(f"new-{area}"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=conversation)
        return _statement_form_response(request, case, conversation, area, form, status=200)
    if form.is_valid():
        try:
            services.statement_create(actor=request.user, case=case, conversation=conversation, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _areas_response(request, case, conversation, f"area-{area}")
    return _statement_form_response(request, case, conversation, area, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit_view(request: AuthedRequest, case_id: int, conversation_id: int, statement_id: int) -> HttpResponse:
    case, conversation = _load(request, case_id, conversation_id, Perm.CHANGE)
    statement = _statement(conversation, statement_id)
    form = StatementForm(request.POST or None, tool=conversation.tool, editing=True,
                         auto_id=form_ids(f"statement-{statement.pk}"), initial={
                             "area": statement.area, "text": statement.text, "written_by": statement.written_by,
                             "visibility": statement.visibility, "version": statement.version})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=statement)
        return _statement_form_response(request, case, conversation, statement.area, form, status=200,
                                        statement=statement)
    conflict = None
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.statement_update(actor=request.user, case=case, statement=statement,
                                      expected_version=form.cleaned_data["version"] or 0, **data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _areas_response(request, case, conversation, f"statement-{statement.pk}")
    return _statement_form_response(request, case, conversation, statement.area, form,
                                    status=409 if conflict else 400, statement=statement, conflict=conflict)


@login_required
@require_POST
def statement_visibility_view(request: AuthedRequest, case_id: int, conversation_id: int,
                              statement_id: int) -> HttpResponse:
    """Who may see a statement, changed in one click. Answers with the statement."""
    case, conversation = _load(request, case_id, conversation_id, Perm.CHANGE)
    statement = _statement(conversation, statement_id)
    form = VisibilityForm(request.POST)
    status, problem = 200, ""
    if not form.is_valid():
        status, problem = 400, _("Say who the child agreed may see this.")
    else:
        try:
            services.statement_update(actor=request.user, case=case, statement=statement,
                                      expected_version=form.cleaned_data["version"] or 0,
                                      visibility=form.cleaned_data["visibility"])
        except ConflictError as error:
            status, problem = 409, str(error.message)
            statement = error.current  # type: ignore[assignment]
        except ValidationError as error:
            status, problem = 400, " ".join(error.messages)
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        return redirect(_conversation_url(case, conversation, f"statement-{statement.pk}"))
    return render(request, "child_voice/partials/_statement.html", {
        "case": case, "conversation": conversation, "statement": statement, "editable": editable(case),
        "problem": problem}, status=status)


@login_required
@require_POST
def statement_delete_view(request: AuthedRequest, case_id: int, conversation_id: int,
                          statement_id: int) -> HttpResponse:
    case, conversation = _load(request, case_id, conversation_id, Perm.CHANGE)
    statement = _statement(conversation, statement_id)
    try:
        services.statement_delete(actor=request.user, case=case, statement=statement)
    except ValidationError as error:
        service_messages(request, error)
    else:
        if not request.htmx:
            messages.success(request, _("Statement deleted."))
    return _areas_response(request, case, conversation, f"area-{statement.area}")

