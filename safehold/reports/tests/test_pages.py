"""The report pages: the index, each report's page with its filter, chart, table and CSV, audited."""

from __future__ import annotations

from datetime import date

import pytest

from safehold.audit.models import AuditEvent
from safehold.reports.registry import REPORTS
from safehold.reports.tests.data import case_with_children, plan
from safehold.testing.factories import MapFactory

pytestmark = pytest.mark.django_db

URLS = [f"/reports/{r.SLUG}/" for r in REPORTS]


def test_the_index_lists_every_report_for_a_team_lead(client_for, team_lead):
    response = client_for(team_lead).get("/reports/")
    assert response.status_code == 200
    for url in URLS:
        assert url.encode() in response.content


def test_the_index_lists_only_the_caseload_for_a_caseworker(client_for, caseworker):
    response = client_for(caseworker).get("/reports/")
    assert response.status_code == 200
    assert b"/reports/caseload/" in response.content
    assert b"/reports/fidelity/" not in response.content


@pytest.mark.parametrize("url", URLS)
def test_each_report_page_shows_a_chart_and_a_table(client_for, team_lead, case, child, url):
    response = client_for(team_lead).get(url)
    assert response.status_code == 200
    assert b"<svg" in response.content and b"<title id=" in response.content and b"<desc id=" in response.content
    assert b"<table" in response.content
    assert case.family_name.encode() not in response.content
    assert child.first_name.encode() not in response.content


@pytest.mark.parametrize("url", URLS)
def test_each_report_downloads_as_csv_and_the_export_is_audited(client_for, org_admin, url):
    response = client_for(org_admin).get(url + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    event = AuditEvent.objects.get(actor=org_admin)
    assert event.action == "export" and event.object_type.startswith("reports.")


def test_a_period_that_ends_before_it_starts_is_refused_next_to_its_field(client_for, team_lead):
    response = client_for(team_lead).get("/reports/time-to-plan/?from=2026-06-01&to=2026-01-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_to_error"' in page and "The period must not end before it starts." in page
    assert "<svg" not in page
    assert not AuditEvent.objects.filter(actor=team_lead).exists()  # nothing was shown


def test_a_date_that_is_no_date_is_refused_next_to_its_field(client_for, team_lead):
    response = client_for(team_lead).get("/reports/fidelity/?from=2026-13-45")
    assert response.status_code == 400
    assert 'id="id_from_error"' in response.content.decode()


def test_a_csv_with_a_bad_filter_answers_the_page_with_the_message(client_for, org_admin):
    response = client_for(org_admin).get("/reports/fidelity/?from=2026-06-01&to=2026-01-01&format=csv")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_the_page_and_the_csv_show_exact_counts_in_the_working_view_and_under_five_for_publication(
        client_for, team_lead, organisation, team):
    for _n in range(4):
        case_with_children(organisation, team, children=1)
    case_with_children(organisation, team, children=5)
    client = client_for(team_lead)
    working = client.get("/reports/teams/?format=csv").getvalue().decode().splitlines()
    assert working[0].startswith("Team,Open cases,Children in open cases")
    assert working[1].startswith("ASD Nord,5,9,0,0,0,0")
    published = client.get("/reports/teams/?format=csv&publication=on").getvalue().decode().splitlines()
    assert published[1].startswith("ASD Nord,5,9,< 5,< 5,< 5,< 5")
    page = client.get("/reports/teams/?publication=on").content.decode()
    assert "&lt; 5" in page
    assert "&lt; 5" not in client.get("/reports/teams/").content.decode().split("<table")[1]


def test_the_csv_is_named_after_the_report_and_the_period(client_for, team_lead):
    response = client_for(team_lead).get("/reports/time-to-plan/?from=2026-01-01&to=2026-06-30&format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="time-to-plan-2026-01-01-2026-06-30.csv"'


@pytest.mark.parametrize("url", ["/reports/caseload/?format=csv", "/api/v1/reports/caseload.csv"])
def test_the_csv_is_written_while_it_is_sent_as_a_download_nobody_keeps(url, client_for, api_client_for, team_lead):
    client = api_client_for(team_lead) if url.startswith("/api/") else client_for(team_lead)
    response = client.get(url)
    assert response.streaming  # no worker holds a whole export (issue 18)
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "no-store"
    assert response.getvalue().decode().splitlines()[0].startswith("Worker,")


def test_viewing_a_report_is_audited_with_the_team_and_no_case(client_for, org_admin, team):
    client_for(org_admin).get(f"/reports/fidelity/?team={team.pk}")
    event = AuditEvent.objects.get(actor=org_admin)
    assert (event.action, event.object_type, event.object_id) == ("view", "reports.fidelity", str(team.pk))
    assert event.case_id is None and event.case_reference == ""
    assert event.organisation_id == org_admin.organisation_id


def _grow(organisation, team, n):
    for _n in range(n):
        case = case_with_children(organisation, team, children=2, opened_on=date(2026, 1, 1))
        plan(case, activated_on=date(2026, 2, 1), next_review_on=date(2026, 2, 15))
        MapFactory(case=case, drawn_on=date(2026, 1, 5))
        MapFactory(case=case, drawn_on=date(2026, 3, 5))


@pytest.mark.parametrize("url", URLS)
def test_a_report_page_takes_a_fixed_number_of_queries_however_many_cases(url, client_for, org_admin,
                                                                          organisation, team,
                                                                          django_assert_max_num_queries):
    client = client_for(org_admin)
    query = "?from=2026-01-01&to=2026-06-30"
    _grow(organisation, team, 2)
    client.get(url + query)  # sessions and the like settle
    with django_assert_max_num_queries(14):  # with the list audit's chain head (audit/chain.py)
        assert client.get(url + query).status_code == 200
    _grow(organisation, team, 12)
    with django_assert_max_num_queries(14):  # with the list audit's chain head (audit/chain.py)
        assert client.get(url + query).status_code == 200


def test_for_publication_the_chart_draws_no_bar_for_a_small_count(client_for, team_lead, organisation, team):
    case_with_children(organisation, team, children=1)
    client = client_for(team_lead)
    working = client.get("/reports/teams/").content.decode().split("</svg>")[0]
    published = client.get("/reports/teams/?publication=on").content.decode().split("</svg>")[0]
    assert 'fill="#0b5394"/><text' in working  # the bar of the one open case
    assert "<rect x=\"230\"" not in published and "&lt; 5</text>" in published
