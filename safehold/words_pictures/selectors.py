"""Reads of Words & Pictures stories, shared by the pages, the API and the booklet. Each runs a fixed number
of queries, however many panels a story holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from safehold.cases.models import Case, Person
from safehold.words_pictures.figures import figures_of
from safehold.words_pictures.models import Panel, Story

DB_INT_MAX = 2**63 - 1


def _pk(value: int | str) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not -DB_INT_MAX <= pk <= DB_INT_MAX:
        raise Http404
    return pk


def case_story(case: Case, story_id: int | str) -> Story:
    """One version of the case's story, or 404 (a story of another case does not exist here)."""
    found = Story.objects.filter(case=case, pk=_pk(story_id)).first()
    if found is None:
        raise Http404
    found.case = case
    return found


def story_panel(story: Story, panel_id: int | str) -> Panel:
    """A panel of this version of the story, or 404."""
    panel = Panel.objects.filter(story=story, pk=_pk(panel_id)).select_related("picture").first()
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


@dataclass
class StoryContent:
    story: Story
    panels: list[Panel]
    agreed_with: list[Person]


def story_content(story: Story) -> StoryContent:
    """Everything on a version of the story. Two queries."""
    return StoryContent(story, story_panels(story), list(story.agreed_with.all()))

