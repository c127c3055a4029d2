"""Where the practice tools plug into the case page and the start page.

Each tool registers, in its AppConfig.ready(), the section it adds to the case overview and what it
reports as needing attention on the start page ("my work"). The case page and the start page stay the
same size whatever tools are installed, and a tool can be added without touching them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class CaseSection:
    key: str
    title: Any  # a lazy translation
    template: str  # rendered with {"case": case, "section": ..., **context(request, case)}
    order: int = 100
    context: Callable[[Any, Any], dict] | None = None


@dataclass(frozen=True)
class AttentionItem:
    """Something on a case that needs someone's attention: an overdue review, a warning, a deadline."""

    case: Any
    message: str
    url: str
    due: date | None = None
    severity: str = "warning"  # "info", "warning" or "danger"


_case_sections: list[CaseSection] = []
_attention_providers: list[Callable[[Any], list[AttentionItem]]] = []


def register_case_section(section: CaseSection) -> None:
    if any(existing.key == section.key for existing in _case_sections):
        return
    _case_sections.append(section)
    _case_sections.sort(key=lambda s: s.order)


def case_sections() -> list[CaseSection]:
    return list(_case_sections)


def register_attention(provider: Callable[[Any], list[AttentionItem]]) -> None:
    if provider not in _attention_providers:
        _attention_providers.append(provider)


def attention_for(user) -> list[AttentionItem]:
    """What needs the user's attention, most urgent first. Each provider runs a fixed number of queries."""
    items = [item for provider in _attention_providers for item in provider(user)]
    rank = {"danger": 0, "warning": 1, "info": 2}
    return sorted(items, key=lambda i: (rank.get(i.severity, 3), i.due or date.max))
