"""The plan on paper, downloaded from its page: the family's plan, the contact card, the authority's version.
Every download is an export in the audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, legacy_access_case
from safehold.core.downloads import pdf_response
from safehold.core.http import AuthedRequest
from safehold.safety_plans.documents import DOCUMENTS, plan_document
from safehold.safety_plans.selectors import case_plan


@login_required
@require_GET
def plan_pdf_view(request: AuthedRequest, case_id: int, plan_id: int, kind: str) -> HttpResponse:
    if kind not in DOCUMENTS:
        raise Http404
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    plan = case_plan(case, plan_id)
    content, filename = plan_document(case, plan, kind)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=plan,
                 object_type=f"safety_plans.pdf.{kind}")
    return pdf_response(content, filename)
