"""What the printed plan shows, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from safehold.network.pictures import NetworkPictures
from safehold.safety_plans.coverage import DAY_LABELS, DAYS, TIME_LABELS, TIMES, cell_label, coverage
from safehold.safety_plans.models import RuleCheck, SafetyPlan
from safehold.safety_plans.selectors import plan_worry_about


@dataclass
class WeekRow:
    time_label: str
    cells: list[list[str]]  # per day, the first names of who is responsible


def plan_context(plan: SafetyPlan, *, with_monitoring: bool) -> dict[str, Any]:
    rules = list(plan.rules.select_related("responsible", "answers").order_by("position", "id"))
    worry_about = plan_worry_about(plan)
    grid = coverage(rules, {person.pk for person in worry_about})
    # Who is there: the first names of the safe adults, never a count of periods.
    week = [WeekRow(str(TIME_LABELS[time]), [
        sorted({r.responsible.first_name for r in grid.covered[f"{day}:{time}"]}) for day in DAYS])
        for time in TIMES]
    context = {
        "plan": plan, "rules": rules, "week": week, "day_labels": [str(DAY_LABELS[d]) for d in DAYS],
        "gaps": [cell_label(cell) for cell in grid.gaps], "not_counted": grid.not_counted,
        "worry_about": worry_about,
        "contacts": list(plan.contacts.select_related("person")),
        "agreements": list(plan.agreements.all()),
        "coordinator": plan.coordinator,
        "sign_offs": list(plan.sign_offs.all()),
        # The ecomap (and the genogram for the authority): drawn only by the documents that show them.
        "network": NetworkPictures(plan.case),
    }
    if with_monitoring:
        context["check_ins"] = list(plan.check_ins.select_related("checked_by").prefetch_related(
            Prefetch("rule_checks", queryset=RuleCheck.objects.select_related("rule").order_by("rule__position")))
            .order_by("-checked_on", "-id"))
    return context

