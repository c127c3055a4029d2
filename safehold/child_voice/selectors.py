"""Reads of the child's voice, each in a fixed number of queries, and what an audience may see of it.

An audience is "worker" (everything), "parents" or "network": a printout for the parents shows what the child
agreed the parents may see, and so on (`models.visible_to`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404

from safehold.cases.models import Case, Person
from safehold.child_voice.models import (
    AREAS,
    HOUSE_AREAS,
    Conversation,
    Drawing,
    HouseItem,
    SafetyHouse,
    Statement,
    visible_to,
)

LIVE_DRAWINGS = Drawing.objects.filter(deleted_at__isnull=True).select_related("file")


def _pk(value: int | str) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2**63:
        raise Http404
    return pk


def case_conversation(case: Case, conversation_id: int | str) -> Conversation:
    """One conversation of the case, with its child and statements; 404 for anyone else's."""
    found = (Conversation.objects.filter(case=case, pk=_pk(conversation_id)).select_related("child")
             .prefetch_related("statements", Prefetch("drawings", queryset=LIVE_DRAWINGS)).first())
    if found is None:
        raise Http404
    found.case = case
    return found


def case_safety_house(case: Case, house_id: int | str) -> SafetyHouse:
    found = (SafetyHouse.objects.filter(case=case, pk=_pk(house_id)).select_related("child")
             .prefetch_related(Prefetch("items", queryset=HouseItem.objects.select_related("person")),
                               Prefetch("drawings", queryset=LIVE_DRAWINGS)).first())
    if found is None:
        raise Http404
    found.case = case
    return found


def case_drawing(case: Case, drawing_id: int | str) -> Drawing:
    """A drawing of the case that is not deleted, with its file and what it belongs to; 404 for anything
    else."""
    found = (Drawing.objects.filter(Q(conversation__case=case) | Q(house__case=case), pk=_pk(drawing_id),
                                    deleted_at__isnull=True)
             .select_related("file", "conversation__child", "house__child").first())
    if found is None:
        raise Http404
    found.file.case = case
    owner = found.conversation or found.house
    if owner is not None:
        owner.case = case
    return found


def child_conversations(case: Case, child: Person | None = None) -> list[Conversation]:
    """The case's conversations (or one child's), newest first, with statements and drawings. Three queries."""
    conversations = Conversation.objects.filter(case=case).select_related("child")
    if child is not None:
        conversations = conversations.filter(child=child)
    result = list(conversations.prefetch_related("statements", Prefetch("drawings", queryset=LIVE_DRAWINGS)))
    for conversation in result:
        conversation.case = case
    return result


def child_safety_houses(case: Case, child: Person | None = None) -> list[SafetyHouse]:
    houses = SafetyHouse.objects.filter(case=case).select_related("child")
    if child is not None:
        houses = houses.filter(child=child)
    result = list(houses.prefetch_related(Prefetch("items", queryset=HouseItem.objects.select_related("person")),
                                          Prefetch("drawings", queryset=LIVE_DRAWINGS)))
    for house in result:
        house.case = case
    return result


@dataclass
class ConversationView:
    """A conversation as one audience may see it: the statements by area, and the drawings."""

    conversation: Conversation
    audience: str
    areas: dict[str, list[Statement]] = field(default_factory=dict)
    drawings: list[Drawing] = field(default_factory=list)
    hidden: int = 0  # how many statements and drawings this audience does not see

    def area_items(self) -> list[tuple[str, str, list[Statement]]]:
        return [(area, self.conversation.area_label(area), self.areas[area]) for area in AREAS]


def conversation_for(conversation: Conversation, audience: str) -> ConversationView:
    """What `audience` may see of a conversation loaded with its statements and drawings. No query."""
    view = ConversationView(conversation, audience, {area: [] for area in AREAS})
    for statement in sorted(conversation.statements.all(), key=lambda s: (s.position, s.pk)):
        if visible_to(statement.visibility, audience):
            view.areas[statement.area].append(statement)
        else:
            view.hidden += 1
    for drawing in conversation.drawings.all():
        if drawing.deleted_at is None and visible_to(drawing.visibility, audience):
            view.drawings.append(drawing)
        elif drawing.deleted_at is None:
            view.hidden += 1
    return view


@dataclass
class SafetyHouseView:
    house: SafetyHouse
    audience: str
    areas: dict[str, list[HouseItem]] = field(default_factory=dict)
    drawings: list[Drawing] = field(default_factory=list)
    show_score: bool = False
    hidden: int = 0


def safety_house_for(house: SafetyHouse, audience: str) -> SafetyHouseView:
    view = SafetyHouseView(house, audience, {area: [] for area in HOUSE_AREAS},
                           show_score=house.safety_score is not None and visible_to(house.score_visibility, audience))
    for item in sorted(house.items.all(), key=lambda i: (i.position, i.pk)):
        if visible_to(item.visibility, audience):
            view.areas[item.area].append(item)
        else:
            view.hidden += 1
    for drawing in house.drawings.all():
        if drawing.deleted_at is None and visible_to(drawing.visibility, audience):
            view.drawings.append(drawing)
        elif drawing.deleted_at is None:
            view.hidden += 1
    return view
