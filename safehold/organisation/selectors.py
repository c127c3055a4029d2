"""Reads of the organisation admin's pages: one user or provision of the admin's organisation, and the scales'
wording as the admin edits it."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import translation

from safehold.accounts.models import User
from safehold.accounts.selectors import organisation_users
from safehold.cases.models import LegalBasis
from safehold.cases.selectors import organisation_legal_bases
from safehold.mapping.anchors import DEFAULT_ANCHORS, anchors_for
from safehold.mapping.models import ScaleKind

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
ENDS = ("low", "high")


def organisation_user(*, organisation_id: int, user_id: int) -> User:
    """A user of the organisation; 404 for anyone else's."""
    return get_object_or_404(organisation_users(organisation_id=organisation_id), pk=user_id)


def organisation_legal_basis(*, organisation_id: int, basis_id: int) -> LegalBasis:
    """A provision on the organisation's list, in use or not; 404 for another organisation's."""
    return get_object_or_404(organisation_legal_bases(organisation_id=organisation_id, include_inactive=True),
                             pk=basis_id)


def anchor_field(kind: str, language: str, end: str) -> str:
    """The name under which one end of one scale in one language is edited, e.g. "safety_da_high"."""
    return f"{kind}_{language}_{end}"


def default_anchor(kind: str, language: str, end: str) -> str:
    """Our wording of one end of a scale, in `language`."""
    low, high = DEFAULT_ANCHORS[ScaleKind(kind)]
    with translation.override(language):
        return str(low if end == "low" else high)


def scale_wording(*, organisation_id: int) -> dict[str, str]:
    """What 0 and 10 mean on each scale in each language, the organisation's own or ours, by anchor_field."""
    wording = {}
    for language in LANGUAGE_CODES:
        for kind, anchors in anchors_for(organisation_id, language).items():
            wording[anchor_field(kind, language, "low")] = anchors.low
            wording[anchor_field(kind, language, "high")] = anchors.high
    return wording
