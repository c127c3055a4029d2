"""Walk every URL of the application as every kind of user and check what each is answered.

URL patterns are discovered from the URL configuration (access_matrix.py), so a new view is tested the moment
it exists:
- a case-scoped URL (one with <case_id>) must answer 404 to users of another organisation, to colleagues
  not on the case and to organisation admins, whatever the method; it must be listed in EXPECTED with
  what the assigned users get, or this test fails and asks for it;
- every other URL must require login, unless it is listed in PUBLIC.
The same walk on a closed case and with the ids of another case: test_access_matrix_closed.py and
test_access_matrix_nested.py.
"""

from __future__ import annotations

import pytest

from safehold.audit.models import AuditEvent
from safehold.cases.models import Person
from safehold.cases.tests.access_matrix import (
    ALL_ROUTES,
    CASE_ROUTES,
    DENIED,
    EXPECTED,
    OTHER_ROUTES,
    PUBLIC,
    World,
    build_world,
    content_of,
    send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(build_once) -> World:
    with build_once():
        return build_world()


def test_the_walk_finds_the_case_urls():
    names = {r.name for r in CASE_ROUTES}
    assert {"cases:detail", "cases:person_edit", "api-v1:get_case", "api-v1:get_person"} <= names


def test_every_case_url_is_in_the_expected_table():
    missing = sorted({r.name for r in CASE_ROUTES} - set(EXPECTED))
    assert not missing, f"new case-scoped URLs; add what each role gets to EXPECTED: {missing}"


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
def test_case_urls_answer_assigned_users_as_expected(route, world, client_for, api_client_for):
    got = []
    for user in (world.caseworker, world.consultant, world.team_lead, world.auditor):
        reads = AuditEvent.objects.filter(actor=user, action__in=["view", "export"], case_id=world.case.pk)
        before = reads.count()
        client = api_client_for(user) if route.is_api else client_for(user)
        response = send(client, route, world.values)
        got.append(response.status_code)
        if response.status_code == 200:
            # Every read (or download) of a case's data leaves its trace in the audit trail.
            after = reads.count()
            assert after == before + 1, f"{route.name} read by {user.username} was not audited"
    assert tuple(got) == EXPECTED[route.name]


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_case_urls_answer_404_to_everyone_else(route, method, world, client_for, api_client_for):
    people_before = Person.objects.filter(case=world.case).count()
    for user in (world.colleague, world.org_admin, world.stranger):
        client = api_client_for(user) if route.is_api else client_for(user)
        response = send(client, route, world.values, method)
        assert response.status_code in DENIED, f"{user.username} {method.upper()} {route.url(world.values)}"
        assert world.case.family_name.encode() not in response.content  # nothing of the case leaks
    assert Person.objects.filter(case=world.case).count() == people_before


@pytest.mark.parametrize("route", CASE_ROUTES, ids=lambda r: r.name)
def test_a_case_of_another_organisation_is_404_even_for_its_own_kind_of_role(route, world, client_for,
                                                                             api_client_for):
    # The stranger is a caseworker too: the role alone never opens a case.
    client = api_client_for(world.stranger) if route.is_api else client_for(world.stranger)
    assert send(client, route, world.values).status_code in DENIED


@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda r: r.name or r.template)
def test_everything_but_the_public_pages_needs_a_login(route, world, client):
    if route.name in PUBLIC:
        return
    response = client.get(route.url(world.values))
    if route.is_api:
        assert response.status_code in (401, 405), route.template
    else:
        assert response.status_code in (302, 405), route.template
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


def test_the_public_list_names_only_existing_urls():
    assert {r.name for r in ALL_ROUTES} >= PUBLIC


@pytest.mark.parametrize("route", [r for r in OTHER_ROUTES if r.name not in PUBLIC], ids=lambda r: r.name)
def test_no_other_page_shows_case_content_to_those_who_may_not_see_it(route, world, client_for, api_client_for):
    # A new list, report or export page must not show a family's or child's name to the wrong people.
    for user in (world.colleague, world.org_admin, world.auditor, world.stranger):
        client = api_client_for(user) if route.is_api else client_for(user)
        content = content_of(send(client, route, world.values))
        for marker in world.markers:
            assert marker.encode() not in content, f"{user.username} sees {marker!r} on {route.template}"
