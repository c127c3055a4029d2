"""Reads of Words & Pictures stories, shared by the pages, the API and the booklet. Each starts from a case the
access policy has loaded and runs a fixed number of queries, however many panels a story holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from safehold.cases.models import Case, Person
from safehold.core.ids import as_pk, pk_or_404
from safehold.words_pictures.figures import figures_of
from safehold.words_pictures.models import AGREEING_ROLES, Panel, Story


def case_stories(case: Case, *, newest_first: bool = False) -> list[Story]:
    """Every version of the case's story. One query."""
    stories = list(Story.objects.filter(case=case).order_by(
        *(("-version_no", "-id") if newest_first else ("version_no", "id"))))
    for story in stories:
        story.case = case
    return stories


def case_story(case: Case, story_id: int | str) -> Story:
    """One version of the case's story, or 404 (a story of another case does not exist here)."""
    found = Story.objects.filter(case=case, pk=pk_or_404(story_id)).first()
    if found is None:
        raise Http404
    found.case = case
    return found


def chosen_story(case: Case, story_id: int | None, *, field: str = "story") -> Story | None:
    """The version of the case's story that input names (None for none), or ValidationError on `field`: for
    input, where `case_story` (404) is for URLs."""
    if story_id is None:
        return None
    pk = as_pk(story_id)
    found = Story.objects.filter(case=case, pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError({field: _("Choose a Words & Pictures story of this case.")})
    found.case = case
    return found


def story_panel(story: Story, panel_id: int | str) -> Panel:
    """A panel of this version of the story, or 404."""
    panel = Panel.objects.filter(story=story, pk=pk_or_404(panel_id)).select_related("picture").first()
    if panel is None:
        raise Http404
    panel.story = story
    return panel


def story_panels(story: Story) -> list[Panel]:
    """The panels in order, each with its picture's row and its figures. One query."""
    panels = list(story.panels.select_related("picture").order_by("position", "id"))
    for panel in panels:
        panel.story = story
        panel.figure_list = figures_of(panel.figures)  # type: ignore[attr-defined]
        if panel.picture is not None and panel.picture.deleted_at is not None:
            panel.picture = None  # taken off the case: not shown any more
    return panels


def agreeing_people(case: Case) -> list[Person]:
    """The parents and caregivers of the case, who may agree to the story. One query."""
    return list(case.people.filter(role__in=AGREEING_ROLES))


@dataclass
class StoryContent:
    story: Story
    panels: list[Panel]
    agreed_with: list[Person]


def story_content(story: Story) -> StoryContent:
    """Everything on a version of the story. Two queries."""
    return StoryContent(story, story_panels(story), list(story.agreed_with.all()))
