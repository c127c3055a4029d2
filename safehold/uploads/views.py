"""Serving and deleting a case's files. Thin: the case through the access policy, every read audited,
every change through a service. Tools link to these; nothing else can reach the bytes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from safehold.audit.services import audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.core.http import AuthedRequest
from safehold.uploads import services
from safehold.uploads.models import Purpose, StoredFile
from safehold.uploads.selectors import case_file

# Served files are data, never pages: no script, no plugin, no form, nothing loaded from anywhere.
FILE_CSP = "default-src 'none'; sandbox"

DELETE_QUESTIONS = {
    Purpose.DRAWING: gettext_lazy("Delete this drawing?"),
    Purpose.STORY_PICTURE: gettext_lazy("Delete this picture?"),
}


@login_required
@require_GET
def file_view(request: AuthedRequest, case_id: int, file_id: int) -> FileResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    stored = case_file(case=case, file_id=file_id)
    audit_view(actor=request.user, case=case, obj=stored)
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type,
                            filename=stored.original_name, as_attachment=False)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = FILE_CSP
    return response


@login_required
@require_http_methods(["GET", "POST"])
def file_delete_view(request: AuthedRequest, case_id: int, file_id: int) -> HttpResponse:
    """GET asks for confirmation (showing the file), POST deletes and goes back to `next`."""
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    stored = case_file(case=case, file_id=file_id)
    case_url = reverse("cases:detail", kwargs={"case_id": case.pk})
    next_url = request.POST.get("next") or request.GET.get("next")
    back = next_url if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else case_url
    if request.method == "POST":
        try:
            services.file_delete(actor=request.user, case=case, stored=stored)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Deleted. The audit trail keeps a record of who deleted it."))
        return redirect(back)
    audit_view(actor=request.user, case=case, obj=stored)
    return render(request, "uploads/file_delete.html", {
        "case": case, "stored": stored, "back": back,
        "question": DELETE_QUESTIONS.get(Purpose(stored.purpose), gettext_lazy("Delete this file?")),
        "preview_url": reverse("uploads:file", kwargs={"case_id": case.pk, "file_id": stored.pk}),
    })


def file_url(stored: StoredFile) -> str:
    """Where a tool's template points an <img> or a link: the checked, audited view."""
    return reverse("uploads:file", kwargs={"case_id": stored.case_id, "file_id": stored.pk})
