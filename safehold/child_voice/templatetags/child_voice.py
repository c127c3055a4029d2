"""`{% child_says case as said %}`: what the case's children said in their latest conversation, by the column of
the assessment map it belongs beside. A link to the statements, not a copy: the map shows them as they are."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.db.models import OuterRef, Subquery

from safehold.cases.models import Case
from safehold.child_voice.models import Area, Conversation, Statement
from safehold.mapping.models import Column

register = template.Library()

# Worries beside "What are we worried about?", good things beside "What's working well?", dreams beside
# "What needs to happen?".
COLUMN_OF_AREA = {Area.WORRIES: Column.WORRIES, Area.GOOD: Column.WORKING, Area.DREAMS: Column.NEEDS}


@dataclass
class SaidColumn:
    column: str
    label: str
    statements: list[Statement] = field(default_factory=list)


@register.simple_tag
def child_says(case: Case) -> list[SaidColumn]:
    """The statements of each child's latest conversation, in the map's three columns. One query; nothing when
    no child has said anything yet."""
    latest = (Conversation.objects.filter(case=case, child=OuterRef("conversation__child"))
              .order_by("-held_on", "-id").values("pk")[:1])
    statements = list(Statement.objects.filter(conversation__case=case, conversation=Subquery(latest))
                      .select_related("conversation__child")
                      .order_by("conversation__child__first_name", "conversation__child_id", "position", "id"))
    if not statements:
        return []
    columns = {area: SaidColumn(column, str(column.label)) for area, column in COLUMN_OF_AREA.items()}
    for statement in statements:
        columns[Area(statement.area)].statements.append(statement)
    return list(columns.values())
