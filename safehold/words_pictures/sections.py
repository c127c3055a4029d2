"""What Words & Pictures adds to the case page: the latest version of the story and where it stands."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection


def story_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    stories = list(case.stories.order_by("-version_no"))
    return {"stories": stories, "latest": stories[0] if stories else None}


SECTION = CaseSection(key="words_pictures", title=_("Words & Pictures"),
                      template="words_pictures/partials/_case_section.html", context=story_section_context)
