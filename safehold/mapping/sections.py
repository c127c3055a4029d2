"""What the mapping tool adds to the case page: the maps, the latest scores and the scaling chart."""

from __future__ import annotations

from safehold.mapping.history import scaling_history
from safehold.mapping.selectors import case_maps


def maps_section_context(request, case) -> dict:
    maps = case_maps(case)
    return {"maps": maps, "history": scaling_history(case, maps=maps)}
