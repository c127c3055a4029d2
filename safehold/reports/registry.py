"""Every report, in the order the index lists them. A new report is a module here and one line below.

The outcome report (children kept at home, returned home, placed: the Roskilde figure) goes first.
"""

from __future__ import annotations

from safehold.reports import caseload, fidelity, outcomes, safety_scale, teams, time_to_plan, unmet_needs
from safehold.reports.base import Report

REPORTS: tuple[Report, ...] = (outcomes, time_to_plan, safety_scale, teams, caseload, fidelity, unmet_needs)


def report_by_slug(slug: str) -> Report | None:
    return next((r for r in REPORTS if slug == r.SLUG), None)
