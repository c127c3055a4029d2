"""What the perspective tool shows on a meeting's page (read by the meetings through the setting
`SAFEHOLD_MEETING_PANELS`, since the meetings sit below this tool): the Hilfeplan written from a care-plan
meeting."""

from __future__ import annotations

from django.utils.safestring import SafeString

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.meetings.models import Meeting


def help_plan_panel(case: Case, meeting: Meeting, may: CasePerms) -> SafeString:
    return SafeString("")
