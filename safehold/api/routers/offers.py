"""/offers…: the directory of offers through the API, with the same access rule, services and audit trail as the
pages.

Every member of the organisation reads its directory and the directories shared with it; the editors the
organisation names write (resources/access.py). An offer of another organisation, or one only shared with
yours, answers 404 to a change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_offers import (
    AgreementList,
    DistrictList,
    OfferCreate,
    OfferFilters,
    OfferList,
    OfferOut,
    OfferPatch,
)
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.resources import selectors, services
from safehold.resources.selectors import OfferQuery

router = Router(tags=["offers"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("OfferConflict", OfferOut)}


# The fixed paths come before /{offer_id}, so that no later path with a text id could take them.
@router.get("/districts", response={200: DistrictList, **ERRORS}, url_name="list_offer_districts")
def list_districts(request: ApiRequest):
    """The districts (Sozialraum, område) of your organisation, in its order: what `district` names."""
    districts = [{"id": d.pk, "name": d.name} for d in selectors.districts(request.auth)]
    return Status(200, {"items": districts, "count": len(districts)})


@router.get("/agreements", response={200: AgreementList, **ERRORS}, url_name="list_offer_agreements")
def list_agreements(request: ApiRequest):
    """Your organisation's cooperation agreements, the latest first, with the offers each covers."""
    agreements = list(selectors.agreements(request.auth))
    return Status(200, {"items": agreements, "count": len(agreements)})


@router.get("", response={200: OfferList, **ERRORS}, url_name="list_offers")
def list_offers(request: ApiRequest, filters: Query[OfferFilters]):
    """Search the offers you may read: your organisation's and those shared with it. Offers not verified for a
    year carry `needs_verifying`."""
    user = request.auth
    if filters.district is not None and not selectors.districts(user).filter(pk=filters.district).exists():
        raise ValidationError({"district": _("Choose a district of your organisation.")})
    offers = selectors.search_offers(user, OfferQuery(
        text=filters.q, kind=filters.kind or "", district_id=filters.district, language=filters.language,
        age=filters.age, include_inactive=filters.include_inactive))
    items = list(offers[filters.offset:filters.offset + filters.limit])
    return Status(200, {"items": items, "count": offers.count()})


@router.post("", response={201: OfferOut, **ERRORS}, url_name="create_offer")
def create_offer(request: ApiRequest, payload: OfferCreate):
    """Add an offer to your organisation's directory (its editors)."""
    offer = services.offer_create(actor=request.auth, data=payload.model_dump())
    return Status(201, selectors.readable_offer(request.auth, offer.pk))


@router.get("/{offer_id}", response={200: OfferOut, **ERRORS}, url_name="get_offer")
def get_offer(request: ApiRequest, offer_id: int):
    return Status(200, selectors.readable_offer(request.auth, offer_id))


@router.patch("/{offer_id}", response={200: OfferOut, **WRITE_ERRORS}, url_name="patch_offer")
def patch_offer(request: ApiRequest, offer_id: int, payload: OfferPatch):
    """Change the fields sent; the others stay as they are. A `version` older than the saved one answers 409
    with the offer as it is now."""
    offer = selectors.editable_offer(request.auth, offer_id)
    try:
        services.offer_update(actor=request.auth, offer=offer, expected_version=payload.version,
                              data=payload.model_dump(exclude_unset=True, exclude={"version"}))
    except ConflictError as exc:
        current = OfferOut.from_orm(selectors.readable_offer(request.auth, offer.pk)).model_dump(mode="json")
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=current))
    return Status(200, selectors.readable_offer(request.auth, offer.pk))
