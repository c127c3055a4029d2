"""The timeline of a placement's contacts: planned, held and cancelled contacts over the placement's time, drawn
server-side as SVG (geometry here, text escaped by the template), with the same in words for screen readers. The
same picture is a file to download (`timeline_document`), for the page and the API alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from safehold.cases.models import Case
from safehold.core.downloads import SVG, Document, safe_filename
from safehold.perspective.models import Contact, ContactStatus, Placement
from safehold.perspective.selectors import placement_contacts

WIDTH, HEIGHT = 720, 130
LEFT, RIGHT = 24, 24
AXIS_Y = 70
MIN_DAYS = 28  # a placement without an end is drawn at least four weeks long, and to its last contact


@dataclass
class Mark:
    x: float
    status: str
    label: str


@dataclass
class Timeline:
    ident: str
    title: str
    description: str
    start_x: float = LEFT
    end_x: float = WIDTH - RIGHT
    start_label: str = ""
    end_label: str = ""
    open_end: bool = False
    marks: list[Mark] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = AXIS_Y


def _span_end(placement: Placement, contacts: list[Contact]) -> date:
    last = max((c.on for c in contacts), default=placement.starts_on)
    return placement.until or max(last, placement.starts_on + timedelta(days=MIN_DAYS))


def timeline(placement: Placement, contacts: list[Contact]) -> Timeline:
    start, end = placement.starts_on, _span_end(placement, contacts)
    days = max((end - start).days, 1)
    plot = WIDTH - LEFT - RIGHT
    counts = {status: sum(1 for c in contacts if c.status == status) for status in ContactStatus.values}
    description = _("%(planned)s, %(held)s and %(cancelled)s between %(start)s and %(end)s.") % {
        "planned": ngettext("%(count)d contact planned", "%(count)d contacts planned",
                            counts["planned"]) % {"count": counts["planned"]},
        "held": ngettext("%(count)d held", "%(count)d held", counts["held"]) % {"count": counts["held"]},
        "cancelled": ngettext("%(count)d cancelled", "%(count)d cancelled",
                              counts["cancelled"]) % {"count": counts["cancelled"]},
        "start": date_format(start, "SHORT_DATE_FORMAT"), "end": date_format(end, "SHORT_DATE_FORMAT"),
    }
    marks = []
    for contact in contacts:
        x = LEFT + plot * min(max((contact.on - start).days, 0), days) / days
        marks.append(Mark(x=round(x, 1), status=contact.status, label=_("%(day)s: %(status)s") % {
            "day": date_format(contact.on, "SHORT_DATE_FORMAT"), "status": contact.get_status_display()}))
    return Timeline(ident=f"contacts-{placement.pk}", title=_("Contacts over the placement"),
                    description=description, start_label=date_format(start, "SHORT_DATE_FORMAT"),
                    end_label=date_format(end, "SHORT_DATE_FORMAT"), open_end=placement.until is None,
                    marks=marks)


def timeline_svg(placement: Placement, contacts: list[Contact]) -> SafeString:
    return render_to_string("perspective/svg/timeline.svg", {"t": timeline(placement, contacts)})


FILE_NAME = pgettext_lazy("file name", "contacts-timeline")


def timeline_document(case: Case, placement: Placement) -> Document:
    """The timeline as an SVG file. Drawn in the case's language, like the family's other documents, whoever
    downloads it; named by the case's reference and the placement's start, never the child's name."""
    with translation.override(case.language):
        svg = str(timeline_svg(placement, placement_contacts(placement)))
    filename = safe_filename(FILE_NAME, case.reference, placement.starts_on.isoformat(), extension="svg",
                             language=case.language)
    return Document(svg, SVG, filename)
