"""The network's pictures as the network page, the case page, the downloads and the safety plan's documents show
them: the genogram, the ecomap, the safety circles and the network's size over time, each drawn as SVG from
one `Network` (selectors.py). Every picture puts all the case's children in the middle, so each child's ties
show, on screen, in the downloads and in the documents alike. The family's documents get the family's version
of the ecomap ("family"): the safety network and the household, without the worker's view of how ties are."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

from safehold.cases.models import Case
from safehold.network.circles import circles_svg, network_size_svg
from safehold.network.ecomap import ecomap_svg, family_ecomap_svg
from safehold.network.genogram import genogram_svg
from safehold.network.selectors import Network, case_network

# What can be downloaded, by the name in its URL.
PICTURES = ("genogram", "ecomap", "circles")
DRAWINGS: dict[str, Callable[[Network], SafeString]] = {
    "genogram": genogram_svg, "ecomap": ecomap_svg, "circles": circles_svg, "size": network_size_svg,
    "family": family_ecomap_svg,
}


def picture_svg(network: Network, kind: str) -> SafeString:
    """One of PICTURES, "size" (the safety network's size over time) or "family" (the family's ecomap), as SVG
    markup."""
    return DRAWINGS[kind](network)


class NetworkPictures:
    """The pictures a document may show, drawn only when its template asks for one."""

    def __init__(self, case: Case) -> None:
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

    @property
    def circles(self) -> SafeString:
        return self._get("circles")

    @property
    def for_family(self) -> SafeString:
        """The network as the family's own plan shows it: who is in the safety network (inner and middle circles)
        and the household, all children in the middle, every tie drawn alike (no strained or conflictual
        lines, no contact restrictions: the worker's judgement stays in the worker's pictures)."""
        return self._get("family")
