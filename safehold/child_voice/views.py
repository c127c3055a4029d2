"""HTML views of the child's voice: the overview of a case's children, and the conversations (Three Houses,
Fairies & Wizards) with their statements. Thin: every case through the access policy (`case_view`), every
change through a service. The Safety House is in `views_house.py`, drawings in `views_drawings.py`, the
printouts in `views_documents.py`.

On a conversation page the statements are edited in place with htmx: a change answers with the three areas;
a refused save puts its form back (`HX-Retarget`). Without script every action is a plain form post with a
redirect back, and the forms open as pages of their own.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case, Person
from safehold.child_voice import services
from safehold.child_voice.forms import ConversationForm, SafetyHouseForm, StatementForm, VisibilityForm
from safehold.child_voice.models import AUDIENCES, Area, Conversation, Setting, Statement, Tool
from safehold.child_voice.pictures import conversation_svg
from safehold.child_voice.selectors import (
    case_children,
    case_conversation,
    children_overview,
    conversation_for,
    conversation_statement,
)
from safehold.child_voice.views_common import (
    audience_of,
    conversation_url,
    downloads,
    overview_url,
    visibility_problem,
    without_version,
)
from safehold.core.forms import form_ids, submit
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError

# --- the overview ------------------------------------------------------------------------------------------

def _start_forms(children: list[Person]) -> dict[str, Any]:
    today = timezone.localdate()
    single = children[0].pk if len(children) == 1 else None
    return {
        "conversation_form": ConversationForm(children=children, creating=True, auto_id=form_ids("conversation"),
                                              initial={"held_on": today, "child": single}),
        "house_form": SafetyHouseForm(children=children, creating=True, auto_id=form_ids("house"),
                                      initial={"drawn_on": today, "child": single}),
    }


@case_view(Perm.VIEW)
def overview_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    overview = children_overview(case)
    return render(request, "child_voice/overview.html", {
        "case": case, "rows": overview.rows, "others": overview.others, "other_houses": overview.other_houses,
        "editable": may.change,
        **(_start_forms([row.child for row in overview.rows]) if may.change else {}),
    })


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def conversation_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    children = case_children(case)
    form = ConversationForm(request.POST or None, children=children, creating=True, auto_id=form_ids("conversation"),
                            initial={"held_on": timezone.localdate(),
                                     "child": request.GET.get("child") or (children[0].pk if len(children) == 1
                                                                          else None)})
    sent = submit(form, lambda data: services.conversation_create(actor=request.user, case=case, **data))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Conversation started. Add what the child says in each house."))
        return redirect(conversation_url(case, sent.result))
    return render(request, "child_voice/conversation_form.html", {"case": case, "form": form, "creating": True},
                  status=sent.status)


# --- a conversation --------------------------------------------------------------------------------------

def _areas_context(case: Case, may: CasePerms, conversation: Conversation) -> dict[str, Any]:
    view = conversation_for(conversation, "worker")
    return {"case": case, "conversation": conversation, "areas": view.area_items(), "editable": may.change}


def _areas_response(request: AuthedRequest, case: Case, may: CasePerms, conversation: Conversation,
                    anchor: str = "") -> HttpResponse:
    """After a change: the three areas for htmx, or back to the conversation page."""
    if not request.htmx:
        return redirect(conversation_url(case, conversation, anchor))
    fresh = case_conversation(case, conversation.pk)
    return render(request, "child_voice/partials/_areas.html", _areas_context(case, may, fresh))


@case_view(Perm.VIEW)
def conversation_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int) -> HttpResponse:
    conversation = case_conversation(case, conversation_id)
    shows(request, conversation)
    audience = audience_of(request)
    preview = conversation_for(conversation, audience)
    return render(request, "child_voice/conversation_detail.html", {
        **_areas_context(case, may, conversation),
        "audience": audience, "audiences": AUDIENCES, "preview": preview, "picture": conversation_svg(preview),
        "drawings": conversation_for(conversation, "worker").drawings,
        "downloads": downloads("conversation", case, conversation_id=conversation.pk),
    })


@case_view(Perm.VIEW)
def areas_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int) -> HttpResponse:
    """The three areas as shown on the page (what "cancel" on a form brings back)."""
    conversation = case_conversation(case, conversation_id)
    shows(request, conversation)
    if not request.htmx:
        return redirect(conversation_url(case, conversation))
    return render(request, "child_voice/partials/_areas.html", _areas_context(case, may, conversation))


def _conflict_rows(current: Conversation, form: ConversationForm) -> list[tuple[str, Any, Any]]:
    """The saved values beside what the user typed."""
    typed = form.data
    return [
        (_("Date"), current.held_on, typed.get("held_on", "")),
        (_("Tool"), current.get_tool_display(), dict(Tool.choices).get(typed.get("tool", ""), "")),
        (_("Setting"), current.get_setting_display(), dict(Setting.choices).get(typed.get("setting", ""), "")),
        (_("Trusted person"), current.trusted_person, typed.get("trusted_person", "")),
        (_("Worker's note"), current.note, typed.get("note", "")),
    ]


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def conversation_edit_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int) -> HttpResponse:
    conversation = case_conversation(case, conversation_id)
    shows(request, conversation)
    form = ConversationForm(request.POST or None, children=[], creating=False, initial={
        "tool": conversation.tool, "held_on": conversation.held_on, "setting": conversation.setting,
        "trusted_person": conversation.trusted_person, "note": conversation.note, "version": conversation.version})
    sent = submit(form, lambda data: services.conversation_update(
        actor=request.user, case=case, conversation=conversation, expected_version=data["version"] or 0,
        **without_version(data)))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(conversation_url(case, conversation))
    if sent.conflict:
        conversation.refresh_from_db()  # the page shows what is saved, the form what the user typed
    return render(request, "child_voice/conversation_form.html", {
        "case": case, "conversation": conversation, "form": form, "creating": False, "conflict": sent.conflict,
        "conflict_rows": _conflict_rows(conversation, form) if sent.conflict else [],
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def conversation_delete_view(request: AuthedRequest, case: Case, may: CasePerms,
                             conversation_id: int) -> HttpResponse:
    """GET asks first (saying what goes with it), POST deletes."""
    conversation = case_conversation(case, conversation_id)
    if request.method == "POST":
        services.conversation_delete(actor=request.user, case=case, conversation=conversation)
        messages.success(request, _("Conversation deleted. The audit trail keeps a record of who deleted it."))
        return redirect(overview_url(case))
    shows(request, conversation)
    view = conversation_for(conversation, "worker")
    return render(request, "child_voice/confirm_delete.html", {
        "case": case, "question": _("Delete this conversation?"),
        "consequence": _("Its %(statements)d statements and %(drawings)d drawings are deleted with it.") % {
            "statements": sum(len(items) for _a, _l, items in view.area_items()), "drawings": len(view.drawings)},
        "back": conversation_url(case, conversation),
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
        **context, "title": context["area_label"], "back": conversation_url(case, conversation),
        "form_template": "child_voice/partials/_statement_form.html"}, status=status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def statement_create_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int) -> HttpResponse:
    conversation = case_conversation(case, conversation_id)
    shows(request, conversation)
    area = request.POST.get("area") or request.GET.get("area") or ""
    area = area if area in Area.values else Area.WORRIES
    form = StatementForm(request.POST or None, tool=conversation.tool, initial={"area": area},
                         auto_id=form_ids(f"new-{area}"))
    sent = submit(form, lambda data: services.statement_create(actor=request.user, case=case,
                                                               conversation=conversation, **data))
    if sent.saved:
        return _areas_response(request, case, may, conversation, f"area-{area}")
    return _statement_form_response(request, case, conversation, area, form, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def statement_edit_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int,
                        statement_id: int) -> HttpResponse:
    conversation = case_conversation(case, conversation_id)
    statement = conversation_statement(conversation, statement_id)
    shows(request, statement)
    form = StatementForm(request.POST or None, tool=conversation.tool, editing=True,
                         auto_id=form_ids(f"statement-{statement.pk}"), initial={
                             "area": statement.area, "text": statement.text, "written_by": statement.written_by,
                             "visibility": statement.visibility, "version": statement.version})
    sent = submit(form, lambda data: services.statement_update(
        actor=request.user, case=case, statement=statement, expected_version=data["version"] or 0,
        **without_version(data)))
    if sent.saved:
        return _areas_response(request, case, may, conversation, f"statement-{statement.pk}")
    return _statement_form_response(request, case, conversation, statement.area, form, status=sent.status,
                                    statement=statement, conflict=sent.conflict)


@case_view(Perm.CHANGE, methods=("POST",))
def statement_visibility_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int,
                              statement_id: int) -> HttpResponse:
    """Who may see a statement, changed in one click. Answers with the statement."""
    conversation = case_conversation(case, conversation_id)
    statement = conversation_statement(conversation, statement_id)
    form = VisibilityForm(request.POST)
    sent = submit(form, lambda data: services.statement_update(
        actor=request.user, case=case, statement=statement, expected_version=data["version"] or 0,
        visibility=data["visibility"]))
    if sent.conflict:
        statement.refresh_from_db()
    problem = visibility_problem(sent)
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        return redirect(conversation_url(case, conversation, f"statement-{statement.pk}"))
    return render(request, "child_voice/partials/_statement.html", {
        "case": case, "conversation": conversation, "statement": statement, "editable": may.change,
        "problem": problem}, status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def statement_delete_view(request: AuthedRequest, case: Case, may: CasePerms, conversation_id: int,
                          statement_id: int) -> HttpResponse:
    conversation = case_conversation(case, conversation_id)
    statement = conversation_statement(conversation, statement_id)
    services.statement_delete(actor=request.user, case=case, statement=statement)
    if not request.htmx:
        messages.success(request, _("Statement deleted."))
    return _areas_response(request, case, may, conversation, f"area-{statement.area}")
