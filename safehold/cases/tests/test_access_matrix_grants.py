"""A newly granted role walks the matrix twice: before its confirmation it opens nothing (every case URL answers
as to a stranger), after it the user is answered what the team lead's column of EXPECTED says.

An organisation admin grants Nina team lead of the world's team; a second admin confirms it (four eyes:
safehold/organisation/grants.py)."""

from __future__ import annotations

import pytest

from safehold.accounts.models import Role
from safehold.cases.tests.access_matrix import CASE_ROUTES, DENIED, EXPECTED, World, build_world, content_of, send
from safehold.organisation import grants
from safehold.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(build_once) -> World:
    with build_once():
        return build_world()


@pytest.fixture
def granted(world):
    """Nina, granted team lead of the case's team by olga, not yet confirmed; and a second admin."""
    nina = UserFactory(username="nina", organisation=world.case.organisation)
    grant = grants.grant_request(actor=world.org_admin, user=nina, role=Role.TEAM_LEAD, team=world.case.team)
    second_admin = UserFactory(username="otto", organisation=world.case.organisation, roles=[Role.ORG_ADMIN])
    return nina, grant, second_admin


# Documents and pictures (PDF, PNG, SVG exports) take seconds each to render; once confirmed, the grant is an
# ordinary team-lead membership, whose answers on them test_access_matrix.py checks already. Before the
# confirmation every route is walked: a document must not open either.
DOCUMENT_SUFFIXES = ("pdf", "png", "svg")


def _walk(user, world, client_for, api_client_for, documents: bool = True) -> dict[str, int]:
    got = {}
    for route in CASE_ROUTES:
        if not documents and route.name.endswith(DOCUMENT_SUFFIXES):
            continue
        client = api_client_for(user) if route.is_api else client_for(user)
        response = send(client, route, world.values)
        got[route.name] = response.status_code
        if response.status_code in DENIED:
            assert world.case.family_name.encode() not in content_of(response)
    return got


def test_a_granted_role_opens_nothing_before_and_what_a_team_lead_gets_after_its_confirmation(
        world, granted, client_for, api_client_for):
    nina, grant, second_admin = granted
    before = _walk(nina, world, client_for, api_client_for)
    opened = {name: status for name, status in before.items() if status not in DENIED}
    assert not opened, f"a role waiting for confirmation opened {opened}"

    grants.grant_confirm(actor=second_admin, grant=grant)
    after = _walk(nina, world, client_for, api_client_for, documents=False)
    expected = {name: EXPECTED[name][2] for name in after}  # the team lead's column
    assert after == expected
