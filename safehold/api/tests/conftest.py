"""Fixtures of the API suite, on top of the shared cast in the root conftest.py."""

from __future__ import annotations

import pytest
from django.test import Client

from safehold.accounts.models import Role
from safehold.testing.factories import TeamFactory, UserFactory


@pytest.fixture
def other_team_lead(organisation):
    """A team lead of the same organisation who leads another team than the case's."""
    other_team = TeamFactory(organisation=organisation, name="ASD Süd")
    return UserFactory(username="tina", organisation=organisation, roles=[(Role.TEAM_LEAD, other_team)])


@pytest.fixture
def anonymous() -> Client:
    """A client that sends no token."""
    return Client()
