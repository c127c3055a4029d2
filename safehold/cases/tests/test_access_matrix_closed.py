"""The access matrix on a closed case: every way to change it answers 4xx, never 5xx, and changes nothing.

A closed case is read-only in the access policy: whoever could change it may only reopen it. So every case URL,
page and API alike, is sent every method that changes things (POST, PATCH, PUT, DELETE) by the caseworker
assigned to the case, and answers 403 saying why (the case is closed) or 405 (no such method there).
"""

from __future__ import annotations

import pytest

from safehold.cases.models import Case
from safehold.cases.services import case_transition
from safehold.cases.tests.access_matrix import (
    CASE_ROUTES,
    World,
    body_for,
    build_world,
    content_of,
    one_per_path,
    send,
    snapshot,
)

pytestmark = pytest.mark.django_db

CLOSED = "This case is closed. Reopen it to change it."
WRITES = ("post", "patch", "put", "delete")
# What a closed case allows: reopening it.
REOPEN = {"cases:reopen", "api-v1:reopen_case"}
# Who works on a case is not its content: on a closed case the team lead still assigns, and the caseworker never
# could (403 for the role, not for the closing).
ASSIGNMENTS = {"cases:assignments", "cases:assignment_remove"}


@pytest.fixture(scope="module")
def world(build_once) -> World:
    with build_once():
        return build_world()


@pytest.fixture
def closed(world) -> Case:
    """The world's case, closed for this test (the closing is rolled back with the test)."""
    case = Case.objects.get(pk=world.case.pk)
    return case_transition(actor=world.caseworker, case=case, to_status="closed", outcome="stayed_home")


def _client(world: World, route, client_for, api_client_for):
    return api_client_for(world.caseworker) if route.is_api else client_for(world.caseworker)


@pytest.mark.parametrize("route", [r for r in one_per_path(CASE_ROUTES) if r.name not in REOPEN],
                         ids=lambda r: r.name)
def test_no_case_url_changes_a_closed_case(route, world, closed, client_for, api_client_for):
    client = _client(world, route, client_for, api_client_for)
    before = snapshot()
    for method in WRITES:
        response = send(client, route, world.values, method)
        where = f"{method.upper()} {route.url(world.values)}"
        assert response.status_code in (403, 405), f"{where} answered {response.status_code} on a closed case"
        if response.status_code == 403 and route.name not in ASSIGNMENTS:
            assert CLOSED in content_of(response).decode(), f"{where} does not say that the case is closed"
    assert snapshot() == before, f"{route.url(world.values)} changed a closed case"


@pytest.mark.parametrize("route", [r for r in CASE_ROUTES if r.name in REOPEN], ids=lambda r: r.name)
def test_a_closed_case_is_reopened_on_both_channels(route, world, closed, client_for, api_client_for):
    client = _client(world, route, client_for, api_client_for)
    if route.is_api:
        response = send(client, route, world.values, "post")
    else:
        response = client.post(route.url(world.values), body_for(route, "post", world.values))
    assert response.status_code in (200, 302)
    closed.refresh_from_db()
    assert not closed.is_closed
