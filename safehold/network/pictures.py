"""The network's pictures as the network page, the case page, the downloads and the safety plan's documents show
them: the genogram, the ecomap, the safety circles and the network's size over time, each drawn as SVG from
one `Network` (selectors.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

from safehold.cases.models import Case
from safehold.network.circles import circles_svg, network_size_svg
from safehold.network.ecomap import ecomap_svg
from safehold.network.genogram import genogram_svg
from safehold.network.selectors import Network, case_network

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
    def for_family(self) -> SafeString:
        """The network as the family's own plan shows it. PLACEHOLDER until issue 13 item 9 lands: the whole
        ecomap."""
        return self._get("ecomap")
