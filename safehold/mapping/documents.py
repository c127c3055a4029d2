"""The map as a printed sheet: A4 landscape, the familiar three columns, in the case's language."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case
from safehold.core.downloads import PDF, Document, safe_filename
from safehold.core.pdf import render_pdf
from safehold.mapping.anchors import anchors_for
from safehold.mapping.models import Map
from safehold.mapping.selectors import map_content


def map_pdf(case: Case, map_: Map) -> bytes:
    with translation.override(case.language):  # the content carries its column and part headings as text
        content = map_content(map_)
    return render_pdf("mapping/map_pdf.html", {
        "case": case, "content": content, "map": map_, "printed_on": timezone.localdate(),
        "anchors": anchors_for(case.organisation_id, case.language),
    }, language=case.language)


def map_pdf_filename(case: Case, map_: Map) -> str:
    return safe_filename(pgettext_lazy("file name", "map"), case.reference, f"{map_.drawn_on:%Y-%m-%d}",
                         extension="pdf", language=case.language)


def map_document(case: Case, map_: Map) -> Document:
    """The printed map, as the page and the API download it."""
    return Document(map_pdf(case, map_), PDF, map_pdf_filename(case, map_))
