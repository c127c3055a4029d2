"""The screening tool's section on the case page: the current screening of the whole family and of each child
screened on their own, with the recommendation and the decisions. One query, however many screenings there are
(the outcome is kept on each screening, so no answers are read)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.screening.selectors import case_screenings, current_screenings


def screening_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    screenings = case_screenings(case)
    return {"current": current_screenings(screenings), "count": len(screenings),
            # access_case loads the organisation with the case: no query
            "lead_asked": case.organisation.screening_needs_team_lead}


SECTION = CaseSection(key="screening", title=_("Target group screening"),
                      template="screening/partials/_case_section.html", context=screening_section_context)
