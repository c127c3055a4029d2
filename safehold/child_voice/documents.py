"""The child's voice on paper: child-friendly booklets of a Three Houses or Fairies & Wizards conversation and
of a Safety House, for the worker, the parents or the network, in the case's language (core/pdf.py).

A booklet shows what its audience may see (`selectors.conversation_for` / `safety_house_for`) and never the
worker's note. The worker's copy holds what the child kept from the parents, so it says on every page whom it
is for and marks each such statement, entry and drawing: the wrong copy must not be handed out. In the
parents' and the network's copy, a part left empty only because the child kept what it holds says so, and
does not read as if the child had nothing to say.

Drawings go in as data: URIs made from the stored bytes: the PDF pipeline loads no file outside static/, and a
child's drawing must never be there.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case
from safehold.child_voice.models import AUDIENCES, HOUSE_AREAS, Conversation, Drawing, SafetyHouse, kept_from_parents
from safehold.child_voice.pictures import conversation_svg, safety_house_svg
from safehold.child_voice.selectors import conversation_for, safety_house_for
from safehold.core.downloads import PDF, SVG, Document, safe_filename
from safehold.core.pdf import render_pdf

# Who a printout is for, at the top of its first page and at the foot of every page (the worker's at the
# top of every page too).
AUDIENCE_LABELS = {
    "worker": _("For the worker only — not for the parents"),
    "parents": _("For the parents"),
    "network": _("For the family's network"),
}


@dataclass
class PrintedDrawing:
    caption: str
    src: str  # a data: URI
    kept: bool = False  # the child kept it from the parents (only the worker's copy holds such a drawing)


def _printed(drawings: list[Drawing]) -> list[PrintedDrawing]:
    """The drawings an audience may see, ready to embed. A PDF scan of a drawing is left out of the booklet
    (WeasyPrint cannot place a PDF as a picture); it stays on the record."""
    printed = []
    for drawing in drawings:
        stored = drawing.file
        if not stored.is_image:
            continue
        with stored.file.open("rb") as handle:
            data = base64.b64encode(handle.read()).decode("ascii")
        printed.append(PrintedDrawing(drawing.caption, f"data:{stored.content_type};base64,{data}",
                                      kept=kept_from_parents(drawing.visibility)))
    return printed


def _check(audience: str) -> None:
    if audience not in AUDIENCES:
        raise ValueError(audience)


def conversation_picture_svg(case: Case, conversation: Conversation, audience: str) -> SafeString:
    """The picture in the case's language, as it goes into the booklet and the SVG download."""
    _check(audience)
    with translation.override(case.language):
        return conversation_svg(conversation_for(conversation, audience))


def safety_house_picture_svg(case: Case, house: SafetyHouse, audience: str) -> SafeString:
    _check(audience)
    with translation.override(case.language):
        return safety_house_svg(safety_house_for(house, audience))


def conversation_pdf(case: Case, conversation: Conversation, audience: str) -> bytes:
    """The booklet of a conversation loaded by `selectors.case_conversation`."""
    _check(audience)
    view = conversation_for(conversation, audience)
    return render_pdf("child_voice/pdf/conversation.html", {
        "case": case, "conversation": conversation, "view": view, "audience": audience,
        "audience_label": AUDIENCE_LABELS[audience], "picture": conversation_picture_svg(case, conversation, audience),
        "drawings": _printed(view.drawings), "printed_on": timezone.localdate(),
    }, language=case.language)


def safety_house_pdf(case: Case, house: SafetyHouse, audience: str) -> bytes:
    """The booklet of a Safety House loaded by `selectors.case_safety_house`."""
    _check(audience)
    view = safety_house_for(house, audience)
    return render_pdf("child_voice/pdf/safety_house.html", {
        "case": case, "house": house, "view": view, "audience": audience,
        "audience_label": AUDIENCE_LABELS[audience], "picture": safety_house_picture_svg(case, house, audience),
        "areas": [(str(area), area.label, view.areas[area], view.kept_private(area)) for area in HOUSE_AREAS],
        "drawings": _printed(view.drawings), "printed_on": timezone.localdate(),
    }, language=case.language)


# The downloaded files' names, in the case's language.
FILE_NAMES = {
    "three-houses": pgettext_lazy("file name", "three-houses"),
    "fairies-wizards": pgettext_lazy("file name", "fairies-wizards"),
    "safety-house": pgettext_lazy("file name", "safety-house"),
    "parents": pgettext_lazy("file name", "parents"),
    "network": pgettext_lazy("file name", "network"),
    "worker": pgettext_lazy("file name", "worker"),
}


def _filename(kind: str, case: Case, on: date, audience: str, extension: str) -> str:
    return safe_filename(FILE_NAMES.get(kind, kind), case.reference, on.isoformat(),
                         FILE_NAMES.get(audience, audience), extension=extension, language=case.language)


def _kind(record: Conversation | SafetyHouse) -> str:
    return record.tool.replace("_", "-") if isinstance(record, Conversation) else "safety-house"


def _day(record: Conversation | SafetyHouse) -> date:
    return record.held_on if isinstance(record, Conversation) else record.drawn_on


def booklet(case: Case, record: Conversation | SafetyHouse, audience: str) -> Document:
    """The booklet of a conversation or a Safety House (loaded by its `selectors.case_*`) for `audience`, as
    a PDF download."""
    content = (conversation_pdf(case, record, audience) if isinstance(record, Conversation)
               else safety_house_pdf(case, record, audience))
    return Document(content, PDF, _filename(_kind(record), case, _day(record), audience, "pdf"))


def picture(case: Case, record: Conversation | SafetyHouse, audience: str) -> Document:
    """The picture of a conversation or a Safety House for `audience`, as an SVG download."""
    content = (conversation_picture_svg(case, record, audience) if isinstance(record, Conversation)
               else safety_house_picture_svg(case, record, audience))
    return Document(content, SVG, _filename(_kind(record), case, _day(record), audience, "svg"))
