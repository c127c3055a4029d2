"""The small library of figures a panel can show instead of (or beside) an uploaded picture: simple, friendly,
flat drawings of the people and places a story for children talks about. Each is an SVG file under
static/safehold/figures/, so that the pages show it with `{% static %}` and the PDF loads it through the URL
fetcher of core/pdf.py, which reads only static files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

MAX_FIGURES = 4  # side by side on one panel; more would be too small to see on the printed page


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any  # a lazy translation, also the picture's alternative text

    @property
    def path(self) -> str:
        """The file under static/, for `{% static %}` and for the PDF's relative URL."""
        return f"safehold/figures/{self.key}.svg"


FIGURES: dict[str, Figure] = {figure.key: figure for figure in (
    Figure("adult", _("Grown-up")),
    Figure("child", _("Child")),
    Figure("baby", _("Baby")),
    Figure("grandparent", _("Grandparent")),
    Figure("house", _("House")),
    Figure("school", _("School")),
    Figure("car", _("Car")),
    Figure("hospital", _("Hospital")),
    Figure("police", _("Police")),
    Figure("heart", _("Heart")),
    Figure("sun", _("Sun")),
    Figure("phone", _("Phone")),
)}


def figures_of(keys: list[str]) -> list[Figure]:
    """The figures a panel names, in its order; a key no longer in the library is left out."""
    return [FIGURES[key] for key in keys if key in FIGURES]
