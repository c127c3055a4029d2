"""The reports ask to read from the replica (where one is configured, safehold/core/db_router.py): the page, its
CSV and both API answers. The mark sits below the login and the API's authentication: the session, the user and
the token are read from the primary, so that a revoked one never passes on a replica that lags."""

from __future__ import annotations

import pytest

from safehold.api.routers import reports as api_reports
from safehold.core.db_router import replica_marked
from safehold.reports import services, views

pytestmark = pytest.mark.django_db


@pytest.fixture
def marks(monkeypatch):
    """Whether the reads were marked for the replica, each time a report was computed."""
    seen: list[bool] = []

    def report_show(**kwargs):
        seen.append(replica_marked())
        return services.report_show(**kwargs)

    monkeypatch.setattr(views, "report_show", report_show)
    monkeypatch.setattr(api_reports, "report_show", report_show)
    return seen


@pytest.mark.parametrize("query", ["", "?format=csv"])
def test_a_report_page_and_its_csv_read_from_the_replica(client_for, team_lead, marks, query):
    assert client_for(team_lead).get(f"/reports/caseload/{query}").status_code == 200
    assert marks == [True]
    assert replica_marked() is False


@pytest.mark.parametrize("suffix", ["", ".csv"])
def test_a_report_through_the_api_reads_from_the_replica(api_client_for, team_lead, marks, suffix):
    assert api_client_for(team_lead).get(f"/api/v1/reports/caseload{suffix}").status_code == 200
    assert marks == [True]
