import csv
import json
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safehold.audit.forms import PeriodForm, TrailFilterForm
from safehold.audit.models import AuditEvent
from safehold.audit.selectors import REFUSAL_ROWS, audit_trail, case_access_log, refused_access
from safehold.audit.services import Action, audit_record
from safehold.cases.access import CasePerms, Perm, may_read_audit_trail
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.core.downloads import CSV, Echo, Stream, csv_cell, stream_response
from safehold.core.http import AuthedRequest

PER_PAGE = 50


@case_view(Perm.VIEW_ACCESS_LOG)
def case_access_log_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """Who read, changed or exported this case's data. For its team lead and for auditors."""
    # Reading who touched a case is itself recorded: it shows the case's reference and who works on it.
    shows(request, object_type="audit.case_access_log")
    page = Paginator(case_access_log(case=case), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/case_access_log.html", {"case": case, "page": page, "shows_content": may.view})


def _filtered_trail(request: AuthedRequest) -> tuple[TrailFilterForm, QuerySet[AuditEvent] | None]:
    """The form and the trail it filters; no trail (None) when a filter is invalid: one bad filter must never
    widen the answer to everything."""
    if not may_read_audit_trail(request.user):
        raise PermissionDenied
    organisation_id = cast(int, request.user.organisation_id)
    form = TrailFilterForm(request.GET or None, organisation_id=organisation_id)
    if form.is_bound and not form.is_valid():
        return form, None
    filters = form.cleaned_data if form.is_bound else {}
    return form, audit_trail(organisation_id=organisation_id, **{k: v for k, v in filters.items() if v})


@login_required
@require_GET
def trail_view(request: AuthedRequest) -> HttpResponse:
    """The organisation's whole audit trail, for auditors (data protection officers)."""
    form, events = _filtered_trail(request)
    page = Paginator(events if events is not None else AuditEvent.objects.none(), PER_PAGE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/trail.html", {"form": form, "page": page, "query": query.urlencode()},
                  status=400 if events is None else 200)


@login_required
@require_GET
def refused_view(request: AuthedRequest) -> HttpResponse:
    """Refused access, failed logins, lockouts and wrong passwords by user and by address, for auditors."""
    if not may_read_audit_trail(request.user):
        raise PermissionDenied
    organisation_id = cast(int, request.user.organisation_id)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # An invalid period is an error, never "all time".
        return render(request, "audit/refused.html", {"form": form, "by_user": [], "by_address": []}, status=400)
    period = {k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if v}
    return render(request, "audit/refused.html", {
        "form": form, "limit": REFUSAL_ROWS,
        "by_user": refused_access(organisation_id=organisation_id, by="actor_username", **period),
        "by_address": refused_access(organisation_id=organisation_id, by="client_address", **period),
    })


@login_required
@require_GET
def trail_export_view(request: AuthedRequest) -> HttpResponseBase:
    """The filtered trail as CSV, for the auditor's own analysis. The export is itself recorded."""
    form, events = _filtered_trail(request)
    if events is None:
        problems = "; ".join(
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(str(e) for e in errors)}"
            for name, errors in form.errors.items())
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    audit_record(actor=request.user, action=Action.EXPORT, object_type="audit.trail")
    writer = csv.writer(Echo())
    header = ["at", "user", "action", "case_reference", "object_type", "object_id", "changed_fields", "channel",
              "client_address", "detail"]

    def rows():
        yield writer.writerow(header)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow([csv_cell(v) for v in (
                event.at.isoformat(), event.actor_username, event.action, event.case_reference, event.object_type,
                event.object_id, " ".join(event.changed_fields), event.channel, event.client_address,
                json.dumps(event.detail, sort_keys=True) if event.detail else "")])

    return stream_response(Stream(rows(), CSV, f"audit-trail-{timezone.localdate():%Y-%m-%d}.csv"))
