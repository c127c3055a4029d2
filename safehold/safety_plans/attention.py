"""What the safety plan reports on the start page: an overdue review, a rule broken twice in a row, and for
the team lead the plans waiting for their approval."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.accounts.selectors import user_context
from safehold.cases.sections import AttentionItem
from safehold.cases.selectors import open_case_ids
from safehold.safety_plans.models import CheckIn, PlanStatus, Rule, RuleCheck, RuleResult, SafetyPlan


def broken_twice(plans: list[SafetyPlan]) -> dict[int, list]:
    """For each plan, the rules broken in both of its last two check-ins. Two queries."""
    latest: dict[int, list[int]] = defaultdict(list)
    for plan_id, check_in_id in (CheckIn.objects.filter(plan__in=plans).order_by("plan_id", "-checked_on", "-id")
                                 .values_list("plan_id", "id")):
        if len(latest[plan_id]) < 2:
            latest[plan_id].append(check_in_id)
    wanted = [pk for ids in latest.values() if len(ids) == 2 for pk in ids]
    # Counted in the database: a team lead's plans have hundreds of broken results in their last two check-ins,
    # and building each as a model with its rule took half of the start page's safety-plan warnings.
    twice = (RuleCheck.objects.filter(check_in_id__in=wanted, result=RuleResult.BROKEN)
             .values("rule_id").annotate(times=Count("id")).filter(times=2).values("rule_id"))
    result: dict[int, list] = defaultdict(list)
    for rule in Rule.objects.filter(pk__in=twice):
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
                 .select_related("case"))
    plans = [plan for plan in found if plan.status == PlanStatus.ACTIVE]
    today = timezone.localdate()
    items = _waiting_for_approval(user, [plan for plan in found if plan.status == PlanStatus.PROPOSED])
    for plan in plans:
        if plan.next_review_on and plan.next_review_on < today:
            items.append(AttentionItem(
                case=plan.case, due=plan.next_review_on, severity="warning",
                message=_("Safety plan review overdue since %(date)s") % {
                    "date": date_format(plan.next_review_on, "SHORT_DATE_FORMAT")},  # in the reader's language
                url=reverse("cases:detail", kwargs={"case_id": plan.case_id})))
    broken = broken_twice(plans)
    for plan in plans:
        for rule in broken.get(plan.pk, []):
            items.append(AttentionItem(
                case=plan.case, severity="danger", due=today,
                message=_("Safety plan rule broken twice in a row: %(rule)s") % {"rule": rule.text[:80]},
                url=reverse("cases:detail", kwargs={"case_id": plan.case_id})))
    return items


def _waiting_for_approval(user: User, proposed: list[SafetyPlan]) -> list[AttentionItem]:
    """The proposed plans of the cases of the teams the user leads: only they may approve them (Perm.APPROVE),
    and nothing else tells them that a plan waits."""
    led = user_context(user).led_team_ids
    return [AttentionItem(
        case=plan.case, severity="info", due=timezone.localdate(plan.updated_at),
        message=_("Safety plan, version %(number)s, waits for your approval") % {"number": plan.version_no},
        url=reverse("safety_plans:plan_detail", kwargs={"case_id": plan.case_id, "plan_id": plan.pk}))
        for plan in proposed if plan.case.team_id in led]
