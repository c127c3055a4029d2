"""What the safety plan adds to the case page: the plan in force, its next review and its warnings."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.safety_plans.attention import broken_twice, review_overdue
from safehold.safety_plans.models import PlanStatus
from safehold.safety_plans.selectors import case_plans


def plan_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    plans = case_plans(case)[::-1]  # the latest version first
    active = next((p for p in plans if p.status == PlanStatus.ACTIVE), None)
    return {
        "plans": plans,
        "active": active,
        "open_plan": next((p for p in plans if p.status in (PlanStatus.DRAFT, PlanStatus.PROPOSED)), None),
        "broken": broken_twice([active]).get(active.pk, []) if active else [],
        "overdue": bool(active and review_overdue(active)),
    }


SECTION = CaseSection(key="safety_plan", title=_("24/7 safety plan"),
                      template="safety_plans/partials/_case_section.html", context=plan_section_context)
