"""/cases/{case_id}/referrals…: a case's referrals to offers of the directory (seed 001, issue 16), with the same
access policy, services and audit trail as the pages. Referrals are case data: read with Perm.VIEW, changed
with Perm.CHANGE (a closed case refuses), every read audited, every change audited by its service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.api.errors import error_body
from safehold.api.schemas import Error, conflict
from safehold.api.schemas_referrals import ReferralCreate, ReferralList, ReferralOut, ReferralPatch
from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, access_case
from safehold.cases.models import Case
from safehold.core.http import ApiRequest
from safehold.core.versioning import ConflictError
from safehold.resources import referrals as services
from safehold.resources.models import Referral
from safehold.resources.selectors_referrals import case_referral, case_referrals

router = Router(tags=["referrals"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
WRITE_ERRORS = {**ERRORS, 409: conflict("ReferralConflict", ReferralOut)}
REFERRALS = "/{case_id}/referrals"
# What a PATCH sends for the next step; without `status` none of them means anything.
STEP_FIELDS = ("on", "step_note", "offer", "full_confirmed")


@router.get(REFERRALS, response={200: ReferralList, **ERRORS}, url_name="list_referrals")
def list_referrals(request: ApiRequest, case_id: int):
    """The case's referrals, the latest first, with their steps, how the offer does not fit the person and the
    steps allowed next. The provider's contact only where the family's consent is recorded."""
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    referrals = case_referrals(case)
    audit_record(actor=request.auth, action=Action.VIEW, case=case, object_type="resources.referral_list")
    return Status(200, {"items": referrals, "count": len(referrals)})


@router.post(REFERRALS, response={201: ReferralOut, **ERRORS}, url_name="create_referral")
def create_referral(request: ApiRequest, case_id: int, payload: ReferralCreate):
    """Refer a person of the case to an offer (status suggested), or record that no suitable offer exists
    (`no_offer`: status no_offer, with the need in words and the district). An offer marked full answers 400 on
    `full_confirmed` until it is sent as true; the referral then records `offer_was_full`."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    referral = services.referral_create(actor=request.auth, case=case, **payload.model_dump())
    return Status(201, case_referral(case, referral.pk))


@router.get(REFERRALS + "/{referral_id}", response={200: ReferralOut, **ERRORS}, url_name="get_referral")
def get_referral(request: ApiRequest, case_id: int, referral_id: int):
    case, _may = access_case(request.auth, case_id, Perm.VIEW)
    referral = case_referral(case, referral_id)
    audit_view(actor=request.auth, case=case, obj=referral)
    return Status(200, referral)


@router.patch(REFERRALS + "/{referral_id}", response={200: ReferralOut, **WRITE_ERRORS}, url_name="patch_referral")
def patch_referral(request: ApiRequest, case_id: int, referral_id: int, payload: ReferralPatch):
    """Change the details sent (need_words, follow_up_on, note, district, language), move the referral to its
    next `status` (dated `on`, with `step_note`; `offer` and `full_confirmed` when a referral that found no offer
    gets one), record the family's consent (`consent_on`: a date) or withdraw it (null). What is sent is done in
    that order and all or nothing; a `version` older than the saved one answers 409 with the referral as it is."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    referral = case_referral(case, referral_id)
    sent = payload.model_dump(exclude_unset=True, exclude={"version"})
    if "status" not in sent and (stray := [name for name in STEP_FIELDS if name in sent]):
        raise ValidationError({name: _("Send this only with the status of the step.") for name in stray})
    try:
        if referral.version != payload.version:
            raise ConflictError(current=referral)
        with transaction.atomic():
            _change(request, case, referral, sent)
    except ConflictError as exc:
        current = ReferralOut.from_orm(case_referral(case, referral.pk)).model_dump(mode="json")
        return Status(409, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                      current=current))
    return Status(200, case_referral(case, referral.pk))


def _change(request: ApiRequest, case: Case, referral: Referral, sent: dict) -> None:
    """The PATCH's services one after the other, each on the version the one before left (checked against the
    client's before any ran)."""
    details = {name: sent[name] for name in services.UPDATE_FIELDS if name in sent}
    if details:
        services.referral_update(actor=request.auth, case=case, referral=referral,
                                 expected_version=referral.version, **details)
    if "status" in sent:
        try:
            services.referral_move(actor=request.auth, case=case, referral=referral,
                                   expected_version=referral.version, status=sent["status"], on=sent.get("on"),
                                   note=sent.get("step_note") or "", offer=sent.get("offer"),
                                   full_confirmed=bool(sent.get("full_confirmed")))
        except ValidationError as refused:
            # The service names the step's note `note`; here that is the referral's own note.
            raise ValidationError({("step_note" if field == "note" else field): messages
                                   for field, messages in refused.message_dict.items()}) from refused
    if "consent_on" in sent:
        if sent["consent_on"] is not None:
            services.referral_consent(actor=request.auth, case=case, referral=referral, on=sent["consent_on"],
                                      expected_version=referral.version)
        elif referral.consent_on is not None:  # null where none is recorded: nothing to withdraw
            services.referral_consent_withdraw(actor=request.auth, case=case, referral=referral,
                                               expected_version=referral.version)


@router.delete(REFERRALS + "/{referral_id}", response={204: None, **ERRORS}, url_name="delete_referral")
def delete_referral(request: ApiRequest, case_id: int, referral_id: int) -> Status:
    """Delete a referral made by mistake: only while it is suggested or found no offer (400 otherwise: record
    its next step instead)."""
    case, _may = access_case(request.auth, case_id, Perm.CHANGE)
    services.referral_delete(actor=request.auth, case=case, referral=case_referral(case, referral_id))
    return Status(204, None)
