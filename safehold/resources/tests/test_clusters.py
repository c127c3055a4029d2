"""Needs without an offer: several families in one district with the same need and no offer make a cluster; who
sees which clusters, and whose words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from safehold.accounts.models import Role, Team, User
from safehold.cases.models import Case, Person
from safehold.resources.access import may_see_clusters
from safehold.resources.clusters import cases_shown, language_name, unmet_clusters
from safehold.resources.models import District, OfferKind, Referral, ReferralStatus
from safehold.testing.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SINCE = TODAY - timedelta(days=365)


@pytest.fixture
def north(organisation) -> District:
    return District.objects.create(organisation=organisation, name="Nordstadt")


@pytest.fixture
def south(organisation) -> District:
    return District.objects.create(organisation=organisation, name="Südstadt")


def mother_in(organisation, team) -> tuple[Case, Person]:
    case = cast(Case, CaseFactory(organisation=organisation, team=team))
    return case, cast(Person, PersonFactory(case=case, role="parent"))


def unmet(case: Case, person: Person, district: District | None, *, kind: str = OfferKind.PARENT_GROUP,
          on: date = TODAY - timedelta(days=10), language: str = "", words: str = "Sie sucht andere Mütter",
          status: str = ReferralStatus.NO_OFFER) -> Referral:
    return Referral.objects.create(case=case, person=person, need_kind=kind, need_words=words, district=district,
                                   language=language, status=status, status_on=on, referred_on=on)


def families(organisation, team, district, n: int, *, on: date | None = None, **fields) -> list[Case]:
    cases = []
    for at in range(n):
        case, mother = mother_in(organisation, team)
        unmet(case, mother, district, on=on or TODAY - timedelta(days=10 + at), **fields)
        cases.append(case)
    return cases


def test_three_families_with_the_same_need_in_one_district_make_a_cluster(organisation, team, team_lead, north):
    cases = families(organisation, team, north, 3)
    father = cast(Person, PersonFactory(case=cases[0], role="parent"))
    unmet(cases[0], father, north, on=TODAY - timedelta(days=40))  # a second person of the first family
    (cluster,) = unmet_clusters(team_lead, since=SINCE)
    assert (cluster.district_name, cluster.need_kind, cluster.families, cluster.people) == (
        "Nordstadt", OfferKind.PARENT_GROUP, 3, 4)
    assert (cluster.first_on, cluster.last_on) == (TODAY - timedelta(days=40), TODAY - timedelta(days=10))
    assert cluster.kind_label == "Mothers' or parents' group"


def test_two_families_do_not_make_a_cluster(organisation, team, team_lead, north):
    families(organisation, team, north, 2)
    assert unmet_clusters(team_lead, since=SINCE) == []


def test_three_referrals_of_one_family_do_not_make_a_cluster(organisation, team, team_lead, north):
    case, mother = mother_in(organisation, team)
    for _n in range(3):
        unmet(case, mother, north)
    unmet(case, cast(Person, PersonFactory(case=case, role="child")), north)
    assert unmet_clusters(team_lead, since=SINCE) == []


def test_the_same_need_in_two_districts_or_two_needs_in_one_do_not_add_up(organisation, team, team_lead, north,
                                                                           south):
    families(organisation, team, north, 2)
    families(organisation, team, south, 2)
    families(organisation, team, north, 2, kind=OfferKind.DEBT)
    assert unmet_clusters(team_lead, since=SINCE) == []


def test_families_without_a_district_make_a_cluster_of_their_own(organisation, team, team_lead):
    families(organisation, team, None, 3)
    (cluster,) = unmet_clusters(team_lead, since=SINCE)
    assert (cluster.district_id, cluster.district_name, cluster.families) == (None, None, 3)


def test_a_need_that_found_an_offer_or_was_recorded_before_since_does_not_count(organisation, team, team_lead,
                                                                                 north):
    families(organisation, team, north, 2)
    families(organisation, team, north, 1, status=ReferralStatus.SUGGESTED)  # an offer was found since
    families(organisation, team, north, 1, on=SINCE - timedelta(days=1))
    assert unmet_clusters(team_lead, since=SINCE) == []
    assert len(unmet_clusters(team_lead, since=SINCE - timedelta(days=1))) == 1


def test_the_smallest_cluster_can_be_set(organisation, team, team_lead, north):
    families(organisation, team, north, 2)
    assert [c.families for c in unmet_clusters(team_lead, since=SINCE, min_families=2)] == [2]


def test_another_organisations_referrals_never_count(organisation, team, org_admin, north, other_organisation):
    families(organisation, team, north, 2)
    other_team = TeamFactory(organisation=other_organisation)
    other_district = District.objects.create(organisation=other_organisation, name="Nordstadt")
    families(other_organisation, other_team, other_district, 3)
    families(other_organisation, other_team, north, 1)  # even one filed under our district
    assert unmet_clusters(org_admin, since=SINCE) == []


def test_the_clusters_are_listed_most_families_first_with_their_languages(organisation, team, team_lead, north,
                                                                           south):
    families(organisation, team, north, 3, language="tr")
    families(organisation, team, south, 2, language="de")
    families(organisation, team, south, 2)
    first, second = unmet_clusters(team_lead, since=SINCE)
    assert (first.district_name, first.families) == ("Südstadt", 4)
    assert first.languages == (("", 2), ("de", 2)) and first.language_names == [("No language named", 2),
                                                                                 ("German", 2)]
    assert (second.district_name, second.languages) == ("Nordstadt", (("tr", 3),))


def test_a_language_is_named_in_the_readers_language_and_an_unknown_code_stays_a_code():
    assert language_name("tr") == "Turkish"
    assert language_name("xq") == "xq"


def test_a_team_lead_sees_their_teams_clusters_with_the_families_words(organisation, team, team_lead, north):
    cases = families(organisation, team, north, 3, words="Eine Gruppe für Mütter mit Babys")
    father = cast(Person, PersonFactory(case=cases[1], role="parent"))
    unmet(cases[1], father, north, words="")  # nothing in his words: not listed
    (cluster,) = unmet_clusters(team_lead, since=SINCE)
    assert [w.words for w in cluster.words] == ["Eine Gruppe für Mütter mit Babys"] * 3
    assert {c.pk for c in cases_shown([cluster])} == {c.pk for c in cases}


def test_a_team_lead_does_not_count_another_teams_families(organisation, team, team_lead, org_admin, north):
    other_team = cast(Team, TeamFactory(organisation=organisation, name="ASD Süd"))
    families(organisation, team, north, 2)
    families(organisation, other_team, north, 1)
    assert unmet_clusters(team_lead, since=SINCE) == []
    assert [c.families for c in unmet_clusters(org_admin, since=SINCE)] == [3]


def test_admins_and_auditors_see_the_organisations_counts_but_no_words(organisation, team, org_admin, auditor,
                                                                        north):
    families(organisation, team, north, 3)
    for reader in (org_admin, auditor):
        (cluster,) = unmet_clusters(reader, since=SINCE)
        assert cluster.families == 3 and cluster.words == ()


def test_an_admin_who_leads_a_team_reads_the_words_of_that_teams_cases_only(organisation, team, north):
    other_team = cast(Team, TeamFactory(organisation=organisation, name="ASD Süd"))
    reader = cast(User, UserFactory(organisation=organisation, roles=[Role.ORG_ADMIN, (Role.TEAM_LEAD, team)]))
    ours = families(organisation, team, north, 2, words="Eine Müttergruppe")
    families(organisation, other_team, north, 2, words="Ein Treffen mit anderen Müttern")
    (cluster,) = unmet_clusters(reader, since=SINCE)
    assert cluster.families == 4
    assert [w.words for w in cluster.words] == ["Eine Müttergruppe"] * 2
    assert {c.pk for c in cases_shown([cluster])} == {c.pk for c in ours}


def test_caseworkers_consultants_and_strangers_see_no_clusters(caseworker, consultant, stranger):
    for user in (caseworker, consultant, stranger):
        assert not may_see_clusters(user)
        with pytest.raises(PermissionDenied):
            unmet_clusters(user, since=SINCE)


def test_the_clusters_take_the_same_queries_for_few_and_many(organisation, team, team_lead, north, south,
                                                             django_assert_num_queries):
    families(organisation, team, north, 3)
    reader = User.objects.get(pk=team_lead.pk)  # the roles are read once per user object (per request)
    with django_assert_num_queries(4):  # the roles, the clusters, their languages, the words
        unmet_clusters(reader, since=SINCE)
    families(organisation, team, south, 12, language="tr")
    families(organisation, team, north, 5, kind=OfferKind.DEBT)
    reader = User.objects.get(pk=team_lead.pk)
    with django_assert_num_queries(4):
        assert len(unmet_clusters(reader, since=SINCE)) == 3
