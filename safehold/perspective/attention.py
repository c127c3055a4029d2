"""What the Perspektivklärung reports on the start page (issue 14, item 6): clarification assignments due within
a week or overdue, a placement whose time frame ends within four weeks without a recommendation, and the next
care-plan meeting agreed within two weeks. For the assigned workers and the team lead; a fixed number of
queries whatever the number of cases."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.cases.sections import AttentionItem, attention_case_fields
from safehold.cases.selectors import open_case_ids
from safehold.core.text import isolate
from safehold.meetings.models import Meeting
from safehold.perspective.models import PENDING_STATUSES, Assignment, Placement
from safehold.perspective.selectors import CARE_PLAN_MEETINGS

ASSIGNMENT_DUE_SOON = timedelta(days=7)
PLACEMENT_ENDS_SOON = timedelta(weeks=4)
MEETING_SOON = timedelta(days=14)


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")  # in the reader's language


def perspective_deadlines(user: User) -> list[AttentionItem]:
    case_ids = open_case_ids(user=user)
    today = timezone.localdate()
    items = []
    for assignment in (Assignment.objects.filter(case_id__in=case_ids, status__in=PENDING_STATUSES,
                                                 due_on__lte=today + ASSIGNMENT_DUE_SOON)
                       .select_related("case").only("case_id", "due_on", "question", *attention_case_fields())):
        due = assignment.due_on
        assert due is not None  # filtered on it
        overdue = due < today
        message = (_("Clarification assignment overdue since %(date)s: %(question)s") if overdue
                   else _("Clarification assignment due on %(date)s: %(question)s"))
        items.append(AttentionItem(
            case=assignment.case, kind="clarification_due", due=due, severity="danger" if overdue else "warning",
            message=message % {"date": _day(due),
                               "question": Truncator(assignment.question).chars(80)},
            url=reverse("perspective:assignment_detail",
                        kwargs={"case_id": assignment.case_id, "clarification_id": assignment.pk})))
    for placement in (Placement.objects.filter(case_id__in=case_ids, ended_on__isnull=True,
                                               planned_end_on__lte=today + PLACEMENT_ENDS_SOON,
                                               recommendation__isnull=True)
                      .select_related("case", "child")
                      .only("case_id", "planned_end_on", "child__first_name", *attention_case_fields())):
        items.append(AttentionItem(
            case=placement.case, kind="placement_ending", due=placement.planned_end_on, severity="warning",
            message=_("The placement of %(child)s ends on %(date)s and there is no recommendation yet") % {
                "child": isolate(placement.child.first_name), "date": _day(placement.planned_end_on)},
            url=reverse("perspective:placement_detail",
                        kwargs={"case_id": placement.case_id, "placement_id": placement.pk})))
    soonest: dict[int, Meeting] = {}
    for meeting in (Meeting.objects.filter(case_id__in=case_ids, kind__in=CARE_PLAN_MEETINGS, next_on__gte=today,
                                           next_on__lte=today + MEETING_SOON)
                    .select_related("case").only("case_id", "next_on", *attention_case_fields())
                    .order_by("next_on", "pk")):
        soonest.setdefault(meeting.case_id, meeting)
    for meeting in soonest.values():
        items.append(AttentionItem(
            case=meeting.case, kind="care_plan_meeting", due=meeting.next_on, severity="info",
            message=_("Next care-plan meeting on %(date)s") % {"date": _day(meeting.next_on)},
            url=reverse("meetings:detail", kwargs={"case_id": meeting.case_id, "meeting_id": meeting.pk})))
    return items
