"""The demo's referrals: on every demo case, in its language, through the services, once; and the Nordstadt
mothers who need a group no offer meets, as a cluster."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.demo.referrals import REFERRALS, ensure_demo_referrals
from safehold.resources.clusters import unmet_clusters
from safehold.resources.models import Referral, ReferralStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(build_once):
    with build_once():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        return True


def test_every_demo_case_with_a_spec_has_its_referrals_and_a_second_run_adds_none(seeded):
    for reference, specs in REFERRALS.items():
        assert Referral.objects.filter(case__reference=reference).count() == len(specs)
    before = Referral.objects.count()
    worker = User.objects.get(username="demo-caseworker")
    for case in Case.objects.filter(reference__in=list(REFERRALS)):
        ensure_demo_referrals(case, worker)
    assert Referral.objects.count() == before


def test_some_started_one_declined_one_without_an_offer_one_waiting(seeded):
    statuses = set(Referral.objects.filter(case__reference__in=list(REFERRALS)).values_list("status", flat=True))
    assert {ReferralStatus.STARTED, ReferralStatus.DECLINED, ReferralStatus.NO_OFFER, ReferralStatus.WAITING,
            ReferralStatus.COMPLETED} <= statuses


def test_the_becker_mother_s_referral_went_through_its_steps_with_her_consent(seeded):
    referral = Referral.objects.get(case__reference="JA-2026-0147", person__first_name="Sandra")
    assert referral.status == ReferralStatus.STARTED and referral.consent_on is not None
    assert list(referral.events.values_list("status", flat=True)) == ["suggested", "contacted", "started"]
    assert referral.offer.provider.startswith("Suchtberatung")


def test_the_team_lead_sees_the_nordstadt_mothers_group_as_a_cluster(seeded):
    lead = User.objects.get(username="demo-teamlead")
    clusters = unmet_clusters(lead, since=timezone.localdate() - timedelta(days=365))
    mothers = [c for c in clusters if c.need_kind == "parent_group"]
    assert mothers and mothers[0].families >= 3
