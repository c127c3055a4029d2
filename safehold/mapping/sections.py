"""What the mapping tool adds to the case page: the maps, the latest scores and the scaling chart."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.mapping.chart import scaling_chart
from safehold.mapping.history import scaling_history
from safehold.mapping.models import ScaleKind
from safehold.mapping.selectors import case_maps


def maps_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    maps = case_maps(case)
    chart = scaling_chart(scaling_history(case, maps=maps, kinds=(ScaleKind.SAFETY,)), ScaleKind.SAFETY) \
        if maps else None
    return {"maps": maps, "chart": chart}


SECTION = CaseSection(key="maps", title=_("Assessment and planning maps"),
                      template="mapping/partials/_case_section.html", context=maps_section_context)
