"""Running a report for someone: the access rule, the filter, the figures and the audit record, in one place for
the pages and the API alike."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.core.downloads import CSV, Echo, Stream, csv_cell, safe_filename
from safehold.reports.access import Reach, offered_teams, report_for, report_scope
from safehold.reports.base import Report, Result
from safehold.reports.forms import ReportFilterForm


@dataclass
class Shown:
    """A report as asked for: the filter (with its errors), and the figures when the filter was valid."""

    report: Report
    form: ReportFilterForm
    result: Result | None

    @property
    def publication(self) -> bool:
        return self.result is not None and self.form.publication


def report_show(*, actor: User, report: Report, query: Mapping[str, Any], export: bool = False) -> Shown:
    """The report for `actor` with the filter in `query` (PermissionDenied if they may not see it). A valid filter
    computes the figures and records the view, or the export, in the audit trail: which report, for which team
    (none: the whole reach of the user), never any figure."""
    seen = report_for(actor, report)
    form = ReportFilterForm(query, teams=offered_teams(seen), uses_period=report.USES_PERIOD,
                            whole_organisation=seen.reach == Reach.ORGANISATION)
    if not form.is_valid():
        return Shown(report, form, None)
    result = report.compute(report_scope(seen, form.team), form.period)
    audit_record(actor=actor, action=Action.EXPORT if export else Action.VIEW, obj=form.team,
                 object_type=f"reports.{report.SLUG}", organisation_id=seen.organisation_id)
    return Shown(report, form, result)


def report_csv(shown: Shown) -> Stream:
    """The table behind the chart as CSV: one row per row of the table, its column labels as the header; written
    while it is sent, a line at a time."""
    assert shown.result is not None
    table, publication = shown.result.table, shown.publication

    def lines() -> Iterator[str]:
        writer = csv.writer(Echo())
        yield writer.writerow([str(c.label) for c in table.columns])
        for row in table.rows:
            yield writer.writerow([csv_cell(row.cells[c.key].data(publication)) for c in table.columns])

    period = shown.form.period
    parts = [shown.report.SLUG, *([f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}"]
                                  if shown.report.USES_PERIOD else [])]
    if publication:
        parts.append("publication")
    return Stream(lines(), CSV, safe_filename(*parts, extension="csv"))


def report_data(shown: Shown) -> dict[str, Any]:
    """The report as the API gives it."""
    assert shown.result is not None
    result, publication, form = shown.result, shown.publication, shown.form
    team = form.team
    return {
        "slug": shown.report.SLUG,
        "title": str(shown.report.TITLE),
        "period": ({"start": form.period.start, "end": form.period.end} if shown.report.USES_PERIOD else None),
        "team": {"id": team.pk, "name": team.name} if team is not None else None,
        "publication": publication,
        "caption": str(result.table.caption),
        "columns": [{"key": c.key, "label": str(c.label), "kind": c.kind} for c in result.table.columns],
        "rows": [{c.key: row.cells[c.key].data(publication) for c in result.table.columns}
                 for row in result.table.rows],
        "notes": [str(note) for note in result.notes],
    }
