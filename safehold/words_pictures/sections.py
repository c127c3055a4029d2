"""What Words & Pictures adds to the case page: the latest version of the story and where it stands."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.words_pictures.selectors import case_stories


def story_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    stories = case_stories(case, newest_first=True)
    return {"stories": stories, "latest": stories[0] if stories else None}


SECTION = CaseSection(key="words_pictures", title=_("Words & Pictures"),
                      template="words_pictures/partials/_case_section.html", context=story_section_context)
