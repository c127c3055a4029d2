"""The organisation admin adds teams."""

from safehold.accounts.models import Team


def test_teams_are_created_once_per_name(org_admin, team, client_for):
    client = client_for(org_admin)
    assert client.post("/organisation/teams/", {"name": "ASD Süd"}).status_code == 302
    response = client.post("/organisation/teams/", {"name": team.name})
    assert "name" in response.context["form"].errors
    assert Team.objects.filter(organisation=org_admin.organisation).count() == 2
