"""The network's pictures as files: SVG as drawn, PNG rendered from the same SVG. Every download is an export in
the audit trail. Drawn in the case's language, like the family's other documents."""

from __future__ import annotations

import cairosvg
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.core.http import AuthedRequest
from safehold.network.sections import PICTURES, picture_svg
from safehold.network.selectors import case_network

PNG_SCALE = 2  # sharp enough to print or to put into a report


def _picture(case: Case, picture: str) -> str:
    if picture not in PICTURES:
        raise Http404
    with translation.override(case.language):
        return str(picture_svg(case_network(case), picture))


def _filename(case: Case, picture: str, extension: str) -> str:
    """No family or child name: downloads end up in shared folders."""
    safe_reference = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in case.reference)
    return f"{picture}-{safe_reference}.{extension}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def picture_svg_view(request: AuthedRequest, case_id: int, picture: str) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    content = _picture(case, picture)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, object_type=f"network.{picture}")
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    # An SVG opened from the downloads folder or this URL runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return _attachment(response, _filename(case, picture, "svg"))


@login_required
@require_GET
def picture_png_view(request: AuthedRequest, case_id: int, picture: str) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    # cairosvg's default (unsafe=False) loads no file or URL the SVG might name and refuses XML entities.
    content = cairosvg.svg2png(bytestring=_picture(case, picture).encode(), scale=PNG_SCALE)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, object_type=f"network.{picture}.png")
    return _attachment(HttpResponse(content, content_type="image/png"), _filename(case, picture, "png"))
