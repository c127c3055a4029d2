"""Reads of the directory: the search a worker runs for a family's need, and single objects scoped by the
organisation (another organisation's answers 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from safehold.accounts.models import User
from safehold.core.ids import pk_or_404
from safehold.core.text import fold
from safehold.resources.access import editable_offers, readable_offers, require_edit, require_read
from safehold.resources.models import CooperationAgreement, District, Offer

Found = TypeVar("Found", bound=Model)


@dataclass(frozen=True)
class OfferQuery:
    """What a worker looks for: a need (a kind of offer), the family's district and language, a person's age,
    words from the name, provider or target group. Empty parts do not narrow the search."""

    text: str = ""
    kind: str = ""
    district_id: int | None = None
    language: str = ""
    age: int | None = None
    include_inactive: bool = False


def search_offers(user: User, query: OfferQuery) -> QuerySet[Offer]:
    """The offers `user` may read that match `query`, with their district, in the directory's order. Every
    filter is one indexed column or a scan of the organisation's offers only (benchmarked in bench/offers.py)."""
    offers = readable_offers(user).select_related("district", "organisation")
    if not query.include_inactive:
        offers = offers.filter(is_active=True)
    if query.kind:
        offers = offers.filter(kind=query.kind)
    if query.district_id is not None:
        # An offer without a district serves the whole area.
        offers = offers.filter(Q(district_id=query.district_id) | Q(district__isnull=True))
    if query.language:
        offers = offers.filter(languages__contains=f",{query.language.strip().lower()},")
    if query.age is not None:
        offers = offers.filter(Q(age_from__isnull=True) | Q(age_from__lte=query.age),
                               Q(age_to__isnull=True) | Q(age_to__gte=query.age))
    for word in fold(query.text).split()[:5]:
        offers = offers.filter(search_key__contains=word)
    return offers.order_by("name", "provider", "id")


def readable_offer(user: User, offer_id: object) -> Offer:
    """One offer `user` may read (their organisation's or a sharing one's); 404 otherwise."""
    return _get_or_404(readable_offers(user).select_related("district", "organisation"), offer_id)


def editable_offer(user: User, offer_id: object) -> Offer:
    """One offer of `user`'s organisation that they may edit; 404 for another organisation's."""
    return _get_or_404(editable_offers(user).select_related("district"), offer_id)


def districts(user: User) -> QuerySet[District]:
    return District.objects.filter(organisation_id=require_read(user))


def editable_district(user: User, district_id: object) -> District:
    return _get_or_404(District.objects.filter(organisation_id=require_edit(user)), district_id)


def agreements(user: User) -> QuerySet[CooperationAgreement]:
    return CooperationAgreement.objects.filter(organisation_id=require_read(user)).prefetch_related("offers")


def readable_agreement(user: User, cooperation_id: object) -> CooperationAgreement:
    return _get_or_404(agreements(user), cooperation_id)


def editable_agreement(user: User, cooperation_id: object) -> CooperationAgreement:
    return _get_or_404(CooperationAgreement.objects.filter(organisation_id=require_edit(user)), cooperation_id)


def _get_or_404(queryset: QuerySet[Found], pk: object) -> Found:
    return get_object_or_404(queryset, pk=pk_or_404(pk))
