"""A person's export as files: JSON for a machine (codes and ISO dates, as the API answers it) and a PDF to
read (labels and dates in the case's language). Neither file name holds a name."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from safehold.core.downloads import PDF, Document, safe_filename
from safehold.core.pdf import render_pdf
from safehold.subject_access.export import SubjectExport

JSON = "application/json; charset=utf-8"


def _filename(export: SubjectExport, extension: str) -> str:
    return safe_filename(_("personal-data"), export.case.reference, str(export.person.pk), extension=extension,
                         language=export.case.language)


def json_document(export: SubjectExport) -> Document:
    content = json.dumps(export.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return Document(content, JSON, _filename(export, "json"))


def pdf_document(export: SubjectExport) -> Document:
    content = render_pdf("subject_access/pdf/export.html", {
        "export": export, "case": export.case, "person": export.person,
        "sections": [s for s in export.sections if s.records],
    }, language=export.case.language)
    return Document(content, PDF, _filename(export, "pdf"))
