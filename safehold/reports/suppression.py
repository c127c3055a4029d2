"""The one rule for figures meant for publication: a count under 5 is shown as "< 5".

Small counts could point to a family in a small municipality. Anything computed from such a count (a share,
a median) is hidden the same way, since it would give the count away. The team lead's own working view (the
default) shows exact figures; only the page's "for publication" switch and the CSV flag apply this.
"""

from __future__ import annotations

from collections.abc import Iterable

THRESHOLD = 5
SUPPRESSED = "< 5"


def is_suppressed(count: int) -> bool:
    """True for every count under THRESHOLD, zero included: "none" is as telling as "one" in a small team."""
    return count < THRESHOLD


def publishable(base: Iterable[int]) -> bool:
    """Whether a figure made of these counts may be published as it is."""
    return not any(is_suppressed(count) for count in base)
