"""The reports read from a real streaming replica, and from the primary when the replica does not answer.

Run by .ci/replica, which starts a primary and a replica of its own, migrates a throwaway database on the primary
and sets DATABASE_URL and DATABASE_REPLICA_URL; skipped without DATABASE_REPLICA_URL.

These tests use the databases the two URLs name, not test databases. pytest-django would create "test_<name>" on
the primary and keep each test in a transaction: the replica never sees a row that is not committed, and for a
test database the settings make the replica alias a mirror of the primary (TEST MIRROR, config/env.py), so nothing
would be read from the real replica. So no test here asks for `db`: a module fixture lifts pytest-django's block on
the database, and what the tests write is committed and stays (the script removes the whole cluster afterwards).
Never point these URLs at a database you want to keep.
"""

from __future__ import annotations

import logging
import os
import socket
import time

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from safehold.accounts.models import Role, Team, User
from safehold.accounts.services import token_create
from safehold.audit.models import AuditEvent
from safehold.cases.models import CaseAssignment
from safehold.core import db_router
from safehold.reports.registry import REPORTS
from safehold.testing.factories import AssignmentFactory, CaseFactory, OrganisationFactory, TeamFactory, UserFactory

pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(not os.environ.get("DATABASE_REPLICA_URL"), reason="needs a replica (.ci/replica)"),
]

REPLICATION_WAIT_SECONDS = 10


def on_replica(model: type, pk: int) -> bool:
    """Waits until the replica has the row (it streams within a second on one machine)."""
    deadline = time.monotonic() + REPLICATION_WAIT_SECONDS
    while not model.objects.using("replica").filter(pk=pk).exists():  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def in_sql(table: str, queries: CaptureQueriesContext) -> bool:
    return any(f'"{table}"' in query["sql"] for query in queries.captured_queries)


@pytest.fixture(scope="module")
def live(django_db_blocker):
    with django_db_blocker.unblock():
        yield
        for connection in connections.all():
            connection.close()


@pytest.fixture(autouse=True)
def _replica_checked_afresh(monkeypatch):
    monkeypatch.setattr(db_router, "_checked", None)


@pytest.fixture(scope="module")
def team_lead(live) -> User:
    """A team lead, and a worker of the team with an open case, written on the primary and streamed."""
    organisation = OrganisationFactory(name="Jugendamt Replica")
    team = TeamFactory(organisation=organisation, name="ASD Replica")
    lead = UserFactory(organisation=organisation, roles=[(Role.TEAM_LEAD, team)])
    worker = UserFactory(organisation=organisation, first_name="Rita", last_name="Replica",
                         roles=[(Role.CASEWORKER, team)])
    case = CaseFactory(organisation=organisation, team=team)
    assignment = AssignmentFactory(case=case, user=worker, role=CaseAssignment.Role.CASEWORKER)
    assert on_replica(CaseAssignment, assignment.pk)
    return lead


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_replica_is_a_standby_of_the_primary(live):
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is False


def test_a_row_written_on_the_primary_reaches_the_replica(team_lead):
    team = TeamFactory(organisation=team_lead.organisation, name="ASD Süd")
    assert on_replica(Team, team.pk)


@pytest.mark.parametrize("slug", [report.SLUG for report in REPORTS])
def test_every_report_page_reads_from_the_replica_and_is_audited_on_the_primary(team_lead, slug):
    client = Client()
    client.force_login(team_lead)
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(f"/reports/{slug}/")
    assert response.status_code == 200
    assert in_sql("cases_case", replica) and not in_sql("cases_case", primary)
    assert in_sql("django_session", primary) and not in_sql("django_session", replica)
    assert AuditEvent.objects.filter(actor=team_lead, object_type=f"reports.{slug}", action="view").exists()


def test_a_report_through_the_api_reads_from_the_replica(team_lead):
    _token, key = token_create(user=team_lead, name="replica")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections["default"]) as primary:
        response = client.get("/api/v1/reports/caseload.csv")
    assert response.status_code == 200
    assert "Rita Replica" in response.getvalue().decode()
    assert in_sql("cases_case", replica) and not in_sql("cases_case", primary)
    assert AuditEvent.objects.filter(actor=team_lead, object_type="reports.caseload", action="export").exists()


def test_a_replica_that_does_not_answer_leaves_the_report_to_the_primary(team_lead, closed_port, monkeypatch,
                                                                         caplog):
    replica = connections["replica"]
    replica.close()
    monkeypatch.setitem(replica.settings_dict, "PORT", closed_port)
    client = Client()
    client.force_login(team_lead)
    try:
        with caplog.at_level(logging.WARNING, logger="safehold.core.db_router"), \
                CaptureQueriesContext(connections["default"]) as primary:
            response = client.get("/reports/caseload/")
    finally:
        replica.close()
    assert response.status_code == 200
    assert "Rita Replica" in response.content.decode()
    assert in_sql("cases_case", primary)
    assert "does not answer: reading from the primary" in caplog.text
