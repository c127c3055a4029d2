"""Closing a case ends its safety plan: the version in force (or an approved one not yet in force) is ended on
the closing day, so the closed case shows no review due and no broken-rule warning (cases.closing)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.cases.closing import ClosingEffect
from safehold.cases.models import Case
from safehold.safety_plans.models import PlanStatus, SafetyPlan

RUNNING = (PlanStatus.ACTIVE, PlanStatus.APPROVED)


def _running(case: Case) -> list[SafetyPlan]:
    return list(case.safety_plans.filter(status__in=RUNNING).order_by("version_no"))


def _describe(case: Case) -> list[str]:
    today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    return [_("The safety plan, version %(number)s (%(status)s), ends with the case on %(date)s.") % {
        "number": plan.version_no, "status": plan.get_status_display(), "date": today} for plan in _running(case)]


def _apply(actor: User, case: Case, on: date) -> None:
    from safehold.safety_plans.services import plan_transition  # services import this app's models only

    for plan in _running(case):
        plan_transition(actor=actor, case=case, plan=plan, to_status=PlanStatus.ENDED)


CLOSING = ClosingEffect(key="safety_plan", describe=_describe, apply=_apply)
