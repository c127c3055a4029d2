"""/reports/…: every report as JSON (`GET /reports/<slug>`) and as CSV (`GET /reports/<slug>.csv`), with the
same access rule, filter, figures and audit record as the pages (reports/services.py).

The routes are made from `reports.registry.REPORTS`: the outcome report (`GET /reports/outcomes`, its CSV at
`/reports/outcomes.csv`) comes with its module there and needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from ninja import Query, Router, Status

from safehold.api.schemas import Error
from safehold.api.schemas_reports import ReportOut, ReportQuery
from safehold.core.db_router import use_replica
from safehold.core.downloads import stream_response
from safehold.core.http import ApiRequest
from safehold.reports.base import Report
from safehold.reports.registry import REPORTS
from safehold.reports.services import Shown, report_csv, report_data, report_show

router = Router(tags=["reports"])

ERRORS = {400: Error, 401: Error, 403: Error}
CSV = {200: {"description": "The table behind the report's chart, as CSV (UTF-8, a header row of column labels).",
             "content": {"text/csv": {"schema": {"type": "string"}}}}}


@use_replica
def _shown(request: ApiRequest, report: Report, export: bool) -> Shown:
    shown = report_show(actor=request.auth, report=report, query=request.GET, export=export)
    if shown.result is None:
        raise ValidationError({name: [str(e) for e in errors] for name, errors in shown.form.errors.items()})
    return shown


def _json(report: Report) -> Callable[..., Status]:
    def operation(request: ApiRequest, filters: Query[ReportQuery]) -> Status:
        return Status(200, report_data(_shown(request, report, export=False)))

    return operation


def _csv(report: Report) -> Callable[..., StreamingHttpResponse]:
    def operation(request: ApiRequest, filters: Query[ReportQuery]) -> StreamingHttpResponse:
        return stream_response(report_csv(_shown(request, report, export=True)))

    return operation


for _report in REPORTS:
    _name = _report.SLUG.replace("-", "_")
    router.get(f"/{_report.SLUG}", response={200: ReportOut, **ERRORS}, url_name=f"report_{_name}",
               operation_id=f"report_{_name}", summary=str(_report.TITLE),
               description=str(_report.DESCRIPTION))(_json(_report))
    router.get(f"/{_report.SLUG}.csv", response=ERRORS, url_name=f"report_{_name}_csv",
               operation_id=f"report_{_name}_csv", summary=str(_report.TITLE) + " (CSV)",
               openapi_extra={"responses": CSV})(_csv(_report))
