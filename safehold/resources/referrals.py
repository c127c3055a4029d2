"""Every change to the referrals of a case (seed 001, issue 16 item 2): a person of the case referred to an offer
of the directory for a need, or the need recorded when no suitable offer exists; its steps with their dates; the
family's consent to share data with the provider. Pages, the API and the demo call these; each runs in one
transaction under the case's access policy (`require_case_perm`), with its audit record.

What the worker is warned about but may go on with: an offer marked full is refused until the worker confirms
(`full_confirmed`; the referral then records `offer_was_full`), and an offer whose age range or languages do not
fit the person is accepted, `misfits` saying how it does not fit, for pages and the API to mark it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.core.ids import as_pk
from safehold.core.validation import LONG, TEXT, Errors, clean_date, clean_text
from safehold.core.versioning import ConflictError, save_versioned, update_versioned
from safehold.resources.access import readable_offers
from safehold.resources.models import (
    REFERRAL_TRANSITIONS,
    Capacity,
    District,
    Offer,
    OfferKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from safehold.resources.services import LANGUAGE_PATTERN

# What a worker may change on a referral after it was made; the offer and the status change through
# `referral_move`, the consent through `referral_consent` / `referral_consent_withdraw`.
UPDATE_FIELDS = ("need_words", "follow_up_on", "note", "district", "language")
# Who may be referred: the family and its network; a professional on the case is not the one helped.
REFERRED_ROLES = (PersonRole.CHILD, PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK)
# Offers for parents about their children: their age range is the children's (a parenting course "for parents of
# 2- to 12-year-olds"), so a parent fits when one of the case's children does.
FOR_PARENTS = frozenset({OfferKind.PARENTING_COURSE, OfferKind.PARENT_GROUP, OfferKind.EARLY_HELP,
                         OfferKind.HEALTH_VISITOR, OfferKind.FAMILY_SUPPORT})
PARENTS_ROLES = (PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK)
# Only a referral nobody has acted on yet may go as a mistake; later steps are the referral's fate and stay.
DELETABLE = (ReferralStatus.SUGGESTED, ReferralStatus.NO_OFFER)


@dataclass(frozen=True)
class Misfit:
    """How an offer does not fit the person referred: their age is outside its range, or it is not given in
    the language the referral needs."""

    kind: Literal["age", "language"]
    message: str


def offer_misfits(offer: Offer | None, *, age: int | None, language: str,
                  children_ages: Sequence[int] | None = None) -> list[Misfit]:
    """How `offer` does not fit a person of `age` needing help in `language` (an unknown age, no language asked
    for or an offer that names no languages fit). For a parent sent to an offer about their children
    (FOR_PARENTS: a parenting course for parents of 2- to 12-year-olds) pass the children's `children_ages`: the
    range is theirs, and one child in it is enough."""
    if offer is None:
        return []
    found: list[Misfit] = []
    if offer.kind in FOR_PARENTS and children_ages is not None:
        if children_ages and not any(offer.fits_age(child) for child in children_ages):
            found.append(Misfit("age", _("For parents of children aged %(range)s; none of the children is.") % {
                "range": age_range(offer)}))
    elif not offer.fits_age(age):
        found.append(Misfit("age", _("For ages %(range)s; the person is %(age)d.") % {
            "range": age_range(offer), "age": age}))
    codes = offer.language_codes
    if language and codes and language not in codes:
        found.append(Misfit("language", _("Not offered in %(language)s (only %(offered)s).") % {
            "language": language, "offered": ", ".join(codes)}))
    return found


def children_ages_for(person: Person, births: Sequence[date | None], on: date) -> list[int] | None:
    """The ages on `on` of the case's children (born on `births`) when `person` is an adult of the family or
    network, whose offers about children are measured by the children's ages; None for a child."""
    if person.role not in PARENTS_ROLES:
        return None
    return [on.year - born.year - ((on.month, on.day) < (born.month, born.day)) for born in births if born]


def age_range(offer: Offer) -> str:
    if offer.age_from is not None and offer.age_to is not None:
        return f"{offer.age_from}–{offer.age_to}"
    if offer.age_from is not None:
        return _("%(age)d and older") % {"age": offer.age_from}
    if offer.age_to is not None:
        return _("up to %(age)d") % {"age": offer.age_to}
    return _("all ages")


def referral_misfits(referral: Referral) -> list[Misfit]:
    """How the referral's offer does not fit its person, as of the day they were referred (offer, person and the
    case's children's birth dates loaded with the referral by the selectors; otherwise one query for these)."""
    births = getattr(referral, "children_births", None)
    if births is None and referral.offer is not None and referral.offer.kind in FOR_PARENTS:
        births = list(Person.objects.filter(case_id=referral.case_id, role=PersonRole.CHILD)
                      .values_list("birth_date", flat=True))
    on = referral.referred_on
    return offer_misfits(referral.offer, age=referral.person.age(on), language=referral.language,
                         children_ages=children_ages_for(referral.person, births or [], on))


def _language(value: object, errors: Errors) -> str:
    code = value.strip().lower() if isinstance(value, str) else value
    if code in (None, ""):
        return ""
    if not isinstance(code, str) or not LANGUAGE_PATTERN.fullmatch(code):
        errors.add("language", _("Enter the language as a code, such as de, da, en or tr."))
        return ""
    return code


def _district(case: Case, value: object, errors: Errors) -> District | None:
    if value in (None, ""):
        return None
    if isinstance(value, District):
        value = value.pk
    pk = as_pk(value)
    found = District.objects.filter(organisation_id=case.organisation_id, pk=pk).first() if pk else None
    if found is None:
        errors.add("district", _("Choose a district of your organisation."))
    return found


def _offer(actor: User, value: object, full_confirmed: bool, errors: Errors) -> Offer | None:
    """An active offer of the directory `actor` reads; a full one only once the worker confirmed it."""
    if isinstance(value, Offer):
        value = value.pk
    pk = as_pk(value)
    offer = readable_offers(actor).filter(pk=pk, is_active=True).select_related("district").first() if pk else None
    if offer is None:
        errors.add("offer", _("Choose an offer of the directory."))
        return None
    if offer.capacity == Capacity.FULL and not full_confirmed:
        errors.add("full_confirmed", _("%(offer)s is marked full. Confirm that you refer to it all the same: the "
                                       "referral records that it was full.") % {"offer": offer.name})
    return offer


def _check_no_offer(need_words: str, district: District | None, errors: Errors) -> None:
    """A need no offer meets is counted by district and kind (the unmet-needs report): it says both, and what
    the family needs in their words."""
    if not need_words:
        errors.add("need_words", _("Describe the need in the family's words: no offer meets it."))
    if district is None:
        errors.add("district", _("Choose the family's district: the need is counted there."))


@transaction.atomic
def referral_create(*, actor: User, case: Case, person: object, need_kind: str, need_words: str = "",
                    offer: object = None, district: object = None, language: str = "",
                    referred_on: date | None = None, follow_up_on: date | None = None, note: str = "",
                    no_offer: bool = False, consent_on: date | None = None,
                    full_confirmed: bool = False) -> Referral:
    """Refer a person of the case to an offer for a need (status "suggested"), or record that no suitable offer
    exists (`no_offer`, status "no offer"). The first step is written with it, dated `referred_on`."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    chosen: Person | None = None
    try:
        chosen = chosen_person(case, person, field="person", roles=REFERRED_ROLES,
                               message=_("Choose the person of this case the referral is for."))
    except ValidationError as refused:
        errors.add("person", refused.message_dict["person"][0])
    if need_kind not in OfferKind.values:
        errors.add("need_kind", _("Choose the kind of need."))
    words = clean_text(need_words, "need_words", errors, limit=TEXT)
    found_district = _district(case, district, errors)
    needed_language = _language(language, errors)
    referred = clean_date(referred_on, "referred_on", errors, required=_("Enter the date of the referral."),
                          not_after_today=True)
    follow_up = clean_date(follow_up_on, "follow_up_on", errors)
    if follow_up and referred and follow_up < referred:
        errors.add("follow_up_on", _("The follow-up cannot be before the referral."))
    consent = clean_date(consent_on, "consent_on", errors, not_after_today=True)
    cleaned_note = clean_text(note, "note", errors, limit=LONG)
    found_offer: Offer | None = None
    if no_offer:
        if offer not in (None, ""):
            errors.add("offer", _("A need without a suitable offer names no offer."))
        _check_no_offer(words, found_district, errors)
    elif offer in (None, ""):
        errors.add("offer", _("Choose an offer, or record that no suitable offer exists."))
    else:
        found_offer = _offer(actor, offer, full_confirmed, errors)
    errors.raise_if_any()
    assert chosen is not None and referred is not None  # refused above otherwise
    status = ReferralStatus.NO_OFFER if no_offer else ReferralStatus.SUGGESTED
    referral = Referral.objects.create(
        case=case, person=chosen, need_kind=need_kind, need_words=words, district=found_district,
        language=needed_language, offer=found_offer,
        offer_was_full=found_offer is not None and found_offer.capacity == Capacity.FULL, status=status,
        status_on=referred, referred_on=referred, referred_by=actor, follow_up_on=follow_up, consent_on=consent,
        consent_recorded_by=actor if consent else None, note=cleaned_note)
    ReferralEvent.objects.create(referral=referral, status=status, on=referred, recorded_by=actor)
    fields = ["person", "need_kind", "need_words", "district", "language", "offer", "status", "referred_on",
              "follow_up_on", "note", *(["consent_on"] if consent else []),
              *(["offer_was_full"] if referral.offer_was_full else [])]
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=referral, changed_fields=fields)
    return referral


def _same_case(case: Case, referral: Referral) -> None:
    if referral.case_id != case.pk:  # a programming error: referrals are loaded through their case
        raise ValueError("referral of another case")


@transaction.atomic
def referral_move(*, actor: User, case: Case, referral: Referral, expected_version: int, status: str,
                  on: date | None, note: str = "", offer: object = None,
                  full_confirmed: bool = False) -> Referral:
    """The referral's next step (only along REFERRAL_TRANSITIONS), dated `on`, with a note. A referral that found
    no offer becomes "suggested" only with an `offer` (checked as at creation: readable, active, full only if
    confirmed)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _same_case(case, referral)
    if referral.version != expected_version:
        raise ConflictError(current=Referral.objects.get(pk=referral.pk))
    errors = Errors()
    if status not in REFERRAL_TRANSITIONS.get(referral.status, ()):
        errors.add("status", _("A referral that is “%(now)s” cannot become “%(next)s”.") % {
            "now": referral.get_status_display(),
            "next": ReferralStatus(status).label if status in ReferralStatus.values else status})
    day = clean_date(on, "on", errors, required=_("Enter the date of this step."), not_after_today=True,
                     not_before=referral.status_on,
                     not_before_message=_("A step cannot be dated before the one before it (%(date)s).")
                     % {"date": date_format(referral.status_on, "SHORT_DATE_FORMAT")})
    cleaned_note = clean_text(note, "note", errors, limit=TEXT)
    found_offer: Offer | None = None
    if referral.status == ReferralStatus.NO_OFFER and status == ReferralStatus.SUGGESTED:
        if offer in (None, ""):
            errors.add("offer", _("Choose the offer the referral goes to now."))
        else:
            found_offer = _offer(actor, offer, full_confirmed, errors)
    elif offer not in (None, ""):
        errors.add("offer", _("The offer is chosen only when a referral that found none gets one."))
    errors.raise_if_any()
    assert day is not None
    fields = ["status", "status_on"]
    referral.status, referral.status_on = status, day
    if found_offer is not None:
        referral.offer, referral.offer_was_full = found_offer, found_offer.capacity == Capacity.FULL
        fields += ["offer", "offer_was_full"]
    save_versioned(referral, expected_version=expected_version, fields=fields)
    ReferralEvent.objects.create(referral=referral, status=status, on=day, note=cleaned_note, recorded_by=actor)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=referral,
                 changed_fields=[*fields, "events"])
    return referral


@transaction.atomic
def referral_update(*, actor: User, case: Case, referral: Referral, expected_version: int,
                    **changes: Any) -> list[str]:
    """Change the need in words, the follow-up date, the note, the district or the language (those sent; the
    others stay). A stale `expected_version` is a conflict. Returns the names of what changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _same_case(case, referral)
    unknown = set(changes) - set(UPDATE_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be changed here")
    errors = Errors()
    values: dict[str, Any] = {}
    if "need_words" in changes:
        values["need_words"] = clean_text(changes["need_words"], "need_words", errors, limit=TEXT)
    if "note" in changes:
        values["note"] = clean_text(changes["note"], "note", errors, limit=LONG)
    if "district" in changes:
        values["district"] = _district(case, changes["district"], errors)
    if "language" in changes:
        values["language"] = _language(changes["language"], errors)
    if "follow_up_on" in changes:
        values["follow_up_on"] = clean_date(changes["follow_up_on"], "follow_up_on", errors)
        if values["follow_up_on"] and values["follow_up_on"] < referral.referred_on:
            errors.add("follow_up_on", _("The follow-up cannot be before the referral."))
    if referral.status == ReferralStatus.NO_OFFER:
        _check_no_offer(values.get("need_words", referral.need_words),
                        values.get("district", referral.district), errors)
    errors.raise_if_any()
    changed = update_versioned(referral, values, UPDATE_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=referral, changed_fields=changed)
    return changed


@transaction.atomic
def referral_consent(*, actor: User, case: Case, referral: Referral, on: date | None,
                     expected_version: int | None = None) -> Referral:
    """Record the day the family agreed that their data go to the provider: from then on family documents may
    name the provider's contact."""
    require_case_perm(actor, case, Perm.CHANGE)
    _same_case(case, referral)
    errors = Errors()
    day = clean_date(on, "consent_on", errors, required=_("Enter the day the family gave their consent."),
                     not_after_today=True)
    errors.raise_if_any()
    return _set_consent(actor, case, referral, day, expected_version)


@transaction.atomic
def referral_consent_withdraw(*, actor: User, case: Case, referral: Referral,
                              expected_version: int | None = None) -> Referral:
    """The family withdrew their consent (or it was recorded by mistake): family documents no longer name the
    provider's contact."""
    require_case_perm(actor, case, Perm.CHANGE)
    _same_case(case, referral)
    if referral.consent_on is None:
        raise ValidationError({NON_FIELD_ERRORS: _("No consent is recorded for this referral.")})
    return _set_consent(actor, case, referral, None, expected_version)


def _set_consent(actor: User, case: Case, referral: Referral, day: date | None,
                 expected_version: int | None) -> Referral:
    version = referral.version if expected_version is None else expected_version
    if referral.version != version:
        raise ConflictError(current=Referral.objects.get(pk=referral.pk))
    if referral.consent_on == day:
        return referral
    referral.consent_on, referral.consent_recorded_by = day, actor if day else None
    save_versioned(referral, expected_version=version, fields=["consent_on", "consent_recorded_by"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=referral, changed_fields=["consent_on"])
    return referral


@transaction.atomic
def referral_delete(*, actor: User, case: Case, referral: Referral) -> None:
    """Delete a referral made by mistake: only while it is "suggested" or "no offer" (nothing happened yet)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _same_case(case, referral)
    if referral.status not in DELETABLE:
        raise ValidationError({NON_FIELD_ERRORS: _(
            "Only a referral still suggested, or one that found no offer, can be deleted. This one is “%(status)s”:"
            " record its next step instead.") % {"status": referral.get_status_display()}})
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=referral, changed_fields=["events"])
    referral.delete()
