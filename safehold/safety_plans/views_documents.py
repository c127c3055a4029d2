"""The plan on paper, downloaded from its page: the family's plan, the contact card, the authority's version.
Every download is an export in the audit trail."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from safehold.audit.services import Action
from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.core.downloads import download_response
from safehold.core.http import AuthedRequest
from safehold.safety_plans.documents import DOCUMENTS, plan_document
from safehold.safety_plans.selectors import case_plan


@case_view(Perm.VIEW, audit=Action.EXPORT)
def plan_pdf_view(request: AuthedRequest, case: Case, may: CasePerms, plan_id: int, kind: str) -> HttpResponse:
    if kind not in DOCUMENTS:
        raise Http404
    plan = case_plan(case, plan_id)
    shows(request, plan, object_type=f"safety_plans.pdf.{kind}")
    return download_response(plan_document(case, plan, kind))
