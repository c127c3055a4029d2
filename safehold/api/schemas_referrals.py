"""What the referral endpoints accept and return: a person of a case referred to an offer of the directory for a
need, or the need recorded when no suitable offer exists (seed 001, issue 16), with its steps. The rules the
fields follow live in the services (`resources.referrals`): the schemas shape the input, the services refuse it
field by field.

The provider's contact (contact person, phone, e-mail, website, address) is answered only once the family's
consent to share their data with the provider is recorded: until then those fields are null and
`provider_contact_withheld` says why, so that no client prints it into a family's document by mistake."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.core.validation import LONG, TEXT
from safehold.resources.models import OfferKind, Referral, ReferralEvent, ReferralStatus
from safehold.resources.referrals import referral_misfits

VERSION_DESCRIPTION = "The version you read; a newer one in the database answers 409."
LANGUAGE_DESCRIPTION = "The language the help must be given in, as a code such as de, da, en or tr."
CONTACT_FIELDS = ("contact_name", "phone", "email", "website", "address")
# Room for a code and the spaces around it; the service refuses anything but a code.
LANGUAGE_LENGTH = 10


class PersonRef(Schema):
    id: int
    name: str
    role: str


class ReferralOfferOut(Schema):
    id: int
    name: str
    provider: str
    kind: str
    district: Ref | None
    capacity: str
    contact_name: str | None
    phone: str | None
    email: str | None
    website: str | None
    address: str | None
    provider_contact_withheld: bool = Field(..., description="True until the family's consent is recorded: the "
                                                             "contact fields are then null.")


class MisfitOut(Schema):
    kind: str = Field(..., description="age or language: how the offer does not fit the person referred.")
    message: str


class StepOut(Schema):
    status: str
    status_label: str
    on: date
    note: str
    recorded_by: str | None

    @staticmethod
    def resolve_status_label(event: ReferralEvent) -> str:
        return str(event.get_status_display())

    @staticmethod
    def resolve_recorded_by(event: ReferralEvent) -> str | None:
        user = event.recorded_by
        return (user.get_full_name() or user.username) if user else None


class ReferralOut(Schema):
    id: int
    person: PersonRef
    need_kind: str
    need_kind_label: str
    need_words: str = Field(..., description="The need in the family's words.")
    district: Ref | None = Field(..., description="The family's district.")
    language: str = Field(..., description=LANGUAGE_DESCRIPTION)
    offer: ReferralOfferOut | None = Field(..., description="None: no suitable offer exists.")
    offer_was_full: bool = Field(..., description="The offer was marked full when the worker referred to it.")
    status: str
    status_label: str
    status_on: date
    referred_on: date
    referred_by: str | None
    follow_up_on: date | None
    consent_on: date | None = Field(..., description="The day the family agreed that their data go to the "
                                                     "provider; none: not given.")
    note: str
    misfits: list[MisfitOut] = Field(..., description="How the offer does not fit the person's age or language.")
    steps: list[StepOut] = Field(..., description="The referral's path, the first step first.")
    allowed_next: list[str] = Field(..., description="The statuses the referral may move to next.")
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_person(referral: Referral) -> dict[str, Any]:
        person = referral.person
        return {"id": person.pk, "name": person.full_name, "role": person.role}

    @staticmethod
    def resolve_need_kind_label(referral: Referral) -> str:
        return str(referral.get_need_kind_display())

    @staticmethod
    def resolve_district(referral: Referral) -> dict[str, Any] | None:
        district = referral.district
        return None if district is None else {"id": district.pk, "name": district.name}

    @staticmethod
    def resolve_offer(referral: Referral) -> dict[str, Any] | None:
        offer = referral.offer
        if offer is None:
            return None
        named = referral.may_name_provider
        district = offer.district
        return {
            "id": offer.pk, "name": offer.name, "provider": offer.provider, "kind": offer.kind,
            "district": None if district is None else {"id": district.pk, "name": district.name},
            "capacity": offer.capacity, "provider_contact_withheld": not named,
            **{field: getattr(offer, field) if named else None for field in CONTACT_FIELDS},
        }

    @staticmethod
    def resolve_status_label(referral: Referral) -> str:
        return str(referral.get_status_display())

    @staticmethod
    def resolve_referred_by(referral: Referral) -> str | None:
        user = referral.referred_by
        return (user.get_full_name() or user.username) if user else None

    @staticmethod
    def resolve_misfits(referral: Referral) -> list[dict[str, str]]:
        return [{"kind": m.kind, "message": m.message} for m in referral_misfits(referral)]

    @staticmethod
    def resolve_steps(referral: Referral) -> list[ReferralEvent]:
        return list(referral.events.all())

    @staticmethod
    def resolve_allowed_next(referral: Referral) -> list[str]:
        return [str(status) for status in referral.allowed_transitions()]


class ReferralList(Schema):
    items: list[ReferralOut] = Field(..., description="The latest referral first.")
    count: int


class ReferralCreate(Input):
    person: DbInt = Field(..., description="The person of the case the referral is for: a child, parent, "
                                           "caregiver or someone of the network.")
    need_kind: OfferKind = Field(..., description="The kind of need, as the directory's kinds of offers.")
    need_words: str = Field("", max_length=TEXT, description="The need in the family's words; required when no "
                                                             "suitable offer exists.")
    offer: DbInt | None = Field(None, description="An offer of the directory you read; none with `no_offer`.")
    no_offer: bool = Field(False, description="No suitable offer exists: the need is recorded (and counted in the "
                                              "unmet-needs report by district and kind).")
    full_confirmed: bool = Field(False, description="Refer to an offer marked full all the same; without it such "
                                                    "an offer answers 400 on this field.")
    district: DbInt | None = Field(None, description="The family's district; required when no suitable offer "
                                                     "exists.")
    language: str = Field("", max_length=LANGUAGE_LENGTH, description=LANGUAGE_DESCRIPTION)
    referred_on: date | None = Field(None, description="The day of the referral (required; not in the future).")
    follow_up_on: date | None = Field(None, description="When to look again: on the worker's start page then.")
    consent_on: date | None = Field(None, description="The day the family agreed that their data go to the "
                                                      "provider, if they already did.")
    note: str = Field("", max_length=LONG)


class ReferralPatch(Patch):
    """Any of three changes, each only if sent, all in one transaction (all or nothing): the details
    (need_words, follow_up_on, note, district, language), the next step (status with on, step_note and, for a
    referral that found no offer, offer and full_confirmed), the consent (a date records it, null withdraws
    it)."""

    nullable = frozenset({"follow_up_on", "district", "consent_on"})

    version: int = Field(..., description=VERSION_DESCRIPTION)
    need_words: str | None = Field(None, max_length=TEXT)
    follow_up_on: date | None = None
    note: str | None = Field(None, max_length=LONG, description="The referral's note (not the step's).")
    district: DbInt | None = None
    language: str | None = Field(None, max_length=LANGUAGE_LENGTH, description=LANGUAGE_DESCRIPTION)
    status: ReferralStatus | None = Field(None, description="The next step: one of the referral's `allowed_next`.")
    on: date | None = Field(None, description="The day of the step (with `status`; not in the future).")
    step_note: str | None = Field(None, max_length=TEXT, description="A note on the step (with `status`).")
    offer: DbInt | None = Field(None, description="The offer a referral that found none goes to now (with "
                                                  "status suggested).")
    full_confirmed: bool | None = Field(None, description="Refer to an offer marked full all the same (with "
                                                          "`offer`).")
    consent_on: date | None = Field(None, description="The day the family agreed that their data go to the "
                                                      "provider; null withdraws the consent.")
