"""The children's voices in the demo cases, in each case's language: a Three Houses conversation with the
older child, Fairies & Wizards with the younger one, and a Safety House, each with a drawing.

Recorded through the child's-voice services like one made in the interface. What each child agreed the
parents or the network may see differs from statement to statement, so the printouts show the difference.
The words are in `voices_de`, `voices_da` and `voices_en`; people there are first names on the case.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.child_voice import services
from safehold.child_voice.models import Setting, Tool, Visibility

WORKER, PARENTS, NETWORK = Visibility.WORKER, Visibility.PARENTS, Visibility.NETWORK


@dataclass(frozen=True)
class Said:
    area: str  # worries, good, dreams
    text: str
    visibility: str = WORKER
    by: str = "child"  # the child wrote it, or "worker" wrote it down


@dataclass(frozen=True)
class Talk:
    child: str
    days_ago: int
    statements: tuple[Said, ...]
    tool: str = Tool.THREE_HOUSES
    setting: str = Setting.ALONE
    trusted_person: str = ""
    drawing: str = ""  # the caption of a drawing of the child's paper, if there is one


@dataclass(frozen=True)
class Item:
    area: str  # inside, roof, path, visitors, outside
    text: str = ""
    person: str = ""  # a first name on the case
    visibility: str = PARENTS


@dataclass(frozen=True)
class House:
    child: str
    days_ago: int
    score: int
    score_visibility: str
    items: tuple[Item, ...]
    drawing: str = ""


@dataclass(frozen=True)
class Voices:
    talks: tuple[Talk, ...]
    houses: tuple[House, ...]


def _content() -> dict[str, Voices]:
    from safehold.demo import voices_da, voices_de, voices_en

    return {**voices_de.VOICES, **voices_da.VOICES, **voices_en.VOICES}


def _drawing(tool: str) -> SimpleUploadedFile:
    """A child's crayon drawing, made up: houses (or a wand) in bright colours on paper-white."""
    image = Image.new("RGB", (640, 420), (252, 250, 244))
    pen = ImageDraw.Draw(image)
    colours = [(90, 120, 200), (80, 170, 90), (230, 180, 40)]
    if tool == Tool.FAIRIES_WIZARDS:
        pen.line([(120, 380), (420, 80)], fill=(120, 70, 30), width=14)
        pen.regular_polygon((450, 60, 55), 5, fill=(240, 200, 40))
    else:
        for n, colour in enumerate(colours):
            x = 40 + n * 200
            pen.rectangle([x, 200, x + 160, 380], outline=colour, width=8)
            pen.polygon([(x - 10, 200), (x + 80, 90), (x + 170, 200)], outline=colour, width=8)
            pen.rectangle([x + 60, 300, x + 100, 380], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("drawing.png", buffer.getvalue(), content_type="image/png")


def ensure_demo_voices(case: Case, worker: User) -> None:
    """Record the children's voices of a demo case, once: a case that already has any is left as it is."""
    spec = _content().get(case.reference)
    if spec is None or case.child_conversations.exists() or case.safety_houses.exists():
        return
    people = {person.first_name: person for person in case.people.all()}
    today = timezone.localdate()
    for talk in spec.talks:
        conversation = services.conversation_create(
            actor=worker, case=case, child=people[talk.child].pk, held_on=today - timedelta(days=talk.days_ago),
            tool=talk.tool, setting=talk.setting, trusted_person=talk.trusted_person)
        for said in talk.statements:
            services.statement_create(actor=worker, case=case, conversation=conversation, area=said.area,
                                      text=said.text, written_by=said.by, visibility=said.visibility)
        if talk.drawing:
            services.drawing_add(actor=worker, case=case, upload=_drawing(talk.tool), conversation=conversation,
                                 caption=talk.drawing, visibility=PARENTS)
    for spec_house in spec.houses:
        house = services.safety_house_create(
            actor=worker, case=case, child=people[spec_house.child].pk,
            drawn_on=today - timedelta(days=spec_house.days_ago), safety_score=spec_house.score,
            score_visibility=spec_house.score_visibility)
        for item in spec_house.items:
            services.house_item_create(actor=worker, case=case, house=house, area=item.area, text=item.text,
                                       person=people[item.person].pk if item.person else None,
                                       visibility=item.visibility)
        if spec_house.drawing:
            services.drawing_add(actor=worker, case=case, upload=_drawing(Tool.THREE_HOUSES), house=house,
                                 caption=spec_house.drawing, visibility=PARENTS)
