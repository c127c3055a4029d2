"""What the child's voice adds to the case page: per child, the latest conversation and Safety House."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, PersonRole
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.child_voice.models import Conversation, SafetyHouse, Tool


def child_voice_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    """One query, however many children and conversations: the case page stays the same size."""
    latest = Conversation.objects.filter(child=OuterRef("pk"), case=case).order_by("-held_on", "-id")
    house = SafetyHouse.objects.filter(child=OuterRef("pk"), case=case).order_by("-drawn_on", "-id")
    counted = (Conversation.objects.filter(child=OuterRef("pk"), case=case).order_by()
               .values("child").annotate(n=Count("pk")).values("n"))
    children: list[Any] = list(
        case.people.filter(role=PersonRole.CHILD).order_by("first_name", "id").annotate(
            conversation_id=Subquery(latest.values("pk")[:1]),
            conversation_tool=Subquery(latest.values("tool")[:1]),
            conversation_on=Subquery(latest.values("held_on")[:1]),
            conversation_count=Subquery(counted[:1]),
            house_id=Subquery(house.values("pk")[:1]),
            house_on=Subquery(house.values("drawn_on")[:1]),
            house_score=Subquery(house.values("safety_score")[:1]),
        ))
    for child in children:
        child.tool_label = Tool(child.conversation_tool).label if child.conversation_tool else ""
    return {"editable": may.change, "children": children}


SECTION = CaseSection(key="child_voice", title=_("The child's voice"),
                      template="child_voice/partials/_case_section.html", context=child_voice_section_context)
