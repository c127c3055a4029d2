"""The access matrix's values for the directory of offers (see access_matrix.py, TOOL_MATRICES). The directory is
organisation data, not a case's: it has no case-scoped URLs, so no rows here; `fill` gives its pages a district,
an offer, a cooperation agreement and a share to name, so that the matrix's checks for every other page (a login
needed, no case content shown, nothing changed by a GET) reach them. Who may read and edit the directory is
tested with the pages (safehold/resources/tests/test_access.py)."""

from __future__ import annotations

from datetime import date

from safehold.accounts.models import Organisation, User
from safehold.cases.models import Case, Person
from safehold.resources.models import CooperationAgreement, DirectoryShare, District, Offer

EXPECTED: dict[str, tuple[int, int, int, int]] = {}
VALID_BODIES: dict[tuple[str, str], dict] = {}
VALID_BODIES_BY_ROUTE: dict[tuple[str, str], dict] = {}


def fill(case: Case, caseworker: User, *, child: Person, parent: Person, word: str) -> dict[str, int | str]:
    """One of each thing of the directory, in the case's organisation. Nothing of the case is in them: the
    directory is every case's."""
    organisation_id = case.organisation_id
    district = District.objects.create(organisation_id=organisation_id, name=f"District {case.pk}")
    offer = Offer.objects.create(organisation_id=organisation_id, key=f"directory-{case.pk}", name="Open door",
                                 provider="Counselling centre", kind="counselling", legal_domain="sgb_viii",
                                 district=district)
    agreement = CooperationAgreement.objects.create(organisation_id=organisation_id, title="Psychiatry hours",
                                                    partner="Adult psychiatry", valid_from=date(2025, 1, 1))
    agreement.offers.add(offer)
    partner = Organisation.objects.create(name=f"Partner of case {case.pk}")
    share = DirectoryShare.objects.create(owner_id=organisation_id, partner=partner)
    return {"district_id": district.pk, "offer_id": offer.pk, "cooperation_id": agreement.pk, "share_id": share.pk}
