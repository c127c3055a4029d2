"""A case's files (a child's drawings, the pictures of a story) for a token client: the same access policy,
audit and headers as the pages' `uploads:file`. API answers link to a file with `api_file_url`."""

from __future__ import annotations

from django.http import FileResponse
from django.urls import reverse
from ninja import Router

from safehold.api.schemas import Error
from safehold.audit.services import audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.http import ApiRequest
from safehold.uploads.models import StoredFile
from safehold.uploads.responses import file_response
from safehold.uploads.selectors import case_file

router = Router(tags=["files"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}

FILE = {200: {"description": "The file as it is kept: a picture (PNG, JPEG, WebP; re-encoded without its "
                             "metadata when it was uploaded) or a PDF.",
              "content": {media: {"schema": {"type": "string", "format": "binary"}}
                          for media in ("image/png", "image/jpeg", "image/webp", "application/pdf")}}}


@router.get("/{case_id}/files/{file_id}", response=ERRORS, url_name="case_file", openapi_extra={"responses": FILE})
def case_file_download(request: ApiRequest, case_id: int, file_id: int) -> FileResponse:
    """A file of the case, such as a drawing an answer links to (`url`). Each look at it is audited; a deleted
    file, or one of another case, is not found."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    stored = case_file(case=case, file_id=file_id)
    audit_view(actor=request.auth, case=case, obj=stored)
    return file_response(stored)


def api_file_url(stored: StoredFile) -> str:
    """Where an API answer points a client for a file's bytes (the same token opens it)."""
    return reverse("api-v1:case_file", kwargs={"case_id": stored.case_id, "file_id": stored.pk})
