"""GET /api/v1/cases: the cases the caller may see, searched, filtered and paged."""

from __future__ import annotations

import pytest

from safehold.accounts.models import Role
from safehold.cases.models import CaseAssignment, CaseStatus
from safehold.testing.factories import (
    AssignmentFactory,
    CaseFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

URL = "/api/v1/cases"


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def other_cases(organisation, other_organisation, stranger):
    """A case of the same organisation on another team, and one of another organisation."""
    unassigned = CaseFactory(organisation=organisation, team=TeamFactory(organisation=organisation),
                             reference="JA-2026-0099", family_name="Sørensen-Berg")
    foreign = CaseFactory(organisation=other_organisation, reference="RK-1", family_name="Sørensen")
    AssignmentFactory(case=foreign, user=stranger)
    return unassigned, foreign


def test_the_list_shows_the_cases_you_work_on_with_their_workers(
    caseworker, case, other_cases, api_client_for,
):
    response = api_client_for(caseworker).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == case.pk
    assert item["reference"] == "JA-2026-0001"
    assert item["family_name"] == "Sørensen"
    assert item["status"] == "referral"
    assert item["team"] == {"id": case.team_id, "name": "ASD Nord"}
    workers = [(w["username"], w["role"]) for w in item["workers"]]
    assert workers == [("alice", "caseworker"), ("carla", "consultant")]


def test_a_team_lead_sees_every_case_of_their_team_and_no_other(
    team_lead, case, team, other_cases, api_client_for,
):
    second = CaseFactory(organisation=case.organisation, team=team)

    response = api_client_for(team_lead).get(URL)

    assert response.status_code == 200
    assert sorted(ids(response)) == sorted([case.pk, second.pk])
    assert response.json()["count"] == 2


def test_an_unassigned_colleague_sees_only_their_own_cases(colleague, case, organisation, api_client_for):
    own = CaseFactory(organisation=organisation)
    AssignmentFactory(case=own, user=colleague)

    response = api_client_for(colleague).get(URL)

    assert ids(response) == [own.pk]


@pytest.mark.parametrize("role", ["org_admin", "auditor"])
def test_organisation_admins_and_auditors_see_an_empty_list(request, case, other_cases, api_client_for, role):
    response = api_client_for(request.getfixturevalue(role)).get(URL)

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_a_stranger_sees_only_their_own_organisations_cases(stranger, case, other_cases, api_client_for):
    _unassigned, foreign = other_cases

    response = api_client_for(stranger).get(URL, {"q": "Sørensen"})

    assert ids(response) == [foreign.pk]


@pytest.mark.parametrize("query", [
    "Sorensen", "sörensen", "SØRENSEN", "  sorensen ", "ja-2026-0001", "26-0001 sør",
])
def test_search_matches_reference_and_family_name_ignoring_case_and_accents(
    caseworker, case, other_cases, api_client_for, query,
):
    unrelated = CaseFactory(organisation=case.organisation, family_name="Weber", reference="JA-2026-0050")
    AssignmentFactory(case=unrelated, user=caseworker)

    response = api_client_for(caseworker).get(URL, {"q": query})

    assert response.status_code == 200
    assert ids(response) == [case.pk]
    assert response.json()["count"] == 1


def test_search_finds_a_case_by_the_name_of_anyone_on_it(caseworker, case, organisation, api_client_for):
    weber = CaseFactory(organisation=organisation, family_name="Weber")
    AssignmentFactory(case=weber, user=caseworker)
    PersonFactory(case=weber, role="network", first_name="Mathéo", last_name="Dupont")

    response = api_client_for(caseworker).get(URL, {"q": "matheo dupont"})

    assert ids(response) == [weber.pk]


def test_search_does_not_reach_cases_you_may_not_see(caseworker, case, other_cases, api_client_for):
    response = api_client_for(caseworker).get(URL, {"q": "Sørensen-Berg"})

    assert response.json() == {"items": [], "count": 0}


def test_the_status_filter(caseworker, case, organisation, api_client_for):
    monitored = CaseFactory(organisation=organisation, status=CaseStatus.MONITORING)
    AssignmentFactory(case=monitored, user=caseworker)

    response = api_client_for(caseworker).get(URL, {"status": "monitoring"})

    assert ids(response) == [monitored.pk]


def test_the_worker_filter(team_lead, case, team, organisation, api_client_for):
    bob_s = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=bob_s, user=UserFactory(organisation=organisation, roles=[Role.CASEWORKER]))

    response = api_client_for(team_lead).get(URL, {"worker": case.assignments.get(role="consultant").user_id})

    assert ids(response) == [case.pk]


def test_the_team_filter(caseworker, case, organisation, api_client_for):
    other_team = TeamFactory(organisation=organisation)
    elsewhere = CaseFactory(organisation=organisation, team=other_team)
    AssignmentFactory(case=elsewhere, user=caseworker, role=CaseAssignment.Role.CONSULTANT)
    client = api_client_for(caseworker)

    assert ids(client.get(URL, {"team": other_team.pk})) == [elsewhere.pk]
    assert ids(client.get(URL, {"team": case.team_id})) == [case.pk]


def test_limit_and_offset_page_through_the_newest_first_and_count_is_the_total(
    caseworker, organisation, api_client_for,
):
    cases = CaseFactory.create_batch(5, organisation=organisation)
    for case in cases:
        AssignmentFactory(case=case, user=caseworker)
    newest_first = [c.pk for c in sorted(cases, key=lambda c: (c.updated_at, c.pk), reverse=True)]
    client = api_client_for(caseworker)

    pages = [client.get(URL, {"limit": 2, "offset": offset}) for offset in (0, 2, 4)]

    assert [r.json()["count"] for r in pages] == [5, 5, 5]
    assert [ids(r) for r in pages] == [newest_first[0:2], newest_first[2:4], newest_first[4:]]
    assert client.get(URL, {"limit": 2, "offset": 5}).json() == {"items": [], "count": 5}


def test_a_page_holds_25_cases_unless_asked_and_at_most_100(caseworker, organisation, api_client_for):
    for case in CaseFactory.create_batch(101, organisation=organisation):
        AssignmentFactory(case=case, user=caseworker)
    client = api_client_for(caseworker)

    assert len(ids(client.get(URL))) == 25
    assert len(ids(client.get(URL, {"limit": 100}))) == 100
    assert client.get(URL, {"limit": 100}).json()["count"] == 101


@pytest.mark.parametrize("query", [{"limit": 101}, {"limit": 1000}, {"limit": 0}, {"offset": -1}])
def test_a_limit_or_offset_out_of_range_is_refused_on_its_field(query, caseworker, api_client_for):
    # Once, limit=1000 answered 100 items without a word and the schema named no maximum.
    response = api_client_for(caseworker).get(URL, query)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(query)
