"""The perspective tool's section on the case page: the placements of the case's children."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.perspective.selectors import case_placements


def perspective_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    return {"placements": case_placements(case)}  # two queries


SECTION = CaseSection(key="perspective", title=_("Placement and contacts"),
                      template="perspective/partials/_case_section.html", context=perspective_section_context)
