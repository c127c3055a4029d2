"""Where the practice tools plug into the case page and the start page.

Each tool declares the section it adds to the case overview and, optionally, what it reports as needing
attention on the start page ("my work"); `SAFEHOLD_CASE_SECTIONS` and `SAFEHOLD_ATTENTION` in the settings
list them, in the page's order. `cases` renders them without importing the tools, which sit above it, and a
tool is added by naming it there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.utils.functional import Promise

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.selectors import open_case_ids_shared
from safehold.core.contributions import listed, listed_by_key

Severity = Literal["danger", "warning", "info"]
_RANK: dict[str, int] = {"danger": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class CaseSection:
    key: str
    title: str | Promise  # a lazy translation
    template: str  # rendered with {"case", "may", "section", "extra": context(case, may)}
    context: Callable[[Case, CasePerms], dict[str, Any]] | None = None


@dataclass(frozen=True)
class AttentionItem:
    """Something on a case that needs someone's attention: an overdue review, a warning, a deadline."""

    case: Case
    message: str
    url: str
    due: date | None = None
    severity: Severity = "warning"
    kind: str = ""  # what sort of item (a provider gives each its own): the start page shows each kind


AttentionProvider = Callable[[User], list[AttentionItem]]

# All that the start page shows of an item's case, and the audit records of it: a provider reads only these
# (`.only(*attention_case_fields())`), not a team lead's hundreds of cases with every column.
ATTENTION_CASE_FIELDS = ("id", "organisation_id", "reference", "family_name", "team_id")


def attention_case_fields(through: str = "case") -> list[str]:
    """ATTENTION_CASE_FIELDS as reached from a provider's model, for `.only()` beside select_related(through)."""
    return [f"{through}__{field}" for field in ATTENTION_CASE_FIELDS]


def case_sections() -> list[CaseSection]:
    """The sections of the case page, in the order the settings give. A key used twice is a mistake."""
    return listed_by_key("SAFEHOLD_CASE_SECTIONS")


def attention_for(user: User) -> list[AttentionItem]:
    """What needs the user's attention, most urgent first. Each provider runs a fixed number of queries."""
    providers: list[AttentionProvider] = listed("SAFEHOLD_ATTENTION")
    with open_case_ids_shared(user):
        items = [item for provider in providers for item in provider(user)]
    return sorted(items, key=lambda i: (_RANK[i.severity], i.due or date.max))


def most_urgent(items: list[AttentionItem], limit: int) -> list[AttentionItem]:
    """At most `limit` of `items` (as attention_for orders them), in the same order: the first of each kind, then
    the most urgent of the rest. A team lead's 126 overdue plan reviews would otherwise push the one plan waiting
    for their approval, which nothing else tells them of, off the start page."""
    chosen: set[int] = set()
    kinds: set[str] = set()
    for index, item in enumerate(items):
        if len(chosen) < limit and item.kind not in kinds:
            kinds.add(item.kind)
            chosen.add(index)
    for index in range(len(items)):
        if len(chosen) >= limit:
            break
        chosen.add(index)
    return [items[index] for index in sorted(chosen)]
