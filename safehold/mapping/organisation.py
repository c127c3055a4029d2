"""An organisation's own wording of the scales' anchors (what 0 and 10 mean), per language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from safehold.accounts.selectors import require_org_admin
from safehold.audit.services import Action, audit_record
from safehold.core.text import clean_text
from safehold.mapping.anchors import DEFAULT_ANCHORS
from safehold.mapping.models import ScaleAnchor, ScaleKind

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def anchor_field(kind: str, language: str, end: str) -> str:
    return f"{kind}_{language}_{end}"


def default_anchor(kind: str, language: str, end: str) -> str:
    low, high = DEFAULT_ANCHORS[ScaleKind(kind)]
    with translation.override(language):
        return str(low if end == "low" else high)


@transaction.atomic
def anchors_save(*, actor, values: dict[str, str]) -> list[str]:
    """Save the anchors an admin entered. Wording equal to ours is not stored, so that improvements to our
    translations still reach the organisation. Returns the fields that changed."""
    organisation_id = require_org_admin(actor)
    own = {(a.kind, a.language): a for a in ScaleAnchor.objects.filter(organisation_id=organisation_id)}
    errors: dict[str, str] = {}
    changed: list[str] = []
    for kind in ScaleKind.values:
        for language in LANGUAGE_CODES:
            ends = {}
            for end in ("low", "high"):
                name = anchor_field(kind, language, end)
                text = clean_text(values.get(name) or "")
                if not text:
                    errors[name] = _("Say what this end of the scale means.")
                elif len(text) > 300:
                    errors[name] = _("Keep this to 300 characters.")
                ends[end] = text
            if any(name.startswith(f"{kind}_{language}_") for name in errors):
                continue
            is_default = all(ends[end] == default_anchor(kind, language, end) for end in ("low", "high"))
            current = own.get((kind, language))
            if is_default and current is not None:
                current.delete()
                changed.append(f"{kind}_{language}")
            elif not is_default and (current is None or (current.low, current.high) != (ends["low"], ends["high"])):
                ScaleAnchor.objects.update_or_create(organisation_id=organisation_id, kind=kind, language=language,
                                                     defaults={"low": ends["low"], "high": ends["high"]})
                changed.append(f"{kind}_{language}")
    if errors:
        raise ValidationError(errors)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, organisation_id=organisation_id,
                     object_type="mapping.scaleanchor", changed_fields=changed)
    return changed
