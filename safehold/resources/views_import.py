"""The directory's CSV import (check, then import the good rows or nothing) and export. Organisation data:
only those who edit the directory (resources/access.py) use these pages; anyone else gets 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from safehold.core.downloads import CSV, Stream, stream_response
from safehold.core.http import AuthedRequest
from safehold.resources.access import may_edit_directory
from safehold.resources.csv_io import (
    COLUMNS,
    CappedMemoryUpload,
    default_delimiter,
    export_filename,
    offers_export,
)
from safehold.resources.forms_import import ImportConfirmForm, ImportUploadForm, sign_checked
from safehold.resources.imports import ImportChanged, ImportReport, offers_check, offers_import
from safehold.resources.models import Access, Capacity, LegalDomain, OfferKind

TEMPLATE = "resources/import.html"
CODES = (("kind", OfferKind.choices), ("legal_domain", LegalDomain.choices), ("access", Access.choices),
         ("capacity", Capacity.choices))


# The upload is kept in memory and capped at the limit (CappedMemoryUpload), which must be set before the body
# is read; the CSRF middleware would read it first, so the CSRF check runs in the inner view instead.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: AuthedRequest) -> HttpResponse:
    if not may_edit_directory(request.user):
        raise PermissionDenied
    request.upload_handlers = [CappedMemoryUpload(request)]
    return _import_page(request)


@csrf_protect
def _import_page(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST" and "checked" in request.POST:
        return _confirm(request)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if not form.is_bound or not form.is_valid() or form.table is None:
        return _page(request, upload=form, status=400 if form.is_bound else 200)
    create_districts = form.cleaned_data["create_districts"]
    report = offers_check(actor=request.user, rows=form.table.rows, create_districts=create_districts)
    return _report(request, report, form.text, create_districts)


def _confirm(request: AuthedRequest) -> HttpResponse:
    form = ImportConfirmForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid() or form.table is None or form.result is None:
        if "checked" in form.errors:  # unreadable or expired: start again with the file
            return _page(request, upload=ImportUploadForm(), refusal=str(form.errors["checked"][0]), status=400)
        return _page(request, upload=None, confirm=form, status=400)
    checked = form.result
    try:
        report = offers_import(actor=request.user, rows=form.table.rows, create_districts=checked.create_districts,
                               expected=checked.planned)
    except ImportChanged as changed:
        return _report(request, changed.report, form.text, checked.create_districts, status=409, changed=True)
    messages.success(request, " ".join(filter(None, (
        ngettext("%(count)d offer added.", "%(count)d offers added.", report.created) % {"count": report.created},
        ngettext("%(count)d offer changed.", "%(count)d offers changed.", report.updated)
        % {"count": report.updated},
        ngettext("%(count)d row with errors was not imported.", "%(count)d rows with errors were not imported.",
                 len(report.bad)) % {"count": len(report.bad)} if report.bad else "",
    ))))
    return redirect("resources:offers_import")


def _report(request: AuthedRequest, report: ImportReport, text: str, create_districts: bool, *,
            status: int = 200, changed: bool = False) -> HttpResponse:
    token, carries_text = sign_checked(request.user, text, create_districts, report.planned)
    confirm = ImportConfirmForm(initial={"checked": token}, user=request.user)
    if carries_text:
        del confirm.fields["file"]
    return _page(request, upload=None, confirm=confirm if report.good else None, report=report, changed=changed,
                 status=status)


def _page(request: AuthedRequest, *, upload: ImportUploadForm | None, confirm: ImportConfirmForm | None = None,
          report: ImportReport | None = None, changed: bool = False, refusal: str = "",
          status: int = 200) -> HttpResponse:
    return render(request, TEMPLATE, {
        "upload": upload, "confirm": confirm, "report": report, "changed": changed, "refusal": refusal,
        "columns": COLUMNS,
        "codes": CODES,
    }, status=status)


@login_required
@require_GET
def export_view(request: AuthedRequest) -> StreamingHttpResponse:
    delimiter = {"comma": ",", "semicolon": ";"}.get(request.GET.get("delimiter", ""), default_delimiter())
    lines = offers_export(actor=request.user, delimiter=delimiter)  # PermissionDenied for anyone but an editor
    return stream_response(Stream(lines, CSV, export_filename()))

