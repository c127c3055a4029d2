"""What the Words & Pictures endpoints accept and return: the versions of a case's story for the children,
their panels (text, part of the story, figures from the library, an uploaded picture) and where each version
stands (agreed with the parents, read with the children). People are sent as ids."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from safehold.api.routers.files import api_file_url
from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.cases.models import Person
from safehold.core.validation import SHORT
from safehold.words_pictures.figures import FIGURES, MAX_FIGURES
from safehold.words_pictures.models import PANEL_TEXT, Panel, Section, Story, StoryStatus

StoryStatusName = Literal["draft", "agreed", "read_with_children", "superseded"]
SectionName = Literal["who_is_worried", "what_happened", "keeping_safe", "safety_network", "other"]

assert set(StoryStatusName.__args__) == set(StoryStatus.values)  # type: ignore[attr-defined]
assert set(SectionName.__args__) == set(Section.values)  # type: ignore[attr-defined]

FIGURES_DESCRIPTION = "Keys of figures from the library, shown side by side: " + ", ".join(FIGURES) + "."
# Checked against the library by the service, which names the field.
FigureKey = Annotated[str, Field(max_length=40)]


# --- answers ------------------------------------------------------------------------------------------

class PictureOut(Schema):
    id: int
    url: str = Field(..., description="The picture through this API (GET it with the same token), audited.")
    content_type: str
    width: int | None
    height: int | None


class PanelOut(Schema):
    id: int
    position: int
    section: str
    text: str
    figures: list[str] = Field(..., description=FIGURES_DESCRIPTION)
    picture: PictureOut | None = Field(..., description="The uploaded picture; null for a panel without one.")
    version: int
    lineage: UUID = Field(..., description="The same on the copies of this panel in earlier and later versions.")

    @staticmethod
    def resolve_picture(panel: Panel) -> dict[str, Any] | None:
        stored = panel.picture
        if stored is None:
            return None
        return {"id": stored.pk, "url": api_file_url(stored), "content_type": stored.content_type,
                "width": stored.width, "height": stored.height}


class StorySummary(Schema):
    id: int
    version_no: int = Field(..., description="1 for the first version of the story, 2 for the next…")
    status: str
    title: str
    copied_from: int | None = Field(..., description="The version this one started as a copy of; null for the "
                                                     "first.")
    agreed_on: date | None = Field(..., description="When the parents agreed to it; null until they do.")
    agreed_with_names: str = Field(..., description="The names of those who agreed, as they were then.")
    read_on: date | None = Field(..., description="When the story was read with the children; null until then.")
    pdf_url: str = Field(..., description="The booklet for the children as a PDF, in the case's language, "
                                          "through this API.")
    version: int = Field(..., description="For optimistic locking; not the story's version number.")
    created_at: datetime
    updated_at: datetime


class StoryList(Schema):
    items: list[StorySummary] = Field(..., description="Oldest version first.")
    count: int


class StoryOut(StorySummary):
    agreed_with: list[Ref] = Field(..., description="The parents or caregivers who agreed.")
    panels: list[PanelOut]
    missing_sections: list[str] = Field(..., description="The parts of the story the method expects that no "
                                                         "panel tells yet; empty before it can be agreed.")


def story_summary(story: Story) -> dict[str, Any]:
    return {
        "id": story.pk, "version_no": story.version_no, "status": story.status, "title": story.title,
        "copied_from": story.copied_from_id, "agreed_on": story.agreed_on,
        "agreed_with_names": story.agreed_with_names, "read_on": story.read_on,
        "pdf_url": reverse("api-v1:story_pdf", kwargs={"case_id": story.case_id, "story_id": story.pk}),
        "version": story.version, "created_at": story.created_at, "updated_at": story.updated_at,
    }


def story_out(story: Story, panels: list[Panel], agreed_with: list[Person], missing: list[str]) -> dict[str, Any]:
    return {
        **story_summary(story),
        "agreed_with": [{"id": p.pk, "name": p.full_name} for p in agreed_with],
        "panels": panels, "missing_sections": missing,
    }


# --- what a client sends -----------------------------------------------------------------------------

class PanelIn(Patch):
    nullable = frozenset({"id", "version"})

    id: DbInt | None = Field(None, description="Leave out (or null) to add a panel at the end; give it, with "
                                               "`version`, to change one.")
    version: int | None = Field(None, description="The panel's version you read; a newer one answers 409. "
                                                  "Needed to change a panel.")
    section: SectionName | None = Field(None, description="The part of the story the panel tells. Needed for a "
                                                          "new panel; left out, a panel keeps its own.")
    text: str | None = Field(None, max_length=PANEL_TEXT, description="In words a child understands. Needed for "
                                                                      "a new panel; left out, a panel keeps its "
                                                                      "own.")
    figures: list[FigureKey] | None = Field(None, max_length=MAX_FIGURES * 4, description=FIGURES_DESCRIPTION)


class StoryPatch(Patch):
    version: int = Field(..., description="The story's version you read; a newer one answers 409 when the "
                                          "title is changed.")
    title: str | None = Field(None, max_length=SHORT, description="Left out, the title stays as it is.")
    panels: list[PanelIn] = Field([], description="Panels to add (no id) or change (id and version).")
    removed_panels: list[DbInt] = Field([], description="Ids of panels to delete.")


class StoryTransitionIn(Input):
    status: Literal["agreed", "read_with_children"] = Field(
        ..., description="agreed: the parents agreed to this draft (`agreed_with`, `agreed_on`); "
                         "read_with_children: it was read with the children (`read_on`).")
    agreed_with: list[DbInt] = Field([], description="The ids of the parents or caregivers who agreed.")
    agreed_on: date | None = Field(None, description="Today if left out or null.")
    read_on: date | None = Field(None, description="Today if left out or null.")
