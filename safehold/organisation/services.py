"""Changes the organisation admin makes that belong to no lower app: a new organisation with its country's
legal bases, the list of legal bases, the organisation's wording of the scales, whether a team lead decides on
screenings too. Users and teams are changed
by accounts.services, which the pages call directly."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from safehold.accounts.models import Organisation, User
from safehold.accounts.selectors import require_org_admin
from safehold.audit.services import Action, audit_record
from safehold.cases.models import LegalBasis
from safehold.core import validation
from safehold.core.text import clean_text
from safehold.mapping.models import ScaleAnchor, ScaleKind
from safehold.organisation.selectors import ENDS, LANGUAGE_CODES, anchor_field, default_anchor

# As wide as LegalBasis.code and .label; the form offers the same.
PROVISION_LENGTH = 60
DESCRIPTION_LENGTH = 200

# The legal bases a new organisation starts with, by country. Organisations edit their list afterwards.
DEFAULT_LEGAL_BASES: dict[str, list[tuple[str, str]]] = {
    Organisation.Country.GERMANY: [
        ("SGB VIII § 8a", "Schutzauftrag bei Kindeswohlgefährdung"),
        ("SGB VIII § 27", "Hilfe zur Erziehung"),
        ("SGB VIII § 33", "Vollzeitpflege"),
        ("SGB VIII § 34", "Heimerziehung, sonstige betreute Wohnform"),
        ("SGB VIII § 36", "Mitwirkung, Hilfeplan"),
        ("SGB VIII § 42", "Inobhutnahme von Kindern und Jugendlichen"),
    ],
    Organisation.Country.DENMARK: [
        ("Barnets Lov § 18", "Screening af underretninger"),
        ("Barnets Lov § 19", "Afdækning"),
        ("Barnets Lov § 20", "Børnefaglig undersøgelse"),
        ("Barnets Lov § 32", "Støttende indsatser"),
        ("Barnets Lov § 46", "Anbringelse uden for hjemmet med samtykke"),
        ("Barnets Lov § 47", "Anbringelse uden for hjemmet uden samtykke"),
        ("Barnets Lov § 91", "Barnets plan"),
    ],
}


@transaction.atomic
def organisation_create(*, name: str, kind: str, country: str) -> Organisation:
    """A new organisation with its country's legal bases. For set-up commands and the demo: there is no
    actor, as no one administers an organisation before it exists."""
    organisation = Organisation.objects.create(name=clean_text(name), kind=kind, country=country)
    legal_bases_seed(organisation=organisation)
    return organisation


@transaction.atomic
def legal_bases_seed(*, organisation: Organisation) -> None:
    """Give an organisation its country's list of legal bases (those it has not got already)."""
    legal_bases_add_country(organisation=organisation, country=organisation.country)


def legal_bases_add_country(*, organisation: Organisation, country: str, first_position: int = 0) -> None:
    """Add `country`'s list of legal bases to an organisation's (those it has not got already): its own
    country's when it is created, another's for an organisation working under two laws (the demo)."""
    have = set(LegalBasis.objects.filter(organisation=organisation).values_list("code", flat=True))
    LegalBasis.objects.bulk_create([
        LegalBasis(organisation=organisation, code=code, label=label, country=country,
                   position=first_position + position)
        for position, (code, label) in enumerate(DEFAULT_LEGAL_BASES.get(country, []))
        if code not in have
    ])


# --- the organisation's list of legal bases --------------------------------------------------------

@transaction.atomic
def legal_basis_create(*, actor: User, code: str, label: str, country: str = "") -> LegalBasis:
    """Add a provision to the end of the admin's organisation's list: of `country`'s law (default: the
    organisation's country), offered to the cases of that country (cases.selectors.legal_bases_by_language)."""
    organisation_id = require_org_admin(actor)
    errors = validation.Errors()
    if not country:
        country = Organisation.objects.filter(pk=organisation_id).values_list("country", flat=True).get()
    if country not in Organisation.Country.values:
        errors.add("country", _("Choose the country whose law the provision is of."))
    code = validation.clean_text(code, "code", errors, limit=PROVISION_LENGTH,
                                 required=_("Enter the provision, for example “SGB VIII § 8a”."))
    label = validation.clean_text(label, "label", errors, limit=DESCRIPTION_LENGTH,
                                  required=_("Describe the provision in a few words."))
    if "code" not in errors and LegalBasis.objects.filter(organisation_id=organisation_id, code=code).exists():
        errors.add("code", _("This provision is already on the list."))
    errors.raise_if_any()
    position = LegalBasis.objects.filter(organisation_id=organisation_id).count()
    basis = LegalBasis.objects.create(organisation_id=organisation_id, code=code, label=label, country=country,
                                      position=position)
    audit_record(actor=actor, action=Action.CREATE, obj=basis, changed_fields=["code", "label", "country"])
    return basis


@transaction.atomic
def legal_basis_set_active(*, actor: User, basis: LegalBasis, is_active: bool) -> None:
    """Take a provision out of use (cases keep it) or back into use. Provisions are never deleted."""
    if require_org_admin(actor) != basis.organisation_id:
        raise PermissionDenied
    if basis.is_active != is_active:
        basis.is_active = is_active
        basis.save(update_fields=["is_active"])
        audit_record(actor=actor, action=Action.UPDATE, obj=basis, changed_fields=["is_active"])


# --- the organisation's wording of the scales ------------------------------------------------------

@transaction.atomic
def scale_wording_save(*, actor: User, values: Mapping[str, str]) -> list[str]:
    """Save what 0 and 10 mean on each scale in each language, `values` by anchor_field. Wording equal to ours
    is not stored, so that improvements to our translations still reach the organisation. Returns the scales
    and languages that changed ("safety_da")."""
    organisation_id = require_org_admin(actor)
    own = {(a.kind, a.language): a for a in ScaleAnchor.objects.filter(organisation_id=organisation_id)}
    errors = validation.Errors()
    changed: list[str] = []
    for kind in ScaleKind.values:
        for language in LANGUAGE_CODES:
            names = {end: anchor_field(kind, language, end) for end in ENDS}
            ends = {end: validation.clean_text(values.get(name), name, errors, limit=validation.SHORT,
                                               required=_("Say what this end of the scale means."))
                    for end, name in names.items()}
            if any(name in errors for name in names.values()):
                continue
            is_default = all(ends[end] == default_anchor(kind, language, end) for end in ENDS)
            current = own.get((kind, language))
            if is_default and current is not None:
                current.delete()
                changed.append(f"{kind}_{language}")
            elif not is_default and (current is None or (current.low, current.high) != (ends["low"], ends["high"])):
                ScaleAnchor.objects.update_or_create(organisation_id=organisation_id, kind=kind, language=language,
                                                     defaults={"low": ends["low"], "high": ends["high"]})
                changed.append(f"{kind}_{language}")
    errors.raise_if_any()
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, organisation_id=organisation_id,
                     object_type="mapping.scaleanchor", changed_fields=changed)
    return changed


@transaction.atomic
def organisation_set_screening_policy(*, actor: User, needs_team_lead: bool) -> None:
    """Ask (or stop asking) for a team lead's decision beside the worker's on every screening against the target
    group (screening app). Decisions already recorded stay as they are."""
    organisation_id = require_org_admin(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if organisation.screening_needs_team_lead != needs_team_lead:
        organisation.screening_needs_team_lead = needs_team_lead
        organisation.save(update_fields=["screening_needs_team_lead"])
        audit_record(actor=actor, action=Action.UPDATE, obj=organisation, changed_fields=["screening_needs_team_lead"])
