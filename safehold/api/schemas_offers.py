"""What the directory endpoints accept and return: offers (seed 001, prevention in the social space), the
organisation's districts and its cooperation agreements. The rules an offer's fields follow live in one place
(`resources.services.clean_offer`): the schemas shape the input, the service refuses it field by field."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from safehold.api.schemas import DbInt, Input, PageQuery, Patch, Ref
from safehold.core.validation import SHORT, TEXT
from safehold.resources.models import Access, Capacity, CooperationAgreement, LegalDomain, Offer, OfferKind

VERSION_DESCRIPTION = "The version you read; a newer one in the database answers 409."
LANGUAGES_DESCRIPTION = "Language codes (ISO 639-1, such as de, da, en, tr, ar, uk, pl) the help is given in."
MAX_LANGUAGES = 30


class OfferFilters(PageQuery):
    """The search a worker runs for a family's need. Empty parts do not narrow it."""

    q: str = Field("", max_length=200, description="Words from the name, provider or target group (accents "
                                                   "ignored).")
    kind: OfferKind | None = Field(None, description="The kind of offer (the need).")
    district: DbInt | None = Field(None, description="A district of your organisation: its offers and those "
                                                     "serving the whole area.")
    language: str = Field("", pattern=r"^([A-Za-z]{2,3})?$", description="A language code, such as de or tr.")
    age: int | None = Field(None, ge=0, le=120, description="A person's age: offers whose age range fits.")
    include_inactive: bool = Field(False, description="Also offers taken out of the directory.")


class OfferOut(Schema):
    id: int
    key: str
    name: str
    provider: str
    kind: str
    kind_label: str
    district: Ref | None = Field(..., description="None: the offer serves the whole area.")
    address: str
    target_group: str
    age_from: int | None
    age_to: int | None
    languages: list[str] = Field(..., description=LANGUAGES_DESCRIPTION)
    legal_domain: str
    cost: str
    access: str
    contact_name: str
    phone: str
    email: str
    website: str
    capacity: str
    verified_on: date | None
    needs_verifying: bool = Field(..., description="Not verified for a year (or never).")
    is_active: bool
    organisation: str = Field(..., description="The organisation whose directory holds the offer: yours, or one "
                                               "that shares its directory with yours.")
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(offer: Offer) -> str:
        return str(offer.get_kind_display())

    @staticmethod
    def resolve_district(offer: Offer) -> dict[str, Any] | None:
        return None if offer.district is None else {"id": offer.district.pk, "name": offer.district.name}

    @staticmethod
    def resolve_languages(offer: Offer) -> list[str]:
        return offer.language_codes

    @staticmethod
    def resolve_needs_verifying(offer: Offer) -> bool:
        return offer.needs_verifying()

    @staticmethod
    def resolve_organisation(offer: Offer) -> str:
        return offer.organisation.name


class OfferList(Schema):
    items: list[OfferOut] = Field(..., description="In the directory's order: by name, then provider.")
    count: int


class OfferCreate(Input):
    key: str = Field("", max_length=60, description="Names the offer across CSV imports; made from the name when "
                                                    "left empty.")
    name: str = Field(..., max_length=SHORT)
    provider: str = Field(..., max_length=SHORT)
    kind: OfferKind
    district: DbInt | None = Field(None, description="A district of your organisation; none: the whole area.")
    address: str = Field("", max_length=TEXT)
    target_group: str = Field("", max_length=TEXT)
    age_from: int | None = None
    age_to: int | None = None
    languages: list[str] = Field([], max_length=MAX_LANGUAGES, description=LANGUAGES_DESCRIPTION)
    legal_domain: LegalDomain
    cost: str = Field("", max_length=SHORT)
    access: Access = Access.BOTH
    contact_name: str = Field("", max_length=SHORT)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    capacity: Capacity = Capacity.OPEN
    verified_on: date | None = Field(None, description="When someone last checked the details with the provider.")
    is_active: bool = True


class OfferPatch(Patch):
    nullable = frozenset({"district", "age_from", "age_to", "verified_on"})

    version: int = Field(..., description=VERSION_DESCRIPTION)
    key: str | None = Field(None, max_length=60)
    name: str | None = Field(None, max_length=SHORT)
    provider: str | None = Field(None, max_length=SHORT)
    kind: OfferKind | None = None
    district: DbInt | None = None
    address: str | None = Field(None, max_length=TEXT)
    target_group: str | None = Field(None, max_length=TEXT)
    age_from: int | None = None
    age_to: int | None = None
    languages: list[str] | None = Field(None, max_length=MAX_LANGUAGES, description=LANGUAGES_DESCRIPTION)
    legal_domain: LegalDomain | None = None
    cost: str | None = Field(None, max_length=SHORT)
    access: Access | None = None
    contact_name: str | None = Field(None, max_length=SHORT)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    capacity: Capacity | None = None
    verified_on: date | None = None
    is_active: bool | None = None


class DistrictList(Schema):
    items: list[Ref] = Field(..., description="The districts (Sozialraum, område) of your organisation.")
    count: int


class AgreementOut(Schema):
    id: int
    title: str
    partner: str
    legal_domains: str
    contacts: str
    contingent: str
    terms: str
    valid_from: date
    valid_to: date | None
    holds_today: bool
    offers: list[Ref] = Field(..., description="The offers the agreement covers.")
    version: int

    @staticmethod
    def resolve_holds_today(agreement: CooperationAgreement) -> bool:
        return agreement.holds_on(timezone.localdate())

    @staticmethod
    def resolve_offers(agreement: CooperationAgreement) -> list[dict[str, Any]]:
        return [{"id": offer.pk, "name": offer.name} for offer in agreement.offers.all()]


class AgreementList(Schema):
    items: list[AgreementOut]
    count: int
