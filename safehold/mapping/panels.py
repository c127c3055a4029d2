"""Panels other tools show beside the map's three columns, like the sections of the case page.

The child's voice shows what the children said next to the columns it belongs beside. The tool declares its
panel (`MapPanel`) and `SAFEHOLD_MAP_PANELS` in the settings lists the panels in the page's order: the map
renders them without importing the tools, which sit above it, and the queries of each panel are the map
page's (its query-count test counts them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from safehold.cases.models import Case
from safehold.core.contributions import listed_by_key


@dataclass(frozen=True)
class MapPanel:
    key: str
    template: str  # rendered with the map page's context and "extra": context(case)
    context: Callable[[Case], dict[str, Any]]  # a fixed number of queries, however much the case holds


@dataclass(frozen=True)
class ShownPanel:
    panel: MapPanel
    extra: dict[str, Any]


def map_panels() -> list[MapPanel]:
    """The panels beside the map, in the order the settings give. A key used twice is a mistake."""
    return listed_by_key("SAFEHOLD_MAP_PANELS")


def panels_beside(case: Case) -> list[ShownPanel]:
    """Each panel with what it shows of this case."""
    return [ShownPanel(panel, panel.context(case)) for panel in map_panels()]
