"""Fixtures every test suite shares: one organisation with a user in each role, and a stranger.

Like healthchecks' alice / bob / charlie: the same cast everywhere, so tests read as stories.
- caseworker (assigned to `case`), consultant (assigned), team_lead (leads the case's team)
- colleague: a caseworker of the same organisation *not* assigned to `case`
- org_admin and auditor of the same organisation
- stranger: a caseworker of another organisation
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connections, transaction
from django.test import Client, override_settings
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _language_of_the_test_alone():
    """Each test starts in the default language and leaves it so: a request the test client sends runs in the
    test's thread, and the API's authentication turns on the user's language (api/auth.py), which would
    otherwise carry into the next test's service calls."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_cached_pages_from_another_test():
    """Each test starts with empty caches: on SQLite a rolled-back test's ids come back in the next test, and a
    case page kept for "case 1, change 5, user 1" must not answer a different case 1."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


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


@pytest.fixture(scope="module")
def build_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """For data a test module builds once instead of once per test, in a module-scoped fixture of its own:

        @pytest.fixture(scope="module")
        def seeded(build_once):
            with build_once():
                call_command("seed_demo", stdout=io.StringIO())

    The data lives in one transaction, rolled back after the module's last test. The tests ask for the
    database as usual (`db` or `pytestmark = pytest.mark.django_db`): each runs in its own transaction inside
    that one (a savepoint), so what a test changes is gone before the next one. Files go to a private media
    root of the module's own. Works on SQLite and PostgreSQL and under xdist (each worker builds the data of
    the modules it runs)."""
    media = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private-media"))
    media.enable()
    with django_db_blocker.unblock():
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
    try:
        yield django_db_blocker.unblock
    finally:
        with django_db_blocker.unblock():
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
        media.disable()
