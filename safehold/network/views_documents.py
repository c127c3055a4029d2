"""The network's pictures downloaded from the network page (documents.py builds them; the API answers the same
files). Every download is an export in the audit trail."""

from __future__ import annotations

from django.http import HttpResponse

from safehold.audit.services import Action
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.core.downloads import download_response
from safehold.core.http import AuthedRequest
from safehold.network.documents import picture_document


@case_view(Perm.VIEW, audit=Action.EXPORT)
def picture_svg_view(request: AuthedRequest, case: Case, may: CasePerms, picture: str) -> HttpResponse:
    shows(request, object_type=f"network.{picture}")
    return download_response(picture_document(case, picture, "svg"))


@case_view(Perm.VIEW, audit=Action.EXPORT)
def picture_png_view(request: AuthedRequest, case: Case, may: CasePerms, picture: str) -> HttpResponse:
    shows(request, object_type=f"network.{picture}.png")
    return download_response(picture_document(case, picture, "png"))
