"""The meetings' panel on the case page: the latest meetings, the next date agreed, and the way to all of them
(the meetings have pages of their own; the map records one too)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.meetings.models import Meeting

SHOWN = 3


def meetings_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    """The latest meetings, newest first, and the next date the latest one agreed. One query."""
    latest = list(Meeting.objects.filter(case=case).order_by("-held_on", "-id")[:SHOWN])
    return {"latest": latest, "next_on": latest[0].next_on if latest else None}


SECTION = CaseSection(key="meetings", title=_("Meetings"), template="meetings/partials/_case_section.html",
                      context=meetings_section_context)
