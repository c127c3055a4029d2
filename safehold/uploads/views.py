"""Serving and deleting a case's files. Thin: the case through the access policy, every read audited,
every change through a service. Tools link to these; nothing else on the pages can reach the bytes."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.core.http import AuthedRequest, safe_next_url
from safehold.uploads import services
from safehold.uploads.models import Purpose, StoredFile
from safehold.uploads.responses import file_response
from safehold.uploads.selectors import case_file

DELETE_QUESTIONS = {
    Purpose.DRAWING: gettext_lazy("Delete this drawing?"),
    Purpose.STORY_PICTURE: gettext_lazy("Delete this picture?"),
}


# A file streams: FileResponse is no HttpResponse, which is all case_view's type admits.
@case_view(Perm.VIEW)
def file_view(request: AuthedRequest, case: Case, may: CasePerms, file_id: int) -> FileResponse:
    stored = case_file(case=case, file_id=file_id)
    shows(request, stored)
    return file_response(stored)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def file_delete_view(request: AuthedRequest, case: Case, may: CasePerms, file_id: int) -> HttpResponse:
    """GET asks for confirmation (showing the file), POST deletes and goes back to `next` (on this site; the
    case page otherwise)."""
    stored = case_file(case=case, file_id=file_id)
    wanted = request.POST.get("next") or request.GET.get("next")
    back = wanted if wanted and safe_next_url(request, wanted) == wanted else reverse(
        "cases:detail", kwargs={"case_id": case.pk})
    if request.method == "POST":
        services.file_delete(actor=request.user, case=case, stored=stored)
        messages.success(request, _("Deleted. The audit trail keeps a record of who deleted it."))
        return redirect(back)
    shows(request, stored)
    return render(request, "uploads/file_delete.html", {
        "case": case, "stored": stored, "back": back,
        "question": DELETE_QUESTIONS.get(Purpose(stored.purpose), gettext_lazy("Delete this file?")),
        "preview_url": file_url(stored),
    })


def file_url(stored: StoredFile) -> str:
    """Where a tool's page points an <img> or a link: the checked, audited view."""
    return reverse("uploads:file", kwargs={"case_id": stored.case_id, "file_id": stored.pk})
