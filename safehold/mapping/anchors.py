"""What 0 and 10 mean on each scale. Our wording is translated; an organisation may word them its own way,
per language (the wording its staff and families know)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from safehold.mapping.models import ScaleAnchor, ScaleKind

DEFAULT_ANCHORS = {
    ScaleKind.SAFETY: (
        _("The child must be removed: it is certain the child will be hurt again."),
        _("Everyone agrees the child is safe enough to close the case."),
    ),
    ScaleKind.WILLINGNESS: (
        _("Not willing to do anything to keep the child safe."),
        _("Willing to do everything it takes to keep the child safe."),
    ),
    ScaleKind.CAPACITY: (
        _("Not able to do what is needed to keep the child safe."),
        _("Has everything it takes to keep the child safe."),
    ),
    ScaleKind.CONFIDENCE: (
        _("No confidence at all that the child will be kept safe."),
        _("Fully confident that the child will be kept safe."),
    ),
}


@dataclass(frozen=True)
class Anchors:
    kind: str
    label: str
    low: str
    high: str
    customised: bool = False


def anchors_for(organisation_id: int, language: str) -> dict[str, Anchors]:
    """The anchor sentences of every scale in `language`: the organisation's own, else ours. One query."""
    own = {a.kind: a for a in ScaleAnchor.objects.filter(organisation_id=organisation_id, language=language)}
    result = {}
    with translation.override(language):
        for kind in ScaleKind:
            if kind in own:
                result[kind.value] = Anchors(kind.value, str(kind.label), own[kind].low, own[kind].high, True)
            else:
                low, high = DEFAULT_ANCHORS[kind]
                result[kind.value] = Anchors(kind.value, str(kind.label), str(low), str(high))
    return result
