"""The case list costs the same number of queries however many cases it shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safehold.accounts.models import Role
from safehold.cases.models import CaseAssignment
from safehold.testing.factories import (
    AssignmentFactory,
    CaseFactory,
    LegalBasisFactory,
    PersonFactory,
    UserFactory,
)

# Token, last-used stamp, memberships, audit row, cases, their workers, their children, the count.
LIST_QUERIES = 9  # with the list audit's chain head (audit/chain.py)


@pytest.fixture
def add_cases(caseworker, organisation, team):
    """add_cases(n): n more cases of alice's, each with everything the list shows."""
    basis = LegalBasisFactory(organisation=organisation)

    def add(count: int) -> None:
        for _ in range(count):
            case = CaseFactory(organisation=organisation, team=team, legal_basis=basis)
            AssignmentFactory(case=case, user=caseworker)
            consultant = UserFactory(organisation=organisation, roles=[Role.CONSULTANT])
            AssignmentFactory(case=case, user=consultant, role=CaseAssignment.Role.CONSULTANT)
            PersonFactory(case=case, role="child")
            PersonFactory(case=case, role="parent")

    return add


@pytest.mark.parametrize("count", [3, 30])
def test_the_case_list_runs_a_fixed_number_of_queries(
    caseworker, add_cases, api_client_for, django_assert_max_num_queries, count,
):
    add_cases(count)
    client = api_client_for(caseworker)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/api/v1/cases", {"limit": 100})

    assert response.status_code == 200
    items = response.json()["items"]
    assert response.json()["count"] == len(items) == count
    assert all(len(item["workers"]) == 2 and item["team"] and item["legal_basis"] for item in items)


def test_thirty_cases_cost_exactly_as_many_queries_as_three(caseworker, add_cases, api_client_for):
    def queries_to_list_them_all() -> int:
        client = api_client_for(caseworker)  # a fresh token, so both calls stamp last_used_at
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/cases", {"limit": 100})
        assert response.status_code == 200
        return len(queries)

    add_cases(3)
    few = queries_to_list_them_all()
    add_cases(27)
    many = queries_to_list_them_all()

    assert many == few
