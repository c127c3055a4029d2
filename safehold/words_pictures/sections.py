"""What Words & Pictures adds to the case page: the latest version of the story and where it stands."""

from __future__ import annotations


def story_section_context(request, case) -> dict:
    stories = list(case.stories.order_by("-version_no"))
    return {"stories": stories, "latest": stories[0] if stories else None}
