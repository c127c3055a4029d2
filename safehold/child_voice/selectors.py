"""Reads of the child's voice, each in a fixed number of queries, and what an audience may see of it.

Everything is read inside a case the caller has already loaded through the access policy: a conversation,
Safety House, statement, entry or drawing of another case is not found (404 for an id in a URL, a message on
the field for an id in a form or an API body).

An audience is "worker" (everything), "parents" or "network": a printout for the parents shows what the child
agreed the parents may see, and so on (`models.visible_to`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import case_person, chosen_person
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
from safehold.core.ids import pk_or_404
from safehold.network.homes import CareHome, care_homes


def _live_drawings() -> QuerySet[Drawing]:
    return Drawing.objects.filter(deleted_at__isnull=True).select_related("file")


def _houses_with_content() -> list[Prefetch]:
    return [Prefetch("items", queryset=HouseItem.objects.select_related("person")),
            Prefetch("drawings", queryset=_live_drawings())]


# --- the children ----------------------------------------------------------------------------------------

def case_children(case: Case) -> list[Person]:
    """The children of the case, by first name: who a conversation or a Safety House may be about."""
    return list(case.people.filter(role=PersonRole.CHILD).order_by("first_name", "id"))


def case_people_by_role(case: Case) -> list[Person]:
    """Everyone on the case, for the Safety House's "who is inside, visiting, outside"."""
    return list(case.people.order_by("role", "first_name", "id"))


@dataclass
class ChildHome:
    """Where a child lives while a placement runs, with its carers (people of the case) loaded."""

    child: Person
    home: CareHome
    carers: list[Person]

    @property
    def sentence(self) -> str:
        return self.home.sentence(self.child, self.carers)

    @property
    def label(self) -> str:
        """What the Safety House's list of people calls the carers' group."""
        return _("Where %(child)s lives now: %(setting)s") % {"child": self.child.first_name,
                                                              "setting": self.home.label}


def children_homes(case: Case, children: list[Person]) -> dict[int, ChildHome]:
    """Child id → where each of `children` lives today while a placement runs (the others live with their
    parents and are absent). One query, and one more for the carers when a child is placed."""
    wanted = {c.pk for c in children}
    homes = {pk: home for pk, home in care_homes(case).items() if pk in wanted}
    if not homes:
        return {}
    carers = list(case.people.filter(pk__in={c for home in homes.values() for c in home.carer_ids}))
    return {c.pk: ChildHome(c, homes[c.pk], homes[c.pk].carers(carers)) for c in children if c.pk in homes}


def case_child(case: Case, person_id: int | str) -> Person:
    """The child an address names: a person of the case with the role child; 404 for anyone else."""
    person = case_person(case=case, person_id=person_id)
    if person.role != PersonRole.CHILD:
        raise Http404
    return person


def chosen_child(case: Case, person_id: object, field: str = "child") -> Person:
    """The child a form or an API body names: a child of this case, or ValidationError on `field`."""
    return chosen_person(case, person_id, field=field, roles=[PersonRole.CHILD],
                         message=_("Choose a child of this case."))


# --- conversations and their statements -----------------------------------------------------------------

def case_conversation(case: Case, conversation_id: int | str) -> Conversation:
    """One conversation of the case, with its child, statements and drawings; 404 for anyone else's."""
    found = (Conversation.objects.filter(case=case, pk=pk_or_404(conversation_id)).select_related("child")
             .prefetch_related("statements", Prefetch("drawings", queryset=_live_drawings())).first())
    if found is None:
        raise Http404
    found.case = case
    return found


def child_conversation(case: Case, child: Person, conversation_id: int | str) -> Conversation:
    """A conversation held with this child of the case; 404 for one held with anyone else."""
    conversation = case_conversation(case, conversation_id)
    if conversation.child_id != child.pk:
        raise Http404
    return conversation


def conversation_statement(conversation: Conversation, statement_id: int | str) -> Statement:
    """A statement of a conversation loaded by `case_conversation` (no query); 404 for any other."""
    pk = pk_or_404(statement_id)
    found = next((s for s in conversation.statements.all() if s.pk == pk), None)
    if found is None:
        raise Http404
    found.conversation = conversation
    return found


def child_conversations(case: Case, child: Person | None = None) -> list[Conversation]:
    """The case's conversations (or one child's), newest first, with statements and drawings. Three queries."""
    conversations = Conversation.objects.filter(case=case).select_related("child")
    if child is not None:
        conversations = conversations.filter(child=child)
    result = list(conversations.prefetch_related("statements", Prefetch("drawings", queryset=_live_drawings())))
    for conversation in result:
        conversation.case = case
    return result


# --- Safety Houses and their entries ---------------------------------------------------------------------

def case_safety_house(case: Case, house_id: int | str) -> SafetyHouse:
    """One Safety House of the case, with its child, entries and drawings; 404 for anyone else's."""
    found = (SafetyHouse.objects.filter(case=case, pk=pk_or_404(house_id)).select_related("child")
             .prefetch_related(*_houses_with_content()).first())
    if found is None:
        raise Http404
    found.case = case
    return found


def child_safety_house(case: Case, child: Person, house_id: int | str) -> SafetyHouse:
    """A Safety House of this child of the case; 404 for anyone else's."""
    house = case_safety_house(case, house_id)
    if house.child_id != child.pk:
        raise Http404
    return house


def house_item(house: SafetyHouse, item_id: int | str) -> HouseItem:
    """An entry of a Safety House loaded by `case_safety_house` (no query); 404 for any other."""
    pk = pk_or_404(item_id)
    found = next((i for i in house.items.all() if i.pk == pk), None)
    if found is None:
        raise Http404
    found.house = house
    return found


def child_safety_houses(case: Case, child: Person | None = None) -> list[SafetyHouse]:
    """The case's Safety Houses (or one child's), newest first, with entries and drawings. Four queries."""
    houses = SafetyHouse.objects.filter(case=case).select_related("child")
    if child is not None:
        houses = houses.filter(child=child)
    result = list(houses.prefetch_related(*_houses_with_content()))
    for house in result:
        house.case = case
    return result


# --- drawings --------------------------------------------------------------------------------------------

def case_drawing(case: Case, drawing_id: int | str) -> Drawing:
    """A drawing of the case that is not deleted, with its file and what it belongs to; 404 for anything
    else."""
    found = (Drawing.objects.filter(Q(conversation__case=case) | Q(house__case=case), pk=pk_or_404(drawing_id),
                                    deleted_at__isnull=True)
             .select_related("file", "conversation__child", "house__child").first())
    if found is None:
        raise Http404
    found.file.case = case
    owner = drawing_owner(found)
    owner.case = case
    return found


def drawing_owner(drawing: Drawing) -> Conversation | SafetyHouse:
    """What a drawing was added to: a conversation or a Safety House (a database constraint: one of them)."""
    owner = drawing.conversation or drawing.house
    assert owner is not None
    return owner


# --- the overview of a case's children -------------------------------------------------------------------

@dataclass
class ChildRow:
    child: Person
    conversations: list[Conversation]
    houses: list[SafetyHouse]


@dataclass
class ChildrenOverview:
    rows: list[ChildRow]
    others: list[Conversation]  # held with someone no longer recorded as a child of the case: still said
    other_houses: list[SafetyHouse]


def children_overview(case: Case) -> ChildrenOverview:
    """Per child, their conversations (with how many statements) and Safety Houses (with how many entries).
    Three queries, however many children and records."""
    children = case_children(case)
    conversations = list(Conversation.objects.filter(case=case).annotate(statement_count=Count("statements")))
    houses = list(SafetyHouse.objects.filter(case=case).annotate(item_count=Count("items")))
    child_ids = {child.pk for child in children}
    return ChildrenOverview(
        rows=[ChildRow(child, [c for c in conversations if c.child_id == child.pk],
                       [h for h in houses if h.child_id == child.pk]) for child in children],
        others=[c for c in conversations if c.child_id not in child_ids],
        other_houses=[h for h in houses if h.child_id not in child_ids],
    )


# --- what an audience may see ----------------------------------------------------------------------------

@dataclass
class ConversationView:
    """A conversation as one audience may see it: the statements by area, and the drawings."""

    conversation: Conversation
    audience: str
    areas: dict[str, list[Statement]] = field(default_factory=dict)
    drawings: list[Drawing] = field(default_factory=list)
    hidden: int = 0  # how many statements and drawings this audience does not see
    hidden_in: dict[str, int] = field(default_factory=dict)  # of them, the statements per area

    def area_items(self) -> list[tuple[str, str, list[Statement]]]:
        return [(area, self.conversation.area_label(area), self.areas[area]) for area in AREAS]

    def kept_private(self, area: str) -> bool:
        """Whether an area is empty for this audience only because the child kept what it holds from them:
        an empty house must then not read as "nothing to say"."""
        return not self.areas[area] and self.hidden_in[area] > 0

    def area_rows(self) -> list[tuple[str, str, list[Statement], bool]]:
        """`area_items` with, for each area, whether it is `kept_private`."""
        return [(area, label, statements, self.kept_private(area)) for area, label, statements in self.area_items()]


def conversation_for(conversation: Conversation, audience: str) -> ConversationView:
    """What `audience` may see of a conversation loaded with its statements and drawings. No query."""
    view = ConversationView(conversation, audience, {area: [] for area in AREAS},
                            hidden_in={area: 0 for area in AREAS})
    for statement in sorted(conversation.statements.all(), key=lambda s: (s.position, s.pk)):
        if visible_to(statement.visibility, audience):
            view.areas[statement.area].append(statement)
        else:
            view.hidden += 1
            view.hidden_in[statement.area] += 1
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
    hidden_in: dict[str, int] = field(default_factory=dict)  # the entries this audience does not see, per area

    def kept_private(self, area: str) -> bool:
        """Whether an area is empty for this audience only because the child kept its entries from them."""
        return not self.areas[area] and self.hidden_in[area] > 0


def safety_house_for(house: SafetyHouse, audience: str) -> SafetyHouseView:
    """What `audience` may see of a Safety House loaded with its entries and drawings. No query."""
    view = SafetyHouseView(house, audience, {area: [] for area in HOUSE_AREAS},
                           show_score=house.safety_score is not None and visible_to(house.score_visibility, audience),
                           hidden_in={area: 0 for area in HOUSE_AREAS})
    for item in sorted(house.items.all(), key=lambda i: (i.position, i.pk)):
        if visible_to(item.visibility, audience):
            view.areas[item.area].append(item)
        else:
            view.hidden += 1
            view.hidden_in[item.area] += 1
    for drawing in house.drawings.all():
        if drawing.deleted_at is None and visible_to(drawing.visibility, audience):
            view.drawings.append(drawing)
        elif drawing.deleted_at is None:
            view.hidden += 1
    return view
