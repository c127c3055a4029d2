"""What the child says, beside the assessment map's three columns: the statements of each child's latest
conversation, each beside the column it belongs to. Read live, never copied into the map; the worker's view,
through `conversation_for` like every other reader of the child's words. Where a child who spoke lives in a
placement, the panel says with whom: "home" in the child's words may be the carers' or the parents'."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safehold.cases.models import Case
from safehold.child_voice.models import Area, Conversation, Statement
from safehold.child_voice.selectors import child_conversations, children_homes, conversation_for
from safehold.mapping.models import Column
from safehold.mapping.panels import MapPanel

# Worries beside "What are we worried about?", good things beside "What's working well?", dreams beside
# "What needs to happen?".
COLUMN_OF_AREA = {Area.WORRIES: Column.WORRIES, Area.GOOD: Column.WORKING, Area.DREAMS: Column.NEEDS}


@dataclass
class SaidColumn:
    column: str
    label: str
    statements: list[Statement] = field(default_factory=list)


def child_says(case: Case) -> dict[str, Any]:
    """`said`: the three columns with the statements of each child's latest conversation, children by name;
    empty when no child has said anything yet. `homes`: where those children live now, those in a placement.
    Four queries, however many conversations (five when a child is placed)."""
    latest: dict[int, Conversation] = {}
    for conversation in child_conversations(case):  # newest first
        latest.setdefault(conversation.child_id, conversation)
    columns = {area: SaidColumn(column, str(column.label)) for area, column in COLUMN_OF_AREA.items()}
    for conversation in sorted(latest.values(), key=lambda c: (c.child.first_name, c.child_id)):
        for area, statements in conversation_for(conversation, "worker").areas.items():
            columns[Area(area)].statements.extend(statements)
    said = list(columns.values())
    if not any(column.statements for column in said):
        return {"said": []}
    children = sorted((c.child for c in latest.values()), key=lambda child: (child.first_name, child.pk))
    homes = children_homes(case, children)
    return {"said": said, "homes": [homes[c.pk] for c in children if c.pk in homes]}


PANEL = MapPanel(key="child_says", template="child_voice/partials/_on_map.html", context=child_says)
