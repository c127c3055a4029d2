"""The export of everything a case holds about one person (a data subject's request to see it), as JSON or as
a PDF to read. Same access policy as the person's page: whoever may see the case's content; another
organisation's case, or a person of another case, is 404. Each call is an export in the audit trail, naming the
person, not what was in it."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Status

from safehold.api.schemas import Error
from safehold.api.schemas_subject_access import SubjectExportOut
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, access_case
from safehold.cases.selectors import case_person
from safehold.core.downloads import download_response
from safehold.core.http import ApiRequest
from safehold.subject_access.documents import pdf_document
from safehold.subject_access.export import subject_export

router = Router(tags=["personal data"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
PDF = {200: {"description": "The export as a PDF file, in the case's language.",
             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}
PATH = "/{case_id}/people/{person_id}/subject-access"


@router.get(PATH, response={200: SubjectExportOut, **ERRORS}, url_name="subject_access_json")
def subject_access_json(request: ApiRequest, case_id: int, person_id: int) -> Status:
    """Everything the case holds about the person, from every tool: each record with its fields. Of the child's
    voice only what the child agreed the person's side may see (a child's and a parent's: the parents'; anyone
    else's: the network's)."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    person = case_person(case=case, person_id=person_id)
    export = subject_export(case, person)
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=person, object_type="subject_access.json")
    return Status(200, export.as_json())


@router.get(PATH + "/pdf", response=ERRORS, url_name="subject_access_pdf", openapi_extra={"responses": PDF})
def subject_access_pdf(request: ApiRequest, case_id: int, person_id: int) -> HttpResponse:
    """The same export as a PDF to read, in the case's language."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    person = case_person(case=case, person_id=person_id)
    document = pdf_document(subject_export(case, person))
    audit_record(actor=request.auth, action=Action.EXPORT, case=case, obj=person, object_type="subject_access.pdf")
    return download_response(document)
