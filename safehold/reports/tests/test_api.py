"""The reports through the API: JSON and CSV for each report, 400 with field errors for a bad filter, the same
access rule and audit record as the pages."""

from __future__ import annotations

from datetime import date

import pytest

from safehold.audit.models import AuditEvent
from safehold.reports.registry import REPORTS
from safehold.reports.tests.data import case_with_children, plan

pytestmark = pytest.mark.django_db

SLUGS = [r.SLUG for r in REPORTS]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_report_answers_as_json(slug, api_client_for, org_admin):
    response = api_client_for(org_admin).get(f"/api/v1/reports/{slug}?from=2026-01-01&to=2026-06-30")
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == slug and body["publication"] is False and body["team"] is None
    assert [c["key"] for c in body["columns"]] == list(body["rows"][0]) if body["rows"] else True
    event = AuditEvent.objects.get(actor=org_admin, object_type=f"reports.{slug}")
    assert (event.action, event.channel) == ("view", "api")


@pytest.mark.parametrize("slug", SLUGS)
def test_each_report_answers_as_csv_and_the_export_is_audited(slug, api_client_for, team_lead):
    response = api_client_for(team_lead).get(f"/api/v1/reports/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert AuditEvent.objects.get(actor=team_lead, object_type=f"reports.{slug}").action == "export"


def test_the_time_to_plan_figures_come_with_the_period_and_the_team(api_client_for, team_lead, organisation, team):
    case = case_with_children(organisation, team, children=2, opened_on=date(2026, 1, 1))
    plan(case, activated_on=date(2026, 1, 11))
    response = api_client_for(team_lead).get(f"/api/v1/reports/time-to-plan?from=2026-01-01&to=2026-06-30"
                                             f"&team={team.pk}")
    body = response.json()
    assert body["period"] == {"start": "2026-01-01", "end": "2026-06-30"}
    assert body["team"] == {"id": team.pk, "name": "ASD Nord"}
    assert body["rows"][1] == {"group": "8 to 30 days", "to_plan_cases": 1, "to_plan_children": 2,
                               "in_plan_cases": 0, "in_plan_children": 0}
    assert body["rows"][-1]["to_plan_cases"] == 10
    published = api_client_for(team_lead).get("/api/v1/reports/time-to-plan?from=2026-01-01&to=2026-06-30"
                                              "&publication=true").json()
    assert published["publication"] is True
    assert published["rows"][1]["to_plan_cases"] == "< 5"


def test_the_csv_holds_the_table(api_client_for, team_lead, organisation, team):
    case = case_with_children(organisation, team, children=2, opened_on=date(2026, 1, 1))
    plan(case, activated_on=date(2026, 1, 11))
    lines = api_client_for(team_lead).get(
        "/api/v1/reports/time-to-plan.csv?from=2026-01-01&to=2026-06-30").getvalue().decode().splitlines()
    assert lines[0] == ("Days,Referral to plan: cases,Referral to plan: children,Time in plan: cases,"
                        "Time in plan: children")
    assert lines[2] == "8 to 30 days,1,2,0,0"
    assert lines[-1] == "\"Median, in days (per case)\",10.0,,,"


@pytest.mark.parametrize(("query", "errors"), [
    ("from=2026-06-01&to=2026-01-01", {"to": ["The period must not end before it starts."]}),
    ("from=yesterday", {"from": ["Enter a valid date."]}),
    ("team=999999", {"team": ["Choose one of the teams offered."]}),
    ("team=abc", {"team": ["Choose one of the teams offered."]}),
])
def test_a_bad_filter_answers_400_with_the_field_errors(query, errors, api_client_for, org_admin):
    for url in (f"/api/v1/reports/fidelity?{query}", f"/api/v1/reports/fidelity.csv?{query}"):
        response = api_client_for(org_admin).get(url)
        assert response.status_code == 400
        assert response.json()["errors"] == errors
    assert not AuditEvent.objects.filter(actor=org_admin, object_type__startswith="reports.").exists()


def test_a_report_needs_a_token(client):
    assert client.get("/api/v1/reports/fidelity").status_code == 401
