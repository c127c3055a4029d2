"""Every case has a team, so that its team lead sees it: the opener's own by default, a choice when they work in
several, a clear refusal when they are in none (pages, API and the service alike)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safehold.accounts.models import Membership, Role
from safehold.cases import services
from safehold.cases.access import Perm, access_case
from safehold.cases.models import Case
from safehold.testing.factories import CaseFactory, TeamFactory, UserFactory

FORM = {"reference": "JA-7", "family_name": "Becker", "language": "de", "opened_on": "2026-01-05"}
NEW = {"reference": "JA-7", "family_name": "Becker"}


@pytest.fixture
def two_teams_worker(organisation, team):
    south = TeamFactory(organisation=organisation, name="ASD Süd")
    return UserFactory(username="carla", organisation=organisation,
                       roles=[(Role.CASEWORKER, team), (Role.CASEWORKER, south)])


@pytest.fixture
def teamless_worker(organisation, team):
    return UserFactory(username="nina", organisation=organisation, roles=[(Role.CASEWORKER, None)])


def test_a_case_opened_without_naming_a_team_goes_to_the_opener_s_team_whose_lead_sees_it(caseworker, team,
                                                                                           team_lead):
    case = services.case_create(actor=caseworker, **NEW)

    assert case.team == team
    assert access_case(team_lead, case.pk, Perm.APPROVE)[0] == case


def test_an_opener_in_several_teams_must_choose_one(two_teams_worker):
    with pytest.raises(ValidationError) as refused:
        services.case_create(actor=two_teams_worker, **NEW)

    assert refused.value.message_dict == {"team": ["Choose the team that works on this case: its team lead sees it."]}
    assert not Case.objects.exists()


def test_an_opener_in_no_team_is_told_why_and_what_to_do(teamless_worker):
    with pytest.raises(ValidationError) as refused:
        services.case_create(actor=teamless_worker, **NEW)

    [message] = refused.value.message_dict["team"]
    assert message.startswith("You belong to no team")
    assert "administrator" in message


def test_an_opener_in_no_team_may_still_open_a_case_for_a_team_they_name(teamless_worker, team):
    assert services.case_create(actor=teamless_worker, team=team.pk, **NEW).team == team


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.CONSULTANT])
def test_a_team_the_opener_belongs_to_in_another_role_is_not_one_they_open_cases_for(role, caseworker, team,
                                                                                     organisation):
    south = TeamFactory(organisation=organisation, name="ASD Süd")
    Membership.objects.create(user=caseworker, role=role, team=south)  # as the Django admin could

    assert services.case_create(actor=caseworker, **NEW).team == team


def test_the_team_lead_cannot_take_the_team_off_a_case(team_lead, case):
    with pytest.raises(ValidationError) as refused:
        services.case_update(actor=team_lead, case=access_case(team_lead, case.pk)[0], expected_version=1, team=None)

    assert set(refused.value.message_dict) == {"team"}


def test_a_case_opened_before_the_rule_without_a_team_can_still_be_edited_by_its_caseworker(
        caseworker, organisation, client_for):
    from safehold.testing.factories import AssignmentFactory

    old = CaseFactory(organisation=organisation, team=None)
    AssignmentFactory(case=old, user=caseworker)

    response = client_for(caseworker).post(f"/cases/{old.pk}/edit/", {
        **FORM, "reference": old.reference, "family_name": "Neu", "version": old.version})

    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.family_name, old.team) == ("Neu", None)


def test_the_form_chooses_the_opener_s_only_team(caseworker, team, client_for):
    form = client_for(caseworker).get("/cases/new/").context["form"]

    assert form["team"].value() == team.pk
    assert form.fields["team"].required


def test_the_form_refuses_to_open_a_case_without_a_team(two_teams_worker, client_for):
    response = client_for(two_teams_worker).post("/cases/new/", FORM)

    assert response.status_code == 400
    assert response.context["form"].errors["team"] == [
        "Choose the team that works on this case: its team lead sees it."]
    assert not Case.objects.exists()


def test_the_form_tells_an_opener_in_no_team_beside_the_field(teamless_worker, client_for):
    response = client_for(teamless_worker).get("/cases/new/")

    assert "You belong to no team" in response.content.decode()


def test_the_form_tells_a_caseworker_that_only_the_team_lead_moves_the_case(caseworker, case, client_for):
    assert "Only the team lead can move" in client_for(caseworker).get(f"/cases/{case.pk}/edit/").content.decode()


def test_the_api_opens_the_case_in_the_opener_s_team(caseworker, team, api_client_for):
    response = api_client_for(caseworker).post("/api/v1/cases", NEW, content_type="application/json")

    assert response.status_code == 201
    assert response.json()["team"] == {"id": team.pk, "name": team.name}


def test_the_api_refuses_a_case_without_a_team_on_its_field(two_teams_worker, teamless_worker, api_client_for):
    for user in (two_teams_worker, teamless_worker):
        response = api_client_for(user).post("/api/v1/cases", NEW, content_type="application/json")

        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"team_id"}


def test_the_api_does_not_take_the_team_off_a_case(team_lead, case, api_client_for):
    response = api_client_for(team_lead).patch(f"/api/v1/cases/{case.pk}", {"version": 1, "team_id": None},
                                               content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"team_id"}

