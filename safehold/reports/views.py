"""The reports' pages: the index of the reports a user may see, and one page per report with its filter, chart,
table and CSV download (`?format=csv`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safehold.core.db_router import use_replica
from safehold.core.downloads import stream_response
from safehold.core.http import AuthedRequest
from safehold.reports.access import reports_for
from safehold.reports.chart import chart, chart_svg
from safehold.reports.registry import report_by_slug
from safehold.reports.services import report_csv, report_show


@login_required
@require_GET
def index_view(request: AuthedRequest) -> HttpResponse:
    reports = reports_for(request.user)
    if not reports:
        raise PermissionDenied
    listed = [(report, reverse(f"reports:{report.SLUG.replace('-', '_')}")) for report in reports]
    return render(request, "reports/index.html", {"reports": listed})


@login_required
@require_GET
@use_replica
def report_view(request: AuthedRequest, slug: str) -> HttpResponseBase:
    report = report_by_slug(slug)
    if report is None:
        raise Http404
    wants_csv = request.GET.get("format") == "csv"
    shown = report_show(actor=request.user, report=report, query=request.GET, export=wants_csv)
    if shown.result is not None and wants_csv:
        return stream_response(report_csv(shown))
    svg = None
    if shown.result is not None:
        svg = chart_svg(chart(shown.result, ident=f"report-{report.SLUG}", title=str(report.TITLE),
                              publication=shown.publication))
    query = request.GET.copy()
    query["format"] = "csv"
    return render(request, "reports/report.html", {
        "report": report, "form": shown.form, "result": shown.result, "svg": svg,
        "publication": shown.publication, "csv_query": query.urlencode(),
        "columns": shown.result.table.columns if shown.result else [],
        "rows": [[row.cells[c.key].text(shown.publication) for c in shown.result.table.columns]
                 for row in shown.result.table.rows] if shown.result else [],
    }, status=200 if shown.result is not None else 400)
