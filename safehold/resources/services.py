"""Every change to the directory of offers, its districts and the cooperation agreements. Pages, the API, the
CSV import and the demo call these; each runs in one transaction under the directory's access rule
(`resources/access.py`), with its audit record (organisation data: no case).

`clean_offer` holds every rule an offer's fields follow, so that a page, the API and an imported row are
refused alike, each reason on its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.core.ids import as_pk
from safehold.core.text import fold
from safehold.core.validation import SHORT, TEXT, Errors, clean_date, clean_text
from safehold.core.versioning import ConflictError, apply_changes, save_versioned, update_versioned
from safehold.resources.access import require_edit
from safehold.resources.models import (
    Access,
    Capacity,
    CooperationAgreement,
    District,
    LegalDomain,
    Offer,
    OfferKind,
)

OFFER_FIELDS = ("key", "name", "provider", "kind", "district", "address", "target_group", "age_from", "age_to",
                "languages", "legal_domain", "cost", "access", "contact_name", "phone", "email", "website",
                "capacity", "verified_on", "is_active")
AGREEMENT_FIELDS = ("title", "partner", "legal_domains", "contacts", "contingent", "terms", "valid_from", "valid_to",
                    "offers")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
OLDEST = 120  # years: an age range beyond this is a typing mistake


def _choice(value: object, field: str, choices: type[Any], errors: Errors, required: str) -> str:
    if value in (None, ""):
        errors.add(field, required)
        return ""
    if value not in choices.values:
        errors.add(field, _("Choose one of the listed values."))
        return ""
    return str(value)


def _age(value: object, field: str, errors: Errors) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= OLDEST:
        errors.add(field, _("Enter an age from 0 to %(oldest)d years.") % {"oldest": OLDEST})
        return None
    return value


def clean_languages(value: object, field: str, errors: Errors) -> str:
    """Language codes (ISO 639-1, as "de", "tr", "uk"; or three letters) from a list or a text with commas or
    spaces, stored between commas (",de,tr,")."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        codes = [code for code in re.split(r"[\s,;/]+", value.strip().lower()) if code]
    elif isinstance(value, list | tuple) and all(isinstance(code, str) for code in value):
        codes = [code.strip().lower() for code in value if code.strip()]
    else:
        errors.add(field, _("List the languages as codes, such as de, da, en, tr."))
        return ""
    wrong = [code for code in codes if not LANGUAGE_PATTERN.match(code)]
    if wrong:
        errors.add(field, _("Not a language code: %(codes)s. Use codes such as de, da, en, tr.")
                   % {"codes": ", ".join(wrong)})
        return ""
    unique = list(dict.fromkeys(codes))
    return f",{','.join(unique)}," if unique else ""


def _district(organisation_id: int, value: object, errors: Errors) -> District | None:
    """A district of the organisation, by id (pages, API) or by name (an imported row)."""
    if value in (None, ""):
        return None
    if isinstance(value, District):
        value = value.pk
    pk = as_pk(value)
    # A name as people meant it: control characters out (PostgreSQL refuses a NUL in a query), as it was saved.
    name = clean_text(str(value), "district", Errors()) if pk is None else ""
    found = (District.objects.filter(organisation_id=organisation_id, pk=pk).first() if pk is not None
             else District.objects.filter(organisation_id=organisation_id, name__iexact=name).first() if name
             else None)
    if found is None:
        errors.add("district", _("Choose a district of your organisation."))
    return found


def clean_offer(organisation_id: int, data: Mapping[str, Any], errors: Errors, *,
                current: Offer | None = None) -> dict[str, Any]:
    """The offer's values from `data` (all of OFFER_FIELDS for a new offer; only those sent for a change), each
    reason for refusing one in `errors` under its field."""
    sent = {name: data[name] for name in OFFER_FIELDS if name in data}
    values: dict[str, Any] = {}
    if "key" in sent or current is None:
        key = clean_text(sent.get("key"), "key", errors, limit=60)
        if key and not KEY_PATTERN.match(key):
            errors.add("key", _("Use letters, digits, dots, dashes and underscores in the key."))
        values["key"] = key
    for name, required in (("name", _("Enter the offer's name.")), ("provider", _("Enter who provides the offer."))):
        if name in sent or current is None:
            values[name] = clean_text(sent.get(name), name, errors, limit=SHORT, required=required)
    if "kind" in sent or current is None:
        values["kind"] = _choice(sent.get("kind"), "kind", OfferKind, errors, _("Choose the kind of offer."))
    if "legal_domain" in sent or current is None:
        values["legal_domain"] = _choice(sent.get("legal_domain"), "legal_domain", LegalDomain, errors,
                                         _("Choose the law the help is given under."))
    for name, choices, default in (("access", Access, Access.BOTH), ("capacity", Capacity, Capacity.OPEN)):
        if name in sent:
            values[name] = _choice(sent[name] or default, name, choices, errors, "")
        elif current is None:
            values[name] = default
    for name, limit in (("address", TEXT), ("target_group", TEXT), ("cost", SHORT), ("contact_name", SHORT)):
        if name in sent or current is None:
            values[name] = clean_text(sent.get(name), name, errors, limit=limit)
    if "phone" in sent or current is None:
        values["phone"] = clean_text(sent.get("phone"), "phone", errors, limit=40)
    if "email" in sent or current is None:
        values["email"] = clean_text(sent.get("email"), "email", errors, limit=254)
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                errors.add("email", _("Enter a valid e-mail address."))
    if "website" in sent or current is None:
        values["website"] = clean_text(sent.get("website"), "website", errors, limit=200)
        if values["website"]:
            try:
                URLValidator(schemes=["http", "https"])(values["website"])
            except ValidationError:
                errors.add("website", _("Enter a web address starting with https:// or http://."))
    if "languages" in sent or current is None:
        values["languages"] = clean_languages(sent.get("languages"), "languages", errors)
    if "district" in sent or current is None:
        values["district"] = _district(organisation_id, sent.get("district"), errors)
    for name in ("age_from", "age_to"):
        if name in sent or current is None:
            values[name] = _age(sent.get(name), name, errors)
    age_from = values.get("age_from", current.age_from if current else None)
    age_to = values.get("age_to", current.age_to if current else None)
    if age_from is not None and age_to is not None and age_from > age_to and "age_to" not in errors:
        errors.add("age_to", _("The age range ends before it starts."))
    if "verified_on" in sent or current is None:
        values["verified_on"] = clean_date(sent.get("verified_on"), "verified_on", errors, not_after_today=True)
    if "is_active" in sent:
        if not isinstance(sent["is_active"], bool):
            errors.add("is_active", _("Say yes or no."))
        else:
            values["is_active"] = sent["is_active"]
    return values


def _unique_key(organisation_id: int, name: str) -> str:
    """A key for an offer made on a page or through the API without one: from its name, made unique."""
    base = (slugify(fold(name))[:50] or "offer").strip("-") or "offer"
    taken = set(Offer.objects.filter(organisation_id=organisation_id, key__startswith=base)
                .values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def search_key(offer: Offer) -> str:
    """What the directory's word search looks in: name, provider and target group, folded."""
    return fold(" ".join((offer.name, offer.provider, offer.target_group)))[:1000]


def _check_key_free(organisation_id: int, key: str, errors: Errors, *, exclude: int | None = None) -> None:
    others = Offer.objects.filter(organisation_id=organisation_id, key=key)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if key and others.exists():
        errors.add("key", _("Another offer has this key."))


@transaction.atomic
def offer_create(*, actor: User, data: Mapping[str, Any]) -> Offer:
    organisation_id = require_edit(actor)
    errors = Errors()
    values = clean_offer(organisation_id, data, errors)
    _check_key_free(organisation_id, values.get("key", ""), errors)
    errors.raise_if_any()
    if not values["key"]:
        values["key"] = _unique_key(organisation_id, values["name"])
    offer = Offer(organisation_id=organisation_id, created_by=actor, **values)
    offer.search_key = search_key(offer)
    offer.save()
    audit_record(actor=actor, action=Action.CREATE, obj=offer, organisation_id=organisation_id)
    return offer


@transaction.atomic
def offer_update(*, actor: User, offer: Offer, expected_version: int, data: Mapping[str, Any]) -> list[str]:
    """Change the fields sent in `data`; returns the names of those that changed. ConflictError when someone
    saved the offer since `expected_version`."""
    organisation_id = require_edit(actor)
    _ours(organisation_id, offer)
    errors = Errors()
    values = clean_offer(organisation_id, data, errors, current=offer)
    if "key" in values:
        if not values["key"]:
            values["key"] = offer.key
        _check_key_free(organisation_id, values["key"], errors, exclude=offer.pk)
    errors.raise_if_any()
    if offer.version != expected_version:
        raise ConflictError(current=Offer.objects.get(pk=offer.pk))
    changed = apply_changes(offer, values, OFFER_FIELDS)
    if changed:
        offer.search_key = search_key(offer)
        save_versioned(offer, expected_version=expected_version, fields=[*changed, "search_key"])
        audit_record(actor=actor, action=Action.UPDATE, obj=offer, organisation_id=organisation_id,
                     changed_fields=changed)
    return changed


def _ours(organisation_id: int, obj: Offer | District | CooperationAgreement) -> None:
    """The selectors load only the organisation's own objects (404 otherwise); a service checks again."""
    if obj.organisation_id != organisation_id:
        raise PermissionDenied


@transaction.atomic
def offer_verify(*, actor: User, offer: Offer, on: date | None = None) -> None:
    """Someone checked the offer's details with its provider today (or `on`)."""
    organisation_id = require_edit(actor)
    _ours(organisation_id, offer)
    errors = Errors()
    day = clean_date(on or timezone.localdate(), "verified_on", errors, not_after_today=True)
    errors.raise_if_any()
    Offer.objects.filter(pk=offer.pk).update(verified_on=day, updated_at=timezone.now())
    offer.verified_on = day
    audit_record(actor=actor, action=Action.UPDATE, obj=offer, organisation_id=organisation_id,
                 changed_fields=["verified_on"])


@transaction.atomic
def district_create(*, actor: User, name: str) -> District:
    organisation_id = require_edit(actor)
    errors = Errors()
    name = clean_text(name, "name", errors, limit=120, required=_("Enter the district's name."))
    if name and District.objects.filter(organisation_id=organisation_id, name__iexact=name).exists():
        errors.add("name", _("There is a district of this name already."))
    errors.raise_if_any()
    position = District.objects.filter(organisation_id=organisation_id).count()
    district = District.objects.create(organisation_id=organisation_id, name=name, position=position)
    audit_record(actor=actor, action=Action.CREATE, obj=district, organisation_id=organisation_id)
    return district


@transaction.atomic
def district_delete(*, actor: User, district: District) -> None:
    """Only a district no offer names: the offers would lose where they are."""
    organisation_id = require_edit(actor)
    _ours(organisation_id, district)
    if district.offers.exists():
        raise ValidationError({"name": _("Offers are in this district. Move them to another district first.")})
    audit_record(actor=actor, action=Action.DELETE, obj=district, organisation_id=organisation_id)
    district.delete()


def _clean_agreement(organisation_id: int, data: Mapping[str, Any], errors: Errors,
                     current: CooperationAgreement | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, limit, required in (("title", SHORT, _("Enter a title for the agreement.")),
                                  ("partner", SHORT, _("Enter who the agreement is with.")),
                                  ("legal_domains", 200, ""), ("contacts", TEXT, ""), ("contingent", TEXT, ""),
                                  ("terms", TEXT, "")):
        if name in data or current is None:
            values[name] = clean_text(data.get(name), name, errors, limit=limit, required=required)
    if "valid_from" in data or current is None:
        values["valid_from"] = clean_date(data.get("valid_from"), "valid_from", errors,
                                          required=_("Enter the day the agreement starts."))
    if "valid_to" in data or current is None:
        values["valid_to"] = clean_date(data.get("valid_to"), "valid_to", errors)
    start = values.get("valid_from", current.valid_from if current else None)
    end = values.get("valid_to", current.valid_to if current else None)
    if start and end and end < start and "valid_to" not in errors:
        errors.add("valid_to", _("The agreement ends before it starts."))
    if "offers" in data:
        ids = [as_pk(value) for value in (data.get("offers") or [])]
        found = list(Offer.objects.filter(organisation_id=organisation_id, pk__in=[i for i in ids if i]))
        if None in ids or len(found) != len(set(ids)):
            errors.add("offers", _("Choose offers of your organisation's directory."))
        values["offers"] = found
    return values


@transaction.atomic
def agreement_create(*, actor: User, data: Mapping[str, Any]) -> CooperationAgreement:
    organisation_id = require_edit(actor)
    errors = Errors()
    values = _clean_agreement(organisation_id, data, errors)
    errors.raise_if_any()
    offers = values.pop("offers", [])
    agreement = CooperationAgreement.objects.create(organisation_id=organisation_id, created_by=actor, **values)
    agreement.offers.set(offers)
    audit_record(actor=actor, action=Action.CREATE, obj=agreement, organisation_id=organisation_id)
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, agreement: CooperationAgreement, expected_version: int,
                     data: Mapping[str, Any]) -> list[str]:
    organisation_id = require_edit(actor)
    _ours(organisation_id, agreement)
    errors = Errors()
    values = _clean_agreement(organisation_id, data, errors, current=agreement)
    errors.raise_if_any()
    offers: Iterable[Offer] | None = values.pop("offers", None)
    changed = update_versioned(agreement, values, AGREEMENT_FIELDS, expected_version=expected_version)
    if offers is not None and {o.pk for o in offers} != set(agreement.offers.values_list("pk", flat=True)):
        agreement.offers.set(offers)
        changed.append("offers")
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, obj=agreement, organisation_id=organisation_id,
                     changed_fields=changed)
    return changed


@transaction.atomic
def agreement_delete(*, actor: User, agreement: CooperationAgreement) -> None:
    organisation_id = require_edit(actor)
    _ours(organisation_id, agreement)
    audit_record(actor=actor, action=Action.DELETE, obj=agreement, organisation_id=organisation_id)
    agreement.delete()
