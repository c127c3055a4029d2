"""The access matrix with the ids of another case: a URL of one case never reaches a thing of another.

The caseworker is assigned to two cases. Each case URL with the ids of things inside the case (a map, a rule, a
drawing…) is asked for with the first case's id and ONE of those ids taken from the second case: the thing is
not of this case, so the answer is 404 (405 where the method does not exist), whatever the user may do on
either case, and nothing of the second case shows or changes.
"""

from __future__ import annotations

import pytest

from safehold.cases.tests.access_matrix import (
    CASE_ROUTES,
    DENIED,
    World,
    build_world,
    content_of,
    one_per_path,
    send,
    snapshot,
)

pytestmark = pytest.mark.django_db

NESTED_ROUTES = [r for r in one_per_path(CASE_ROUTES) if r.nested_ids]
# Only a team lead removes a worker from a case; the caseworker is refused whatever the id.
WALKED_BY_THE_TEAM_LEAD = {"cases:assignment_remove"}


@pytest.fixture(scope="module")
def world(build_once) -> World:
    with build_once():
        return build_world()


def test_the_other_case_is_the_caseworkers_too_and_has_one_of_each_nested_thing(world):
    nested = {name for route in NESTED_ROUTES for name in route.nested_ids}
    assert {"map_id", "plan_id", "drawing_id", "file_id", "person_id"} <= nested
    for name in nested:
        assert world.other_values[name] != world.values[name], name
    assert world.other_case.assignments.filter(user=world.caseworker).exists()


@pytest.mark.parametrize("route", NESTED_ROUTES, ids=lambda r: r.name)
def test_a_nested_id_of_another_case_is_404(route, world, client_for, api_client_for):
    user = world.team_lead if route.name in WALKED_BY_THE_TEAM_LEAD else world.caseworker
    client = api_client_for(user) if route.is_api else client_for(user)
    before = snapshot()
    for name in route.nested_ids:
        values = {**world.values, name: world.other_values[name]}
        for method in ("get", "post"):
            response = send(client, route, values, method)
            where = f"{method.upper()} {route.url(values)} ({name} of the other case)"
            assert response.status_code in DENIED, f"{where} answered {response.status_code}"
            content = content_of(response)
            for marker in world.other_markers:
                assert marker.encode() not in content, f"{where} shows {marker!r}"
    assert snapshot() == before, f"{route.template} changed something with an id of another case"
