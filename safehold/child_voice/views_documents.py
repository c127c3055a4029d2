"""The child's words on paper and as pictures, downloaded for the worker, the parents or the network. Every
download is an export in the audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, legacy_access_case
from safehold.child_voice.documents import (
    conversation_document,
    conversation_picture_file,
    safety_house_document,
    safety_house_picture_file,
)
from safehold.child_voice.models import AUDIENCES
from safehold.child_voice.selectors import case_conversation, case_safety_house
from safehold.core.downloads import pdf_response
from safehold.core.http import AuthedRequest


def _audience(audience: str | None) -> str:
    if audience not in AUDIENCES:
        raise Http404
    return audience  # type: ignore[return-value]


def svg_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # An SVG opened from the downloads folder or this URL runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


@login_required
@require_GET
def conversation_pdf_view(request: AuthedRequest, case_id: int, conversation_id: int, audience: str) -> HttpResponse:
    audience = _audience(audience)
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    conversation = case_conversation(case, conversation_id)
    content, filename = conversation_document(case, conversation, audience)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=conversation,
                 object_type=f"child_voice.pdf.{audience}")
    return pdf_response(content, filename)


@login_required
@require_GET
def safety_house_pdf_view(request: AuthedRequest, case_id: int, house_id: int, audience: str) -> HttpResponse:
    audience = _audience(audience)
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    house = case_safety_house(case, house_id)
    content, filename = safety_house_document(case, house, audience)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=house,
                 object_type=f"child_voice.pdf.{audience}")
    return pdf_response(content, filename)


@login_required
@require_GET
def conversation_svg_view(request: AuthedRequest, case_id: int, conversation_id: int) -> HttpResponse:
    """The picture alone (`?audience=`, the worker's by default), to put into a report or a slide."""
    audience = _audience(request.GET.get("audience", "worker"))
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    conversation = case_conversation(case, conversation_id)
    content, filename = conversation_picture_file(case, conversation, audience)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=conversation,
                 object_type=f"child_voice.svg.{audience}")
    return svg_response(content, filename)


@login_required
@require_GET
def safety_house_svg_view(request: AuthedRequest, case_id: int, house_id: int) -> HttpResponse:
    audience = _audience(request.GET.get("audience", "worker"))
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    house = case_safety_house(case, house_id)
    content, filename = safety_house_picture_file(case, house, audience)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=house,
                 object_type=f"child_voice.svg.{audience}")
    return svg_response(content, filename)
