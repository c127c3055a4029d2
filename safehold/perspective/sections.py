"""The perspective tool's section on the case page: the placements of the case's children with their
recommendation and the end of their time frame, the clarification assignments still open or in progress, and the
next care-plan or review meeting."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.perspective.attention import PLACEMENT_ENDS_SOON
from safehold.perspective.selectors import case_placements, next_care_plan_meeting, pending_assignments


def perspective_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    """Two queries with nothing to show, four with a placement, however many there are: the placements with their
    recommendation, their carers (only when there are placements), the pending assignments, and the next
    care-plan meeting, asked for only when there is a placement or a pending assignment (without either there is
    no process to date; the meetings' own section shows the next date agreed)."""
    today = timezone.localdate()
    placements = case_placements(case)
    pending = pending_assignments(case)
    return {"placements": placements, "pending": pending, "today": today, "ends_soon": today + PLACEMENT_ENDS_SOON,
            "next_meeting": next_care_plan_meeting(case, today=today) if placements or pending else None}


SECTION = CaseSection(key="perspective", title=_("Placement and contacts"),
                      template="perspective/partials/_case_section.html", context=perspective_section_context)
