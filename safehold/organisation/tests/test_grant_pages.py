"""The pages of the roles waiting for confirmation: the organisation admins' and the team leads'."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safehold.accounts.models import Membership, Role
from safehold.organisation import grants
from safehold.organisation.models import RoleGrant
from safehold.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_admin(organisation):
    return UserFactory(username="otto", organisation=organisation, roles=[Role.ORG_ADMIN])


def _grant(org_admin, team, name="nina") -> RoleGrant:
    user = UserFactory(username=name, organisation=org_admin.organisation)
    grant = grants.grant_request(actor=org_admin, user=user, role=Role.TEAM_LEAD, team=team)
    assert grant is not None
    return grant


def test_the_waiting_roles_are_for_admins_and_team_leads(org_admin, team_lead, caseworker, auditor, stranger,
                                                         client_for):
    for user in (caseworker, auditor, stranger):
        assert client_for(user).get("/organisation/grants/").status_code == 403
    for user in (org_admin, team_lead):
        assert client_for(user).get("/organisation/grants/").status_code == 200


def test_a_team_lead_sees_the_grants_of_their_team_and_decides_them(org_admin, organisation, team_lead, team,
                                                                    client_for):
    ours = _grant(org_admin, team)
    theirs = _grant(org_admin, TeamFactory(organisation=organisation, name="ASD Süd"), name="paul")
    client = client_for(team_lead)
    page = client.get("/organisation/grants/")
    assert [grant.pk for grant, _decides in page.context["rows"]] == [ours.pk]
    assert client.get(f"/organisation/grants/{theirs.pk}/").status_code == 404
    response = client.post(f"/organisation/grants/{ours.pk}/", {"decision": "confirm", "reason": ""})
    assert response.status_code == 302
    assert Membership.objects.filter(user=ours.user, role=Role.TEAM_LEAD, team=team).exists()
    assert client.post(f"/organisation/grants/{theirs.pk}/", {"decision": "confirm"}).status_code == 404


def test_the_granter_sees_the_grant_but_cannot_confirm_it(org_admin, team, client_for):
    grant = _grant(org_admin, team)
    client = client_for(org_admin)
    page = client.get(f"/organisation/grants/{grant.pk}/")
    assert page.status_code == 200 and not page.context["may_decide"] and page.context["may_withdraw"]
    assert b'value="confirm"' not in page.content
    assert client.post(f"/organisation/grants/{grant.pk}/", {"decision": "confirm"}).status_code == 403
    assert not Membership.objects.filter(user=grant.user).exists()


def test_declining_without_a_reason_is_refused_next_to_the_field(org_admin, second_admin, team, client_for):
    grant = _grant(org_admin, team)
    response = client_for(second_admin).post(f"/organisation/grants/{grant.pk}/", {"decision": "decline"})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    response = client_for(second_admin).post(f"/organisation/grants/{grant.pk}/",
                                             {"decision": "decline", "reason": "Wrong e-mail address"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.DECLINED and grant.reason == "Wrong e-mail address"


def test_an_admin_withdraws_a_waiting_grant(org_admin, team, client_for):
    grant = _grant(org_admin, team)
    assert client_for(org_admin).post(f"/organisation/grants/{grant.pk}/",
                                      {"decision": "withdraw"}).status_code == 302
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.WITHDRAWN


def test_the_users_page_says_which_roles_wait(org_admin, team, client_for):
    _grant(org_admin, team)
    page = client_for(org_admin).get("/organisation/users/")
    assert page.context["waiting_count"] == 1
    assert b"/organisation/grants/" in page.content


def test_the_team_lead_learns_of_a_waiting_grant_on_the_start_page(org_admin, team_lead, caseworker, team,
                                                                   client_for):
    assert b"/organisation/grants/" not in client_for(team_lead).get("/").content
    _grant(org_admin, team)
    assert b"/organisation/grants/" in client_for(team_lead).get("/").content
    assert b"/organisation/grants/" not in client_for(caseworker).get("/").content


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_the_pages_render_in_each_language(language, org_admin, second_admin, team, client_for):
    grant = _grant(org_admin, team)
    for user in (org_admin, second_admin):
        user.language = language
        user.save(update_fields=["language"])
    assert client_for(second_admin).get("/organisation/grants/").status_code == 200
    page = client_for(second_admin).get(f"/organisation/grants/{grant.pk}/")
    assert page.status_code == 200 and page["Content-Language"] == language


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/organisation/grants/", "/organisation/users/", "/"])
def test_the_pages_cost_the_same_queries_for_one_grant_or_many(url, org_admin, organisation, team, team_lead,
                                                              second_admin, client_for):
    viewer = team_lead if url == "/" else second_admin
    client = client_for(viewer)
    _grant(org_admin, team, name="first")
    decided = _grant(org_admin, team, name="decided")
    grants.grant_confirm(actor=team_lead, grant=decided)
    one = _queries(client, url)
    for n in range(4):
        other = TeamFactory(organisation=organisation, name=f"Team {n}")
        _grant(org_admin, team if n % 2 else other, name=f"more{n}")
        grants.grant_decline(actor=team_lead, grant=_grant(org_admin, team, name=f"declined{n}"), reason="No")
    assert _queries(client, url) == one
