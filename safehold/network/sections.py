"""The network's pictures as the network page, the case page and the safety plan's documents show them, and the
network's panel on the case page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person
from safehold.cases.perms import CasePerms
from safehold.cases.sections import CaseSection
from safehold.network.circles import circles_svg, network_size_svg
from safehold.network.ecomap import ecomap_svg
from safehold.network.genogram import genogram_svg
from safehold.network.models import CaseNetwork, Circle, CirclePlacement, Relationship
from safehold.network.selectors import Network, case_network
from safehold.safety_plans.models import PlanStatus, Rule

# What can be downloaded, by the name in its URL.
PICTURES = ("genogram", "ecomap", "circles")
DRAWINGS: dict[str, Callable[[Network], SafeString]] = {
    "genogram": genogram_svg, "ecomap": ecomap_svg, "circles": circles_svg, "size": network_size_svg,
}


def picture_svg(network: Network, kind: str) -> SafeString:
    """One of PICTURES, or "size" (the safety network's size over time), as SVG markup."""
    return DRAWINGS[kind](network)


class NetworkPictures:
    """The pictures a document may show, drawn only when its template asks for one."""

    def __init__(self, case) -> None:
        self.case = case
        self._network: Network | None = None

    def _get(self, kind: str) -> SafeString:
        if self._network is None:
            self._network = case_network(self.case)
        return picture_svg(self._network, kind)

    @property
    def genogram(self) -> SafeString:
        return self._get("genogram")

    @property
    def ecomap(self) -> SafeString:
        return self._get("ecomap")


def _network_now(case: Case) -> Network:
    """The network as it stands today, without its history, in two queries where `case_network` takes five:
    each person comes with their circle now, the rules they hold and whether they coordinate. The case page
    runs every tool's panel, so each keeps to a query or two."""
    circle_now = (CirclePlacement.objects.filter(person=OuterRef("pk")).order_by("-placed_on", "-id")
                  .values("circle")[:1])
    rules_held = (Rule.objects.filter(responsible=OuterRef("pk"), plan__case=case, plan__status=PlanStatus.ACTIVE)
                  .values("responsible").annotate(n=Count("id")).values("n"))
    people = list(case.people.annotate(
        circle_now=Subquery(circle_now), rules_now=Subquery(rules_held),
        coordinates=Exists(CaseNetwork.objects.filter(case=case, coordinator=OuterRef("pk")))))
    return Network(
        case=case, people=list[Person](people), relationships=list(Relationship.objects.filter(case=case)),
        circles={p.pk: p.circle_now for p in people if p.circle_now not in (None, Circle.NONE)},
        coordinator_id=next((p.pk for p in people if p.coordinates), None),
        rules_held={p.pk: p.rules_now for p in people if p.rules_now},
    )


def network_section_context(case: Case, may: CasePerms) -> dict[str, Any]:
    network = _network_now(case)
    return {
        "ecomap": picture_svg(network, "ecomap"),
        "coordinator": next((p for p in network.people if p.pk == network.coordinator_id), None),
        "size": sum(1 for p in network.people if network.in_safety_network(p.pk)),
    }


SECTION = CaseSection(key="network", title=_("Network pictures and safety circles"),
                      template="network/partials/_case_section.html", context=network_section_context)
