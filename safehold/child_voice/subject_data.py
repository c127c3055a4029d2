"""The child's voice in a person's export (see cases/subject_records.py). Only what the child agreed the export's
audience may see (`Subject.audience`: the parents', or the network's), through the same rules as every printout
(`selectors.conversation_for`, `safety_house_for`, `models.visible_to`); the worker's notes never.

- A child: their conversations (Three Houses, Fairies & Wizards) with their statements and drawings, and their
  Safety Houses with the entries, drawings and their safety scale.
- Anyone: the entries of a child's Safety House that name them, and a child's statements that name them.
Drawings are listed with the files. Eight queries for a child, two for anyone else."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Item, Record, Subject, SubjectData, item, record
from safehold.child_voice.models import Conversation, Drawing, HouseItem, SafetyHouse, Statement, visible_to
from safehold.child_voice.selectors import (
    child_conversations,
    child_safety_houses,
    conversation_for,
    safety_house_for,
)


def _of(name: str, label: str, pk: int, shown: str) -> Item:
    return item(name, label, pk, shown)


def _drawings(subject: Subject, drawings: list[Drawing], owner: Item) -> list[Record]:
    subject.files += [drawing.file for drawing in drawings]
    return [record(d, ["caption", "created_at"], owner, item("file", _("file"), d.file_id)) for d in drawings]


def _statement(statement: Statement, conversation: Conversation) -> Record:
    return record(statement, ["text", "written_by"],
                  item("area", _("where"), statement.area, conversation.area_label(statement.area)),
                  _of("conversation", _("conversation with a child"), conversation.pk, str(conversation)))


def _house_item(subject: Subject, entry: HouseItem, house: SafetyHouse) -> Record:
    return record(entry, ["area", "text", "written_by"], item("person", _("person"), entry.person_id,
                                                              subject.name_of(entry.person_id)),
                  _of("house", _("Safety House"), house.pk, f"{subject.name_of(house.child_id)} {house.drawn_on}"))


def _own(subject: Subject) -> list[Record]:
    """What the child said and drew themself, as the audience may see it."""
    records: list[Record] = []
    for conversation in child_conversations(subject.case, subject.person):
        view = conversation_for(conversation, subject.audience)
        records.append(record(conversation, ["tool", "held_on", "setting", "trusted_person"]))
        owner = _of("conversation", _("conversation with a child"), conversation.pk, str(conversation))
        records += [_statement(s, conversation) for _area, _label, statements in view.area_items() for s in statements]
        records += _drawings(subject, view.drawings, owner)
    for house in child_safety_houses(subject.case, subject.person):
        house_view = safety_house_for(house, subject.audience)
        score = house.safety_score if house_view.show_score else None
        records.append(record(house, ["drawn_on"], item("safety_score", _("the child's safety scale"), score)))
        records += [_house_item(subject, entry, house) for entries in house_view.areas.values() for entry in entries]
        records += _drawings(subject, house_view.drawings,
                             _of("house", _("Safety House"), house.pk, str(house.drawn_on)))
    return records


def collect(subject: Subject) -> list[Record]:
    person, audience = subject.person, subject.audience
    records = _own(subject) if person.is_child else []
    named = (HouseItem.objects.filter(house__case=subject.case, person=person).exclude(house__child=person)
             .select_related("house").order_by("house__drawn_on", "area", "position", "id"))
    records += [_house_item(subject, entry, entry.house) for entry in named if visible_to(entry.visibility, audience)]
    said = (Statement.objects.filter(conversation__case=subject.case).exclude(conversation__child=person)
            .select_related("conversation").order_by("conversation__held_on", "area", "position", "id"))
    records += [_statement(s, s.conversation) for s in said
                if visible_to(s.visibility, audience) and subject.named_in(s.text)]
    return records


SUBJECT_DATA = SubjectData(
    key="child_voice", title=gettext_lazy("The child's voice"), collect=collect,
    models=(Conversation, Statement, SafetyHouse, HouseItem, Drawing),
)
