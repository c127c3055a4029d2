"""Words & Pictures: the versions of a case's story for the children, their panels, agreement with the parents,
reading with the children and the booklet. Same access policy, services and audit trail as the web interface."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import ItemErrors, error_body
from safehold.api.schemas import Conflict, Error
from safehold.api.schemas_words_pictures import (
    PanelIn,
    PanelOut,
    StoryList,
    StoryOut,
    StoryPatch,
    TransitionIn,
    story_out,
    story_summary,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.core.downloads import pdf_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.words_pictures import services
from safehold.words_pictures.documents import story_pdf as render_story_pdf
from safehold.words_pictures.documents import story_pdf_filename
from safehold.words_pictures.models import Panel, Story, StoryStatus
from safehold.words_pictures.selectors import case_story, story_content

router = Router(tags=["words & pictures"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: Conflict}
PDF = {200: {"description": "The booklet for the children as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}


def _full_story(story: Story) -> dict[str, Any]:
    content = story_content(story)
    missing = [str(section.value) for section in services.missing_sections(p.section for p in content.panels)]
    return story_out(story, content.panels, content.agreed_with, missing)


def _current(case: Case, story: Story, exc: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed, read again after the rollback of the whole PATCH."""
    if isinstance(exc.current, Panel):
        panel = Panel.objects.filter(story=story, pk=exc.current.pk).select_related("picture").first()
        return {} if panel is None else PanelOut.from_orm(panel).model_dump(mode="json")
    try:
        return StoryOut.model_validate(_full_story(case_story(case, story.pk))).model_dump(mode="json")
    except Http404:  # deleted meanwhile
        return {}


@router.get("/{case_id}/words-pictures", response={200: StoryList, **ERRORS}, url_name="list_stories")
def list_stories(request: ApiRequest, case_id: int):
    """Every version of the case's Words & Pictures story, oldest first."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    stories = list(Story.objects.filter(case=case).order_by("version_no", "id"))
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="words_pictures.story_list")
    return Status(200, {"items": [story_summary(story) for story in stories], "count": len(stories)})


@router.post("/{case_id}/words-pictures", response={201: StoryOut, **ERRORS}, url_name="create_story")
def create_story(request: ApiRequest, case_id: int):
    """Start the story, or its next version: a draft copy of the latest version (title and panels). A case has
    one draft at a time."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    created = services.story_create(actor=request.auth, case=case)
    return Status(201, _full_story(case_story(case, created.pk)))


@router.get("/{case_id}/words-pictures/{story_id}", response={200: StoryOut, **ERRORS}, url_name="get_story")
def get_story(request: ApiRequest, case_id: int, story_id: int):
    """A version of the story with its panels in order, who agreed to it and what it does not tell yet."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    story = case_story(case, story_id)
    audit_view(actor=request.auth, case=case, obj=story)
    return Status(200, _full_story(story))


@router.patch("/{case_id}/words-pictures/{story_id}", response={200: StoryOut, **WRITE_ERRORS},
              url_name="patch_story")
def patch_story(request: ApiRequest, case_id: int, story_id: int, payload: StoryPatch):
    """Change a draft in one go: its title, panels (added at the end, changed, removed). All or nothing: if any
    item is refused, nothing is saved and the errors name the item, e.g. `panels.2.text`. A version the parents
    agreed to cannot be changed: start a new version."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    story = case_story(case, story_id)
    try:
        with transaction.atomic():
            _apply_patch(request.auth, case, story, payload)
    except ConflictError as exc:
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=_current(case, story, exc)))
    return Status(200, _full_story(case_story(case, story.pk)))


def _apply_patch(actor, case: Case, story: Story, payload: StoryPatch) -> None:
    errors = ItemErrors()
    if "title" in payload.model_fields_set:
        if payload.title is None:
            errors.add("title", _("This field cannot be empty."))
        else:
            with errors.under(""):
                services.story_update(actor=actor, case=case, story=story, expected_version=payload.version,
                                      title=payload.title)

    panels = {panel.pk: panel for panel in story.panels.all()}
    for panel in panels.values():
        panel.story = story
    for index, panel_id in enumerate(payload.removed_panels):
        removed = panels.get(panel_id)
        if removed is None:
            errors.add(f"removed_panels.{index}", _("There is no such panel in this story."))
            continue
        with errors.under(f"removed_panels.{index}"):
            services.panel_delete(actor=actor, case=case, panel=removed)
            del panels[panel_id]  # gone: a later item of this PATCH cannot change it

    for index, item in enumerate(payload.panels):
        with errors.under(f"panels.{index}"):
            _upsert_panel(actor, case, story, panels, item)
    errors.raise_any()


def _upsert_panel(actor, case: Case, story: Story, panels: dict[int, Panel], item: PanelIn) -> None:
    """Add or change one panel. Raises its errors with names relative to the panel."""
    fields = item.model_dump(exclude_unset=True, exclude={"id", "version"})
    problems: dict[str, list[str]] = {}
    for name, value in fields.items():
        if value is None:
            problems[name] = [_("This field cannot be empty.")]
    panel: Panel | None = None
    if item.id is not None:
        panel = panels.get(item.id)
        if panel is None:
            problems["id"] = [_("There is no such panel in this story.")]
        if item.version is None:
            problems["version"] = [_("Send the version of the panel you read.")]
    if problems:
        raise ValidationError(problems)
    if panel is None:
        services.panel_create(actor=actor, case=case, story=story, section=fields.get("section"),
                              text=fields.get("text"), figures=fields.get("figures"))
    else:
        assert item.version is not None
        services.panel_update(actor=actor, case=case, panel=panel, expected_version=item.version, **fields)


@router.post("/{case_id}/words-pictures/{story_id}/transition", response={200: StoryOut, **ERRORS},
             url_name="transition_story")
def transition_story(request: ApiRequest, case_id: int, story_id: int, payload: TransitionIn):
    """Move a version along: draft → agreed with the parents (`agreed_with`: parents or caregivers of the case,
    `agreed_on`) → read with the children (`read_on`). A story is agreed only when it tells all four parts the
    method expects. Agreeing a version supersedes the one agreed before."""
    case = legacy_access_case(request.auth, case_id, Perm.CHANGE)
    story = case_story(case, story_id)
    if payload.status == StoryStatus.AGREED:
        services.story_agree(actor=request.auth, case=case, story=story, people=payload.agreed_with,
                             agreed_on=payload.agreed_on)
    else:
        services.story_mark_read(actor=request.auth, case=case, story=story, read_on=payload.read_on)
    return Status(200, _full_story(case_story(case, story.pk)))


@router.get("/{case_id}/words-pictures/{story_id}/pdf", response=ERRORS, url_name="story_pdf",
            openapi_extra={"responses": PDF})
def story_pdf(request: ApiRequest, case_id: int, story_id: int) -> HttpResponse:
    """The booklet for the children in the case's language: a title page, then one panel to a page in large
    type with its picture or figures."""
    case = legacy_access_case(request.auth, case_id, Perm.VIEW)
    story = case_story(case, story_id)
    content = render_story_pdf(case, story)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=story, object_type="words_pictures.pdf")
    return pdf_response(content, story_pdf_filename(case, story))
