"""HTML views of Words & Pictures. Thin: every case through the access policy, every change through a service.

On the story page the panels are edited in place with htmx: a change answers with the panels section. The
same URLs work without script (a page with the form, and a redirect back to the story after saving)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.core.downloads import pdf_response
from safehold.core.forms import form_ids, keep_typed_against
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError
from safehold.words_pictures import services
from safehold.words_pictures.documents import story_pdf, story_pdf_filename
from safehold.words_pictures.forms import AgreeForm, PanelForm, PictureForm, ReadForm, StoryForm
from safehold.words_pictures.models import Panel, Story, StoryStatus
from safehold.words_pictures.selectors import case_story, story_content, story_panel, story_panels


def _story_url(case: Case, story: Story, anchor: str = "") -> str:
    url = reverse("words_pictures:story_detail", kwargs={"case_id": case.pk, "story_id": story.pk})
    return f"{url}#{anchor}" if anchor else url


def _load(request: AuthedRequest, case_id: int, story_id: int, perm: Perm = Perm.VIEW) -> tuple[Case, Story]:
    case = legacy_access_case(request.user, case_id, perm)
    return case, case_story(case, story_id)


def _may_change(case: Case) -> bool:
    return Perm.CHANGE in case.permissions


def _editable(case: Case, story: Story) -> bool:
    return _may_change(case) and story.status == StoryStatus.DRAFT


def _messages(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the stories of a case -----------------------------------------------------------------------------

@login_required
@require_GET
def stories_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    stories = list(case.stories.order_by("-version_no"))
    audit_view(actor=request.user, case=case)
    return render(request, "words_pictures/stories.html", {
        "case": case, "stories": stories, "may_change": _may_change(case),
        "draft": next((s for s in stories if s.status == StoryStatus.DRAFT), None),
    })


@login_required
@require_POST
def story_create_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    try:
        story = services.story_create(actor=request.user, case=case)
    except ValidationError as error:
        _messages(request, error)
        return redirect("words_pictures:stories", case_id=case.pk)
    messages.success(request, _("Story started.") if story.version_no == 1 else
                     _("New version started as a copy of the one before."))
    return redirect(_story_url(case, story))


def _panels_context(case: Case, story: Story, panels: list[Panel] | None = None) -> dict:
    panels = panels if panels is not None else story_panels(story)
    return {"case": case, "story": story, "panels": panels, "editable": _editable(case, story),
            "missing": services.missing_sections(p.section for p in panels)}


@login_required
@require_GET
def story_detail_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id)
    audit_view(actor=request.user, case=case, obj=story)
    content = story_content(story)
    return render(request, "words_pictures/story_detail.html", {
        **_panels_context(case, story, content.panels), "agreed_with": content.agreed_with,
        "may_change": _may_change(case),
    })


@login_required
@require_http_methods(["GET", "POST"])
def story_edit_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    form = StoryForm(request.POST or None, initial={"title": story.title, "version": story.version})
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=story)
    elif form.is_valid():
        try:
            services.story_update(actor=request.user, case=case, story=story,
                                  expected_version=form.cleaned_data["version"] or 0,
                                  title=form.cleaned_data["title"])
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_story_url(case, story))
    return render(request, "words_pictures/simple_form_page.html", {
        "case": case, "story": story, "form": form, "title": _("Edit the title"), "action": request.path,
        "conflict": conflict,
        "conflict_current": [(_("Title"), getattr(conflict.current, "title", ""))] if conflict else [],
    }, status=409 if conflict else 400 if form.errors else 200)


# --- panels --------------------------------------------------------------------------------------------

def _panels_response(request: AuthedRequest, case: Case, story: Story) -> HttpResponse:
    if not request.htmx:
        return redirect(_story_url(case, story, "panels"))
    return render(request, "words_pictures/partials/_panels.html", _panels_context(case, story))


def _panel_form_response(request: AuthedRequest, case: Case, story: Story, form: PanelForm, *, status: int,
                         panel: Panel | None = None, conflict: ConflictError | None = None) -> HttpResponse:
    context = {"case": case, "story": story, "form": form, "panel": panel, "conflict": conflict}
    if request.htmx:
        return form_in_place(request, "words_pictures/partials/_panel_form.html", context, status=status,
                             target=f"#panel-{panel.pk}" if panel else "#new-panel")
    return render(request, "words_pictures/form_page.html", {
        **context, "title": _("Edit the panel") if panel else _("Add a panel")}, status=status)


def _panel_data(form: PanelForm) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


@login_required
@require_GET
def panels_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    """The panels section as shown on the story (what "cancel" on a panel form brings back)."""
    case, story = _load(request, case_id, story_id)
    if not request.htmx:
        return redirect(_story_url(case, story, "panels"))
    audit_view(actor=request.user, case=case, obj=story)
    return _panels_response(request, case, story)


@login_required
@require_http_methods(["GET", "POST"])
def panel_create_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    form = PanelForm(request.POST or None, auto_id=form_ids("new-panel"),
                     initial={"section": request.GET.get("section", "")})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=story)
        return _panel_form_response(request, case, story, form, status=200)
    if form.is_valid():
        try:
            services.panel_create(actor=request.user, case=case, story=story, **_panel_data(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _panels_response(request, case, story)
    return _panel_form_response(request, case, story, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def panel_edit_view(request: AuthedRequest, case_id: int, story_id: int, panel_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    panel = story_panel(story, panel_id)
    form = PanelForm(request.POST or None, editing=True, auto_id=form_ids(f"panel-{panel.pk}"),
                     initial={"section": panel.section, "text": panel.text, "figures": panel.figures,
                              "version": panel.version})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=panel)
        return _panel_form_response(request, case, story, form, status=200, panel=panel)
    conflict = None
    if form.is_valid():
        try:
            services.panel_update(actor=request.user, case=case, panel=panel,
                                  expected_version=form.cleaned_data.get("version") or 0, **_panel_data(form))
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _panels_response(request, case, story)
    return _panel_form_response(request, case, story, form, status=409 if conflict else 400, panel=panel,
                                conflict=conflict)


@login_required
@require_POST
def panel_move_view(request: AuthedRequest, case_id: int, story_id: int, panel_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    panel = story_panel(story, panel_id)
    try:
        services.panel_move(actor=request.user, case=case, panel=panel,
                            offset=-1 if request.POST.get("direction") == "up" else 1)
    except ValidationError as error:
        _messages(request, error)
    return _panels_response(request, case, story)


@login_required
@require_POST
def panel_delete_view(request: AuthedRequest, case_id: int, story_id: int, panel_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    panel = story_panel(story, panel_id)
    try:
        services.panel_delete(actor=request.user, case=case, panel=panel)
    except ValidationError as error:
        _messages(request, error)
    return _panels_response(request, case, story)


@login_required
@require_http_methods(["GET", "POST"])
def panel_picture_view(request: AuthedRequest, case_id: int, story_id: int, panel_id: int) -> HttpResponse:
    """Upload a picture for a panel: a page of its own, as files travel in a plain multipart form."""
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    panel = story_panel(story, panel_id)
    form = PictureForm(request.POST or None, request.FILES or None)
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=panel)
    elif form.is_valid():
        try:
            services.panel_picture_set(actor=request.user, case=case, panel=panel, upload=form.cleaned_data["file"])
        except ValidationError as error:
            if hasattr(error, "error_dict") and "picture" in error.error_dict:
                error = ValidationError({"file": error.error_dict["picture"]})
            form.add_service_errors(error)
        else:
            messages.success(request, _("Picture added."))
            return redirect(_story_url(case, story, f"panel-{panel.pk}"))
    return render(request, "words_pictures/simple_form_page.html", {
        "case": case, "story": story, "form": form, "title": _("Add a picture"), "action": request.path,
        "multipart": True, "panel": panel,
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def panel_picture_remove_view(request: AuthedRequest, case_id: int, story_id: int, panel_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    panel = story_panel(story, panel_id)
    try:
        services.panel_picture_remove(actor=request.user, case=case, panel=panel)
    except ValidationError as error:
        _messages(request, error)
    return _panels_response(request, case, story)


# --- agreed with the parents, read with the children ---------------------------------------------------------

def _transition_form(request: AuthedRequest, case: Case, story: Story, form, *, title: str,
                     save: Callable[[dict], Any], done: str) -> HttpResponse:
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=story)
    elif form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, done)
            return redirect(_story_url(case, story))
    return render(request, "words_pictures/simple_form_page.html", {
        "case": case, "story": story, "form": form, "title": title, "action": request.path,
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def story_agree_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    form = AgreeForm(request.POST or None, people=list(case.people.all()),
                     initial={"agreed_on": timezone.localdate()})
    return _transition_form(
        request, case, story, form, title=_("Agreed with the parents"), done=_("The story is agreed with the "
                                                                              "parents. Its text is now fixed."),
        save=lambda data: services.story_agree(actor=request.user, case=case, story=story,
                                               people=data["agreed_with"], agreed_on=data["agreed_on"]))


@login_required
@require_http_methods(["GET", "POST"])
def story_read_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    case, story = _load(request, case_id, story_id, Perm.CHANGE)
    form = ReadForm(request.POST or None, initial={"read_on": timezone.localdate()})
    return _transition_form(
        request, case, story, form, title=_("Read with the children"),
        done=_("Recorded: the story was read with the children."),
        save=lambda data: services.story_mark_read(actor=request.user, case=case, story=story,
                                                   read_on=data["read_on"]))


@login_required
@require_GET
def story_pdf_view(request: AuthedRequest, case_id: int, story_id: int) -> HttpResponse:
    """The booklet, in the case's language. Every download is an export in the audit trail."""
    case, story = _load(request, case_id, story_id)
    content = story_pdf(case, story)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=story,
                 object_type="words_pictures.pdf")
    return pdf_response(content, story_pdf_filename(case, story))
