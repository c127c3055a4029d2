"""The network's pictures as files, the same for the page and the API: SVG as drawn, PNG rendered from the same
SVG. Drawn in the case's language, like the family's other documents, whoever downloads them; named by the
picture and the case's reference, never the family's name."""

from __future__ import annotations

import cairosvg
from django.utils import translation

from safehold.cases.models import Case
from safehold.core.downloads import PNG, SVG, Document, safe_filename
from safehold.network.pictures import PICTURES, picture_svg
from safehold.network.selectors import case_network

FILE_TYPES = ("svg", "png")
PNG_SCALE = 2  # sharp enough to print or to put into a report


def picture_document(case: Case, picture: str, file_type: str = "svg") -> Document:
    """One of PICTURES as an SVG or a PNG file."""
    if picture not in PICTURES or file_type not in FILE_TYPES:
        raise ValueError(f"{picture}.{file_type}")
    with translation.override(case.language):
        svg = str(picture_svg(case_network(case), picture))
    filename = safe_filename(picture, case.reference, extension=file_type)
    if file_type == "svg":
        return Document(svg, SVG, filename)
    # cairosvg's default (unsafe=False) loads no file or URL the SVG might name and refuses XML entities.
    return Document(cairosvg.svg2png(bytestring=svg.encode(), scale=PNG_SCALE), PNG, filename)
