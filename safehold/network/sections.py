"""The network's panel on the case page: the ecomap as it stands today, the coordinator and the size of the
safety network."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.network.pictures import picture_svg
from safehold.network.selectors import network_now


def network_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    network = network_now(case)
    return {
        "ecomap": picture_svg(network, "ecomap"),
        "coordinator": next((p for p in network.people if p.pk == network.coordinator_id), None),
        "size": sum(1 for p in network.people if network.in_safety_network(p.pk)),
    }


SECTION = CaseSection(key="network", title=_("Network pictures and safety circles"),
                      template="network/partials/_case_section.html", context=network_section_context)
