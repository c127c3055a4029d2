"""The rules of the safety plan in force each person holds: the badges the network's ecomap draws beside them.

The network sits below the safety plan and does not import it; it reads this through the setting
`SAFEHOLD_RULES_HELD`.
"""

from __future__ import annotations

from django.db.models import Count

from safehold.cases.models import Case
from safehold.safety_plans.models import PlanStatus, Rule


def rules_held(case: Case) -> dict[int, int]:
    """Person id → rules of the case's active plan they are responsible for (nobody else is in it). One query."""
    rows = (Rule.objects.filter(plan__case=case, plan__status=PlanStatus.ACTIVE).order_by()
            .values("responsible_id").annotate(n=Count("id")).values_list("responsible_id", "n"))
    return dict(rows)
