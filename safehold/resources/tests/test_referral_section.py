"""The case page's referrals section: each referral with its person, offer (or the need no offer meets), status
and follow-up, in one query however many referrals there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safehold.cases.perms import CasePerms, Perm
from safehold.resources.sections import referral_section_context
from safehold.resources.tests.test_referrals import make_district, make_offer, mother, refer

pytestmark = pytest.mark.django_db

MAY = CasePerms({Perm.VIEW, Perm.CHANGE})
TODAY = timezone.localdate


def test_the_section_lists_the_referrals_with_status_and_follow_up(caseworker, case, organisation, client_for,
                                                                   settings):
    settings.SAFEHOLD_CASE_SECTIONS = ["safehold.resources.sections.SECTION"]
    parent = mother(case)
    district = make_district(organisation)
    refer(caseworker, case, parent, make_offer(organisation, name="Starke Eltern"),
          follow_up_on=TODAY() + timedelta(days=3))
    refer(caseworker, case, parent, None, no_offer=True, district=district.pk, need_kind="debt")
    context = referral_section_context(case, MAY)
    assert len(context["referrals"]) == 2 and context["open"] == 1
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "Referrals to offers" in page and "<bdi>Camilla</bdi>: Starke Eltern" in page and "Debt counselling" in page
    assert "follow up on" in page and "All referrals (2)" in page


def test_the_section_takes_one_query_however_many_referrals(caseworker, case, organisation):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            referral_section_context(case, MAY)
        return len(queries)

    parent = mother(case)
    refer(caseworker, case, parent, make_offer(organisation, key="first"))
    few = count()
    for index in range(6):
        refer(caseworker, case, parent, make_offer(organisation, key=f"o{index}"))
    assert count() == few == 1
