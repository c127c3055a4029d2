"""Every report, in the order the index lists them. A new report is a module here and one line below.

The outcome report (children kept at home, returned home, placed: `outcomes.py`, slug "outcomes") goes first
when it comes; the pages, the CSV and `GET /api/v1/reports/outcomes` then serve it like the others.
"""

from __future__ import annotations

from safehold.reports import caseload, fidelity, safety_scale, teams, time_to_plan
from safehold.reports.base import Report

REPORTS: tuple[Report, ...] = (time_to_plan, safety_scale, teams, caseload, fidelity)


def report_by_slug(slug: str) -> Report | None:
    return next((r for r in REPORTS if slug == r.SLUG), None)
