"""HTML views of Words & Pictures. Thin: every case through the access policy (`case_view`), every story and
panel through a selector scoped by it, every change through a service.

On the story page the panels are edited in place with htmx: a change answers with the panels section. The
same URLs work without script (a page with the form, and a redirect back to the story after saving)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.audit.services import Action
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.core.downloads import download_response
from safehold.core.forms import Submitted, form_ids, submit
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError
from safehold.words_pictures import services
from safehold.words_pictures.documents import story_document
from safehold.words_pictures.forms import AgreeForm, PanelForm, PictureForm, ReadForm, StoryForm
from safehold.words_pictures.models import Panel, Story, StoryStatus
from safehold.words_pictures.selectors import (
    agreeing_people,
    case_stories,
    case_story,
    story_content,
    story_panel,
    story_panels,
)

T = TypeVar("T")


def _story_url(case: Case, story: Story, anchor: str = "") -> str:
    url = reverse("words_pictures:story_detail", kwargs={"case_id": case.pk, "story_id": story.pk})
    return f"{url}#{anchor}" if anchor else url


def _editable(may: CasePerms, story: Story) -> bool:
    return may.change and story.status == StoryStatus.DRAFT


def _attempt(request: AuthedRequest, change: Callable[[], T]) -> T | None:
    """For an action without a form (start a version, move, delete): a refusal is shown as a message."""
    try:
        return change()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None


# --- the stories of a case -----------------------------------------------------------------------------

@case_view(Perm.VIEW)
def stories_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    stories = case_stories(case, newest_first=True)
    return render(request, "words_pictures/stories.html", {
        "case": case, "may": may, "stories": stories, "may_change": may.change,
        "draft": next((s for s in stories if s.status == StoryStatus.DRAFT), None),
    })


@case_view(Perm.CHANGE, methods=("POST",))
def story_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    story = _attempt(request, lambda: services.story_create(actor=request.user, case=case))
    if story is None:
        return redirect("words_pictures:stories", case_id=case.pk)
    messages.success(request, _("Story started.") if story.version_no == 1 else
                     _("New version started as a copy of the one before."))
    return redirect(_story_url(case, story))


def _panels_context(case: Case, may: CasePerms, story: Story, panels: list[Panel] | None = None) -> dict[str, Any]:
    panels = story_panels(story) if panels is None else panels
    return {"case": case, "may": may, "story": story, "panels": panels, "editable": _editable(may, story),
            "missing": services.missing_sections(p.section for p in panels)}


@case_view(Perm.VIEW)
def story_detail_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    shows(request, story)
    content = story_content(story)
    return render(request, "words_pictures/story_detail.html", {
        **_panels_context(case, may, story, content.panels), "agreed_with": content.agreed_with,
        "may_change": may.change,
    })


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def story_edit_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    shows(request, story)
    form = StoryForm(request.POST or None, initial={"title": story.title, "version": story.version})
    sent = submit(form, lambda data: services.story_update(
        actor=request.user, case=case, story=story, expected_version=data["version"] or 0, title=data["title"]))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(_story_url(case, story))
    if sent.conflict:
        story.refresh_from_db()  # the page shows the title as saved, the form what the user typed
    return render(request, "words_pictures/simple_form_page.html", {
        "case": case, "story": story, "form": form, "title": _("Edit the title"), "action": request.path,
        "conflict": sent.conflict, "conflict_current": [(_("Title"), story.title)] if sent.conflict else [],
    }, status=sent.status)


# --- panels --------------------------------------------------------------------------------------------

def _panels_response(request: AuthedRequest, case: Case, may: CasePerms, story: Story) -> HttpResponse:
    if not request.htmx:
        return redirect(_story_url(case, story, "panels"))
    return render(request, "words_pictures/partials/_panels.html", _panels_context(case, may, story))


def _panel_form_response(request: AuthedRequest, case: Case, story: Story, form: PanelForm, *, status: int,
                         panel: Panel | None = None, conflict: ConflictError | None = None) -> HttpResponse:
    context = {"case": case, "story": story, "form": form, "panel": panel, "conflict": conflict}
    if request.htmx:
        return form_in_place(request, "words_pictures/partials/_panel_form.html", context, status=status,
                             target=f"#panel-{panel.pk}" if panel else "#new-panel")
    return render(request, "words_pictures/form_page.html", {
        **context, "title": _("Edit the panel") if panel else _("Add a panel")}, status=status)


@case_view(Perm.VIEW)
def panels_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    """The panels section as shown on the story (what "cancel" on a panel form brings back)."""
    story = case_story(case, story_id)
    shows(request, story)
    return _panels_response(request, case, may, story)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def panel_create_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    shows(request, story)
    form = PanelForm(request.POST or None, auto_id=form_ids("new-panel"),
                     initial={"section": request.GET.get("section", "")})
    sent = submit(form, lambda data: services.panel_create(
        actor=request.user, case=case, story=story, section=data["section"], text=data["text"],
        figures=data["figures"]))
    if sent.saved:
        return _panels_response(request, case, may, story)
    return _panel_form_response(request, case, story, form, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def panel_edit_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int,
                    panel_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    panel = story_panel(story, panel_id)
    shows(request, panel)
    form = PanelForm(request.POST or None, editing=True, auto_id=form_ids(f"panel-{panel.pk}"),
                     initial={"section": panel.section, "text": panel.text, "figures": panel.figures,
                              "version": panel.version})
    sent = submit(form, lambda data: services.panel_update(
        actor=request.user, case=case, panel=panel, expected_version=data["version"] or 0,
        section=data["section"], text=data["text"], figures=data["figures"]))
    if sent.saved:
        return _panels_response(request, case, may, story)
    # After a conflict the form shows the panel as saved (conflict.current) beside what the user typed.
    return _panel_form_response(request, case, story, form, status=sent.status, panel=panel,
                                conflict=sent.conflict)


@case_view(Perm.CHANGE, methods=("POST",))
def panel_move_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int,
                    panel_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    panel = story_panel(story, panel_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    _attempt(request, lambda: services.panel_move(actor=request.user, case=case, panel=panel, offset=offset))
    return _panels_response(request, case, may, story)


@case_view(Perm.CHANGE, methods=("POST",))
def panel_delete_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int,
                      panel_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    panel = story_panel(story, panel_id)
    _attempt(request, lambda: services.panel_delete(actor=request.user, case=case, panel=panel))
    return _panels_response(request, case, may, story)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def panel_picture_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int,
                       panel_id: int) -> HttpResponse:
    """Upload a picture for a panel: a page of its own, as files travel in a plain multipart form."""
    story = case_story(case, story_id)
    panel = story_panel(story, panel_id)
    shows(request, panel)
    form = PictureForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> Panel:
        try:
            return services.panel_picture_set(actor=request.user, case=case, panel=panel, upload=data["file"])
        except ValidationError as error:
            # The service names the panel's picture; on this page that is the upload field.
            if hasattr(error, "error_dict") and "picture" in error.error_dict:
                raise ValidationError({"file": error.error_dict["picture"]}) from None
            raise

    sent = submit(form, save)
    if sent.saved:
        messages.success(request, _("Picture added."))
        return redirect(_story_url(case, story, f"panel-{panel.pk}"))
    return render(request, "words_pictures/simple_form_page.html", {
        "case": case, "story": story, "form": form, "title": _("Add a picture"), "action": request.path,
        "multipart": True, "panel": panel,
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def panel_picture_remove_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int,
                              panel_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    panel = story_panel(story, panel_id)
    _attempt(request, lambda: services.panel_picture_remove(actor=request.user, case=case, panel=panel))
    return _panels_response(request, case, may, story)


# --- agreed with the parents, read with the children ---------------------------------------------------------

def _transition_response(request: AuthedRequest, case: Case, story: Story, form: forms.Form, sent: Submitted[Story],
                         *, title: str, done: str) -> HttpResponse:
    if sent.saved:
        messages.success(request, done)
        return redirect(_story_url(case, story))
    return render(request, "words_pictures/simple_form_page.html", {
        "case": case, "story": story, "form": form, "title": title, "action": request.path,
    }, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def story_agree_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    shows(request, story)
    form = AgreeForm(request.POST or None, people=agreeing_people(case), initial={"agreed_on": timezone.localdate()})
    sent = submit(form, lambda data: services.story_agree(
        actor=request.user, case=case, story=story, people=data["agreed_with"], agreed_on=data["agreed_on"]))
    return _transition_response(request, case, story, form, sent, title=_("Agreed with the parents"),
                                done=_("The story is agreed with the parents. Its text is now fixed."))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def story_read_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    story = case_story(case, story_id)
    shows(request, story)
    form = ReadForm(request.POST or None, initial={"read_on": timezone.localdate()})
    sent = submit(form, lambda data: services.story_mark_read(
        actor=request.user, case=case, story=story, read_on=data["read_on"]))
    return _transition_response(request, case, story, form, sent, title=_("Read with the children"),
                                done=_("Recorded: the story was read with the children."))


@case_view(Perm.VIEW, audit=Action.EXPORT)
def story_pdf_view(request: AuthedRequest, case: Case, may: CasePerms, story_id: int) -> HttpResponse:
    """The booklet, in the case's language. Every download is an export in the audit trail."""
    story = case_story(case, story_id)
    shows(request, story, object_type="words_pictures.pdf")
    return download_response(story_document(case, story))
