"""Words & Pictures: the versions of a case's story for the children, their panels, agreement with the parents,
reading with the children and the booklet. Same access policy, services and audit trail as the web interface."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_words_pictures import (
    PanelOut,
    StoryList,
    StoryOut,
    StoryPatch,
    StoryTransitionIn,
    story_out,
    story_summary,
)
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import access_case
from safehold.cases.models import Case
from safehold.cases.perms import Perm
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.words_pictures import services
from safehold.words_pictures.documents import story_document
from safehold.words_pictures.models import Panel, Story, StoryStatus
from safehold.words_pictures.selectors import case_stories, case_story, story_content, story_panel

router = Router(tags=["words & pictures"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("StoryConflict", StoryOut, PanelOut, gone=True)}
PDF = {200: {"description": "The booklet for the children as a PDF file.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}


def _full_story(story: Story) -> dict[str, Any]:
    content = story_content(story)
    missing = [str(section.value) for section in services.missing_sections(p.section for p in content.panels)]
    return story_out(story, content.panels, content.agreed_with, missing)


def _current(case: Case, story: Story, conflict: ConflictError) -> dict[str, Any]:
    """What a 409 shows: the record as committed, read again after the rollback of the whole PATCH."""
    try:
        if isinstance(conflict.current, Panel):
            return PanelOut.from_orm(story_panel(story, conflict.current.pk)).model_dump(mode="json")
        return StoryOut.model_validate(_full_story(case_story(case, story.pk))).model_dump(mode="json")
    except Http404:  # deleted meanwhile
        return {}


@router.get("/{case_id}/words-pictures", response={200: StoryList, **ERRORS}, url_name="list_stories")
def list_stories(request: ApiRequest, case_id: int) -> Status:
    """Every version of the case's Words & Pictures story, oldest first."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    stories = case_stories(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="words_pictures.story_list")
    return Status(200, {"items": [story_summary(story) for story in stories], "count": len(stories)})


@router.post("/{case_id}/words-pictures", response={201: StoryOut, **ERRORS}, url_name="create_story")
def create_story(request: ApiRequest, case_id: int) -> Status:
    """Start the story, or its next version: a draft copy of the latest version (title and panels). A case has
    one draft at a time."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    return Status(201, _full_story(services.story_create(actor=request.auth, case=case)))


@router.get("/{case_id}/words-pictures/{story_id}", response={200: StoryOut, **ERRORS}, url_name="get_story")
def get_story(request: ApiRequest, case_id: int, story_id: int) -> Status:
    """A version of the story with its panels in order, who agreed to it and what it does not tell yet."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    story = case_story(case, story_id)
    audit_view(actor=request.auth, case=case, obj=story)
    return Status(200, _full_story(story))


@router.patch("/{case_id}/words-pictures/{story_id}", response={200: StoryOut, **WRITE_ERRORS},
              url_name="patch_story")
def patch_story(request: ApiRequest, case_id: int, story_id: int, payload: StoryPatch) -> Status:
    """Change a draft in one go: its title, panels (added at the end, changed, removed). All or nothing: if any
    item is refused, nothing is saved and the errors name the item, e.g. `panels.2.text`. A version the parents
    agreed to cannot be changed: start a new version."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    story = case_story(case, story_id)
    panels = [services.PanelChange(**item.model_dump()) for item in payload.panels]
    try:
        services.story_change(actor=request.auth, case=case, story=story, expected_version=payload.version,
                              title=payload.title, panels=panels, removed_panels=payload.removed_panels)
    except ConflictError as conflict:
        return Status(409, error_body(conflict.message, {"version": [_("This is no longer the current version.")]},
                                      current=_current(case, story, conflict)))
    return Status(200, _full_story(case_story(case, story.pk)))


@router.post("/{case_id}/words-pictures/{story_id}/transition", response={200: StoryOut, **ERRORS},
             url_name="transition_story")
def transition_story(request: ApiRequest, case_id: int, story_id: int, payload: StoryTransitionIn) -> Status:
    """Move a version along: draft → agreed with the parents (`agreed_with`: parents or caregivers of the case,
    `agreed_on`) → read with the children (`read_on`). A story is agreed only when it tells all four parts the
    method expects. Agreeing a version supersedes the one agreed before."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    story = case_story(case, story_id)
    if payload.status == StoryStatus.AGREED:
        story = services.story_agree(actor=request.auth, case=case, story=story, people=payload.agreed_with,
                                     agreed_on=payload.agreed_on)
    else:
        story = services.story_mark_read(actor=request.auth, case=case, story=story, read_on=payload.read_on)
    return Status(200, _full_story(story))


@router.get("/{case_id}/words-pictures/{story_id}/pdf", response=ERRORS, url_name="story_pdf",
            openapi_extra={"responses": PDF})
def story_pdf(request: ApiRequest, case_id: int, story_id: int) -> HttpResponse:
    """The booklet for the children in the case's language: a title page, then one panel to a page in large
    type with its picture or figures."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    story = case_story(case, story_id)
    document = story_document(case, story)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=story, object_type="words_pictures.pdf")
    return download_response(document)
