"""What the safety plan adds to the case page: the plan in force, its next review and its warnings."""

from __future__ import annotations

from django.utils import timezone

from safehold.safety_plans.attention import broken_twice
from safehold.safety_plans.models import PlanStatus


def plan_section_context(request, case) -> dict:
    plans = list(case.safety_plans.order_by("-version_no"))
    active = next((p for p in plans if p.status == PlanStatus.ACTIVE), None)
    return {
        "plans": plans,
        "active": active,
        "open_plan": next((p for p in plans if p.status in (PlanStatus.DRAFT, PlanStatus.PROPOSED)), None),
        "broken": broken_twice([active]).get(active.pk, []) if active else [],
        "overdue": bool(active and active.next_review_on and active.next_review_on < timezone.localdate()),
    }
