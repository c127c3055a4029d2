"""What the safety plan reports on the start page: an overdue review, a rule broken twice in a row, and for
the team lead the plans waiting for their approval."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.accounts.selectors import user_context
from safehold.cases.sections import AttentionItem, attention_case_fields
from safehold.cases.selectors import open_case_ids
from safehold.safety_plans.models import CheckIn, PlanStatus, Rule, RuleCheck, RuleResult, SafetyPlan


def broken_twice(plans: list[SafetyPlan]) -> dict[int, list[Rule]]:
    """For each plan, the rules broken in both of its last two check-ins (each with its text). One query.

    The last two check-ins of each plan are picked in the database (a window over each plan's check-ins), and
    the broken results counted there: a team lead's few hundred plans have thousands of check-ins, and reading
    them all to keep two took the larger part of the start page's safety-plan warnings (docs/PERFORMANCE.md)."""
    last_two = (CheckIn.objects.filter(plan__in=plans)
                .annotate(place=Window(RowNumber(), partition_by=F("plan_id"),
                                       order_by=[F("checked_on").desc(), F("id").desc()]))
                .filter(place__lte=2).values("id"))
    twice = (RuleCheck.objects.filter(check_in_id__in=last_two, result=RuleResult.BROKEN).order_by()
             .values("rule_id").annotate(times=Count("id")).filter(times=2).values("rule_id"))
    result: dict[int, list[Rule]] = defaultdict(list)
    for rule in Rule.objects.filter(pk__in=twice).only("plan_id", "text"):
        result[rule.plan_id].append(rule)
    return result


def review_overdue(plan: SafetyPlan) -> date | None:
    """The review date a version in force has let pass; None for any other (an ended plan has no review)."""
    if plan.status == PlanStatus.ACTIVE and plan.next_review_on and plan.next_review_on < timezone.localdate():
        return plan.next_review_on
    return None


def plan_warnings(user: User) -> list[AttentionItem]:
    """On the worker's and the team lead's start page. A fixed number of queries."""
    case_ids = open_case_ids(user=user)
    found = list(SafetyPlan.objects.filter(case_id__in=case_ids, status__in=[PlanStatus.ACTIVE, PlanStatus.PROPOSED])
                 .select_related("case")
                 .only("case_id", "status", "version_no", "next_review_on", "updated_at", *attention_case_fields()))
    plans = [plan for plan in found if plan.status == PlanStatus.ACTIVE]
    today = timezone.localdate()
    items = _waiting_for_approval(user, [plan for plan in found if plan.status == PlanStatus.PROPOSED])
    for plan in plans:
        if plan.next_review_on and plan.next_review_on < today:
            items.append(AttentionItem(
                case=plan.case, kind="plan_review", due=plan.next_review_on, severity="warning",
                message=_("Safety plan review overdue since %(date)s") % {
                    "date": date_format(plan.next_review_on, "SHORT_DATE_FORMAT")},  # in the reader's language
                url=reverse("cases:detail", kwargs={"case_id": plan.case_id})))
    broken = broken_twice(plans)
    for plan in plans:
        for rule in broken.get(plan.pk, []):
            items.append(AttentionItem(
                case=plan.case, kind="plan_rule_broken", severity="danger", due=today,
                message=_("Safety plan rule broken twice in a row: %(rule)s") % {"rule": rule.text[:80]},
                url=reverse("cases:detail", kwargs={"case_id": plan.case_id})))
    return items


def _waiting_for_approval(user: User, proposed: list[SafetyPlan]) -> list[AttentionItem]:
    """The proposed plans of the cases of the teams the user leads: only they may approve them (Perm.APPROVE),
    and nothing else tells them that a plan waits."""
    led = user_context(user).led_team_ids
    return [AttentionItem(
        case=plan.case, kind="plan_approval", severity="info", due=timezone.localdate(plan.updated_at),
        message=_("Safety plan, version %(number)s, waits for your approval") % {"number": plan.version_no},
        url=reverse("safety_plans:plan_detail", kwargs={"case_id": plan.case_id, "plan_id": plan.pk}))
        for plan in proposed if plan.case.team_id in led]
