"""What the mapping tool adds to the case page: the maps, the latest scores and the scaling chart."""

from __future__ import annotations

from safehold.mapping.chart import scaling_chart
from safehold.mapping.history import scaling_history
from safehold.mapping.models import ScaleKind
from safehold.mapping.selectors import case_maps


def maps_section_context(request, case) -> dict:
    maps = case_maps(case)
    chart = scaling_chart(scaling_history(case, maps=maps, kinds=(ScaleKind.SAFETY,)), ScaleKind.SAFETY) \
        if maps else None
    return {"maps": maps, "chart": chart}
