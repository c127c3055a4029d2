"""The map as a printed sheet: A4 landscape, the familiar three columns, in the case's language."""

from __future__ import annotations

from django.utils import timezone, translation

from safehold.cases.models import Case
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
    safe_reference = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in case.reference)
    return f"map-{safe_reference}-{map_.drawn_on:%Y-%m-%d}.pdf"
