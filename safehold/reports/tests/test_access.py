"""Who sees which report over which cases (reports/access.py), through the pages and the API."""

from __future__ import annotations

import pytest

from safehold.accounts.models import Role
from safehold.reports import caseload
from safehold.reports.access import Reach, offered_teams, report_scope, reports_for, viewer
from safehold.reports.registry import REPORTS
from safehold.reports.tests.data import case_with_children
from safehold.testing.factories import AssignmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_team(organisation):
    return TeamFactory(organisation=organisation, name="ASD Süd")


def test_admins_and_auditors_see_every_report_for_the_organisation(org_admin, auditor, team, other_team):
    for user in (org_admin, auditor):
        seen = viewer(user)
        assert seen.reach == Reach.ORGANISATION
        assert len(reports_for(user)) == len(REPORTS)
        assert set(offered_teams(seen)) == {team, other_team}
        assert report_scope(seen, None).team_ids is None


def test_a_team_lead_is_offered_only_the_teams_they_lead(team_lead, team, other_team):
    seen = viewer(team_lead)
    assert seen.reach == Reach.TEAMS
    assert list(offered_teams(seen)) == [team]
    assert report_scope(seen, None).team_ids == frozenset({team.pk})


def test_a_caseworker_sees_only_their_own_caseload(caseworker):
    seen = viewer(caseworker)
    assert seen.reach == Reach.OWN_CASELOAD
    assert reports_for(caseworker) == [caseload]
    assert not offered_teams(seen).exists()
    assert report_scope(seen, None).worker_id == caseworker.pk


def test_a_user_without_a_role_sees_no_report(organisation):
    assert reports_for(UserFactory(organisation=organisation)) == []


def test_the_team_leads_page_refuses_another_team(client_for, team_lead, other_team):
    response = client_for(team_lead).get(f"/reports/teams/?team={other_team.pk}")
    assert response.status_code == 400
    assert "Choose one of the teams offered." in response.content.decode()


def test_a_team_of_another_organisation_is_refused_like_an_unknown_one(client_for, api_client_for, org_admin,
                                                                       other_organisation):
    foreign = TeamFactory(organisation=other_organisation)
    response = client_for(org_admin).get(f"/reports/teams/?team={foreign.pk}")
    assert response.status_code == 400
    assert "Choose one of the teams offered." in response.content.decode()
    response = api_client_for(org_admin).get(f"/api/v1/reports/teams?team={foreign.pk}")
    assert response.status_code == 400
    assert response.json()["errors"] == {"team": ["Choose one of the teams offered."]}


def test_a_caseworker_may_not_open_the_other_reports(client_for, api_client_for, caseworker):
    assert client_for(caseworker).get("/reports/teams/").status_code == 403
    assert api_client_for(caseworker).get("/api/v1/reports/fidelity").status_code == 403
    assert client_for(caseworker).get("/reports/caseload/").status_code == 200


def test_the_caseworkers_caseload_names_only_themselves(client_for, caseworker, colleague, organisation, team):
    case = case_with_children(organisation, team, children=1)
    AssignmentFactory(case=case, user=caseworker)
    AssignmentFactory(case=case, user=colleague)
    response = client_for(caseworker).get("/reports/caseload/")
    assert response.status_code == 200
    assert caseworker.last_name.encode() in response.content
    assert colleague.last_name.encode() not in response.content


def test_another_organisations_figures_never_appear(api_client_for, stranger, organisation, team, other_organisation):
    case_with_children(organisation, team, children=3)
    lead = UserFactory(organisation=other_organisation, roles=[Role.ORG_ADMIN])
    response = api_client_for(lead).get("/api/v1/reports/teams")
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert rows[-1] == {"team": "Total", "cases": 0, "children": 0, "plans": 0, "overdue": 0, "overdue_children": 0,
                        "long_overdue": 0}
    assert "ASD Nord" not in {row["team"] for row in rows}
    assert api_client_for(stranger).get("/api/v1/reports/teams").status_code == 403


def test_the_menu_offers_reports_to_those_who_may_see_one(client_for, caseworker, organisation):
    assert b'href="/reports/"' in client_for(caseworker).get("/").content
    nobody = UserFactory(organisation=organisation)
    assert b'href="/reports/"' not in client_for(nobody).get("/").content


def test_a_consultant_sees_their_own_caseload_too(consultant):
    seen = viewer(consultant)
    assert seen.reach == Reach.OWN_CASELOAD
    assert reports_for(consultant) == [caseload]
