"""The child's words on paper and as pictures, downloaded for the worker, the parents or the network. Every
download is an export in the audit trail."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from safehold.audit.services import Action
from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.child_voice import documents
from safehold.child_voice.models import AUDIENCES, Conversation, SafetyHouse
from safehold.child_voice.selectors import case_conversation, case_safety_house
from safehold.core.downloads import download_response
from safehold.core.http import AuthedRequest

FORMATS = {"pdf": documents.booklet, "svg": documents.picture}


@case_view(Perm.VIEW, audit=Action.EXPORT)
def document_view(request: AuthedRequest, case: Case, may: CasePerms, *, fmt: str,
                  conversation_id: int | None = None, house_id: int | None = None,
                  audience: str | None = None) -> HttpResponse:
    """The booklet (`fmt` pdf, the audience in the address) or the picture alone (svg, `?audience=`, the
    worker's by default, to put into a report or a slide) of a conversation or a Safety House."""
    if fmt == "svg":
        audience = request.GET.get("audience", "worker")
    if audience not in AUDIENCES:
        raise Http404
    record: Conversation | SafetyHouse
    if conversation_id is not None:
        record = case_conversation(case, conversation_id)
    elif house_id is not None:
        record = case_safety_house(case, house_id)
    else:  # every address of this view names one of them
        raise Http404
    shows(request, record, object_type=f"child_voice.{fmt}.{audience}")
    return download_response(FORMATS[fmt](case, record, audience))
