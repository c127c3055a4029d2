"""The organisation admin decides whether a team lead decides on screenings too (screening app)."""

from safehold.audit.models import AuditEvent


def test_the_admin_asks_for_the_team_lead_s_decision_and_it_is_audited(org_admin, organisation, client_for):
    client = client_for(org_admin)
    assert 'name="screening_needs_team_lead"' in client.get("/organisation/teams/").content.decode()
    response = client.post("/organisation/teams/screening/", {"screening_needs_team_lead": "on"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.screening_needs_team_lead
    assert AuditEvent.objects.filter(action="update", changed_fields=["screening_needs_team_lead"]).count() == 1
    assert " checked" in client.get("/organisation/teams/").content.decode()
    client.post("/organisation/teams/screening/", {})
    organisation.refresh_from_db()
    assert not organisation.screening_needs_team_lead


def test_only_the_admin_sets_it(caseworker, team_lead, organisation, client_for):
    for user in (caseworker, team_lead):
        assert client_for(user).post("/organisation/teams/screening/",
                                     {"screening_needs_team_lead": "on"}).status_code == 403
    organisation.refresh_from_db()
    assert not organisation.screening_needs_team_lead


def test_it_requires_login_and_a_post(client, org_admin, client_for):
    assert client.post("/organisation/teams/screening/").status_code == 302
    assert client_for(org_admin).get("/organisation/teams/screening/").status_code == 405
