"""The access matrix's rows for the referrals of a case (see access_matrix.py, TOOL_MATRICES): what the assigned
caseworker, the consultant, the team lead and the auditor get on GET for each of its case-scoped pages, and one
referral on a case (`fill`), to an offer of the organisation's directory."""

from __future__ import annotations

from datetime import date

from safehold.accounts.models import User
from safehold.cases.models import Case, Person
from safehold.resources import referrals
from safehold.resources.models import District, Offer

#                           caseworker consultant team_lead auditor
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "referrals:list":      (200, 200, 200, 403),
    "referrals:create":    (200, 200, 200, 403),
    "referrals:detail":    (200, 200, 200, 403),
    "referrals:edit":      (200, 200, 200, 403),
    "referrals:move":      (405, 405, 405, 405),
    "referrals:consent":   (405, 405, 405, 405),
    "referrals:offer":     (302, 302, 302, 403),  # the referral has an offer: back to it
    "referrals:delete":    (200, 200, 200, 403),  # GET asks for confirmation
    "api-v1:list_referrals":   (200, 200, 200, 403),
    "api-v1:create_referral":  (200, 200, 200, 403),  # GET on the same path lists
    "api-v1:get_referral":     (200, 200, 200, 403),
    "api-v1:patch_referral":   (200, 200, 200, 403),  # GET on the same path reads
    "api-v1:delete_referral":  (200, 200, 200, 403),  # GET on the same path reads
}
VALID_BODIES: dict[tuple[str, str], dict] = {}
_NEED = {"person": "<parent_id>", "need_kind": "parenting_course", "no_offer": True, "need_words": "Intruder"}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {
    ("post", "api-v1:list_referrals"): _NEED,
    ("post", "api-v1:create_referral"): _NEED,
    **{("patch", name): {"version": 1, "note": "Intruder"}
       for name in ("api-v1:get_referral", "api-v1:patch_referral", "api-v1:delete_referral")},
}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """The parent referred to a parenting course of the organisation's directory, as `caseworker`; `word` is in
    the need's words and the note. The offer is the organisation's, shared by its cases: no `word` in it."""
    district, _new = District.objects.get_or_create(organisation_id=case.organisation_id, name="Nordstadt")
    offer = Offer.objects.create(organisation_id=case.organisation_id, key=f"matrix-{case.pk}",
                                 name="Starke Eltern", provider="Familienbildung Nord", kind="parenting_course",
                                 legal_domain="sgb_viii", district=district, languages=",de,")
    referral = referrals.referral_create(
        actor=caseworker, case=case, person=parent.pk, need_kind="parenting_course",
        need_words=f"Help with {word} in the evenings", offer=offer.pk, district=district.pk, language="de",
        referred_on=date(2025, 1, 6), follow_up_on=None, note=f"Talked about {word}")
    return {"referral_id": referral.pk}
