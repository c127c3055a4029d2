"""Fixtures every test suite shares: one organisation with a user in each role, and a stranger.

Like healthchecks' alice / bob / charlie: the same cast everywhere, so tests read as stories.
- caseworker (assigned to `case`), consultant (assigned), team_lead (leads the case's team)
- colleague: a caseworker of the same organisation *not* assigned to `case`
- org_admin and auditor of the same organisation
- stranger: a caseworker of another organisation
"""

from __future__ import annotations

import pytest
from django.test import Client

from safehold.accounts.models import Role
from safehold.accounts.services import token_create
from safehold.cases.models import CaseAssignment
from safehold.testing.factories import (
    AssignmentFactory,
    CaseFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Jugendamt Dortmund")


@pytest.fixture
def team(organisation):
    return TeamFactory(organisation=organisation, name="ASD Nord")


@pytest.fixture
def caseworker(organisation, team):
    return UserFactory(username="alice", organisation=organisation, roles=[(Role.CASEWORKER, team)])


@pytest.fixture
def consultant(organisation, team):
    return UserFactory(username="carla", organisation=organisation, roles=[(Role.CONSULTANT, team)])


@pytest.fixture
def team_lead(organisation, team):
    return UserFactory(username="tom", organisation=organisation, roles=[(Role.TEAM_LEAD, team)])


@pytest.fixture
def colleague(organisation, team):
    return UserFactory(username="bob", organisation=organisation, roles=[(Role.CASEWORKER, team)])


@pytest.fixture
def org_admin(organisation):
    return UserFactory(username="olga", organisation=organisation, roles=[Role.ORG_ADMIN])


@pytest.fixture
def auditor(organisation):
    return UserFactory(username="aud", organisation=organisation, roles=[Role.AUDITOR])


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Roskilde Kommune", country="DK")


@pytest.fixture
def stranger(other_organisation):
    other_team = TeamFactory(organisation=other_organisation)
    return UserFactory(username="sam", organisation=other_organisation, roles=[(Role.CASEWORKER, other_team)])


@pytest.fixture
def case(organisation, team, caseworker, consultant):
    case = CaseFactory(organisation=organisation, team=team, reference="JA-2026-0001", family_name="Sørensen")
    AssignmentFactory(case=case, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    AssignmentFactory(case=case, user=consultant, role=CaseAssignment.Role.CONSULTANT)
    return case


@pytest.fixture
def child(case):
    return PersonFactory(case=case, role="child", first_name="Freja", last_name="Sørensen")


@pytest.fixture
def parent(case):
    return PersonFactory(case=case, role="parent", first_name="Camilla", last_name="Sørensen")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    """client_for(user) → a test Client logged in as that user."""
    return login


@pytest.fixture
def api_client_for():
    """api_client_for(user) → a test Client that sends a fresh bearer token of that user."""

    def make(user) -> Client:
        _token, key = token_create(user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {key}"})

    return make


@pytest.fixture
def alice(caseworker, api_client_for) -> Client:
    """The caseworker's API client (alice is the caseworker's user name)."""
    return api_client_for(caseworker)


@pytest.fixture
def closed_case(case, caseworker):
    """`case`, closed by its caseworker (the case's outcome: the child stayed at home)."""
    from safehold.cases.services import case_transition

    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    case.refresh_from_db()
    return case
