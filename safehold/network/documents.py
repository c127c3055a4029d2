"""The network's pictures as files, the same for the page and the API: SVG as drawn, PNG rendered from the same
SVG. Drawn in the case's language, like the family's other documents, whoever downloads them; named by the
picture and the case's reference, never the family's name."""

from __future__ import annotations

import cairosvg
from django.utils import translation
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case
from safehold.core.downloads import PNG, SVG, Document, safe_filename
from safehold.network.pictures import PICTURES, picture_svg
from safehold.network.selectors import case_network

FILE_TYPES = ("svg", "png")
# The downloaded files' names, in the case's language.
FILE_NAMES = {"genogram": pgettext_lazy("file name", "genogram"), "ecomap": pgettext_lazy("file name", "ecomap"),
              "circles": pgettext_lazy("file name", "safety-circles")}
PNG_SCALE = 2  # sharp enough to print or to put into a report


def picture_document(case: Case, picture: str, file_type: str = "svg") -> Document:
    """One of PICTURES as an SVG or a PNG file."""
    if picture not in PICTURES or file_type not in FILE_TYPES:
        raise ValueError(f"{picture}.{file_type}")
    with translation.override(case.language):
        svg = str(picture_svg(case_network(case), picture))
    filename = safe_filename(FILE_NAMES[picture], case.reference, extension=file_type, language=case.language)
    if file_type == "svg":
        return Document(svg, SVG, filename)
    # cairosvg's default (unsafe=False) loads no file or URL the SVG might name and refuses XML entities.
    return Document(cairosvg.svg2png(bytestring=svg.encode(), scale=PNG_SCALE), PNG, filename)
