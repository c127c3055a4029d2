"""What the perspective tool shows on a meeting's page (read by the meetings through the setting
`SAFEHOLD_MEETING_PANELS`, since the meetings sit below this tool): the Hilfeplan written from a care-plan
meeting, or its update from a review meeting."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.meetings.models import Meeting
from safehold.perspective.help_plans import meeting_help_plan
from safehold.perspective.models import HELP_PLAN_KINDS


def help_plan_panel(case: Case, meeting: Meeting, may: CasePerms) -> SafeString:
    """For a care-plan or review meeting: whether its Hilfeplan is written, who signed it, and the links to
    write or open it and to its PDF (three queries); nothing for the other kinds."""
    if meeting.kind not in HELP_PLAN_KINDS:
        return SafeString("")
    plan = meeting_help_plan(meeting)
    # render_to_string gives SafeString: the template escaped every value already.
    return render_to_string("perspective/partials/_help_plan_panel.html", {
        "case": case, "meeting": meeting, "may": may, "plan": plan,
        "sign_offs": list(plan.sign_offs.all()) if plan else []})
