"""The start page's referral follow-ups: open referrals of the user's cases whose follow-up date has come, for the
assigned workers and the team lead, never for others, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safehold.resources import referrals as services
from safehold.resources.attention import referral_follow_ups
from safehold.resources.tests.test_referrals import make_offer, mother, refer
from safehold.testing.factories import AssignmentFactory, CaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def offer(organisation):
    return make_offer(organisation)


def test_a_follow_up_that_has_come_shows_and_one_overdue_is_more_urgent(caseworker, case, offer):
    parent = mother(case)
    today = refer(caseworker, case, parent, offer, follow_up_on=TODAY())
    overdue = refer(caseworker, case, parent, offer, referred_on=TODAY() - timedelta(days=9),
                    follow_up_on=TODAY() - timedelta(days=2))
    refer(caseworker, case, parent, offer, follow_up_on=TODAY() + timedelta(days=1))
    items = referral_follow_ups(caseworker)
    assert [item.url.rstrip("/").rsplit("/", 1)[-1] for item in items] == [str(overdue.pk), str(today.pk)]
    assert [item.severity for item in items] == ["warning", "info"]
    assert "Camilla" in items[0].message and "due since" in items[0].message and "today" in items[1].message


def test_an_ended_referral_or_a_need_without_offer_does_not_show(caseworker, case, offer, organisation):
    from safehold.resources.tests.test_referrals import make_district

    parent = mother(case)
    done = refer(caseworker, case, parent, offer, follow_up_on=TODAY())
    services.referral_move(actor=caseworker, case=case, referral=done, expected_version=1, status="declined",
                           on=TODAY(), note="")
    refer(caseworker, case, parent, None, no_offer=True, district=make_district(organisation).pk,
          follow_up_on=TODAY())
    assert referral_follow_ups(caseworker) == []


def test_the_team_lead_sees_the_team_s_follow_ups_and_a_colleague_does_not(caseworker, team_lead, colleague, case,
                                                                          offer):
    refer(caseworker, case, mother(case), offer, follow_up_on=TODAY())
    assert len(referral_follow_ups(team_lead)) == 1
    assert referral_follow_ups(colleague) == []


def test_the_start_page_shows_the_follow_up(caseworker, case, offer, client_for, settings):
    settings.SAFEHOLD_ATTENTION = ["safehold.resources.attention.referral_follow_ups"]
    referral = refer(caseworker, case, mother(case), offer, follow_up_on=TODAY())
    response = client_for(caseworker).get("/")
    [item] = response.context["attention"]
    assert item.url == f"/cases/{case.pk}/referrals/{referral.pk}/"
    assert "Follow up the referral of Camilla" in response.content.decode()


def test_the_follow_ups_take_a_fixed_number_of_queries(caseworker, organisation, team, offer):
    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            items = referral_follow_ups(caseworker)
        return len(queries), len(items)

    counted = []
    for index in range(5):
        case = CaseFactory(organisation=organisation, team=team, reference=f"JA-{index}")
        AssignmentFactory(case=case, user=caseworker, role="caseworker")
        refer(caseworker, case, mother(case), offer, follow_up_on=TODAY())
        counted.append(count())
    assert counted == [(counted[0][0], shown) for shown in range(1, 6)]
