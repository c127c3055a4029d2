"""The export of everything a case holds about one person, downloaded from the person's page. Each download is
an export in the audit trail, naming the person (not what was in it)."""

from __future__ import annotations

from django.http import HttpResponse

from safehold.audit.services import Action
from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.selectors import case_person
from safehold.core.downloads import download_response
from safehold.core.http import AuthedRequest
from safehold.subject_access import documents
from safehold.subject_access.export import subject_export

FORMATS = {"json": documents.json_document, "pdf": documents.pdf_document}


@case_view(Perm.VIEW, audit=Action.EXPORT)
def export_view(request: AuthedRequest, case: Case, may: CasePerms, person_id: int, fmt: str) -> HttpResponse:
    person = case_person(case=case, person_id=person_id)
    shows(request, person, object_type=f"subject_access.{fmt}")
    return download_response(FORMATS[fmt](subject_export(case, person)))
