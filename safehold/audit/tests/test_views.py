from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.context import Origin, origin
from safehold.audit.models import AuditEvent
from safehold.audit.services import audit_record
from safehold.testing.factories import UserFactory


def test_the_team_lead_and_the_auditor_read_the_case_access_log(team_lead, auditor, caseworker, case, client_for):
    client_for(caseworker).get(f"/cases/{case.pk}/")
    for user in (team_lead, auditor):
        response = client_for(user).get(f"/cases/{case.pk}/access-log/")
        assert response.status_code == 200
        assert "alice" in response.content.decode()


def test_the_auditor_sees_the_reference_but_not_the_family_on_the_access_log(auditor, case, client_for):
    page = client_for(auditor).get(f"/cases/{case.pk}/access-log/").content.decode()
    assert case.reference in page
    assert case.family_name not in page


def test_the_caseworker_does_not_read_the_access_log(caseworker, case, client_for):
    assert client_for(caseworker).get(f"/cases/{case.pk}/access-log/").status_code == 403


def test_only_auditors_open_the_whole_trail(auditor, team_lead, org_admin, caseworker, client_for):
    assert client_for(auditor).get("/audit/").status_code == 200
    for user in (team_lead, org_admin, caseworker):
        assert client_for(user).get("/audit/").status_code == 403


def test_the_auditor_filters_the_trail(auditor, caseworker, consultant, case, stranger, client_for):
    audit_record(actor=caseworker, action="view", case=case)
    audit_record(actor=consultant, action="update", case=case, changed_fields=["summary"])
    audit_record(actor=stranger, action="view")  # another organisation: never shown
    old = audit_record(actor=caseworker, action="export", case=case)
    AuditEvent.objects.filter(pk=old.pk)  # dates are set at creation; filter by today's range below
    client = client_for(auditor)

    def rows(**params):
        response = client.get("/audit/", params)
        assert response.status_code == 200
        return response.context["page"].paginator.count

    assert rows() == 3
    assert rows(actor=consultant.pk) == 1
    assert rows(action="view") == 1
    assert rows(case_reference=case.reference) == 3
    today = timezone.localdate()
    assert rows(since=today.isoformat(), until=today.isoformat()) == 3
    assert rows(since=(today + timedelta(days=1)).isoformat()) == 0


def test_a_reversed_date_range_is_explained_next_to_the_field(auditor, client_for):
    response = client_for(auditor).get("/audit/", {"since": "2026-05-02", "until": "2026-05-01"})
    assert "until" in response.context["form"].errors


def test_the_auditor_downloads_the_filtered_trail_as_csv_and_the_download_is_recorded(
        auditor, caseworker, case, client_for):
    audit_record(actor=caseworker, action="view", case=case)
    audit_record(actor=caseworker, action="update", case=case, changed_fields=["summary", "family_name"])
    response = client_for(auditor).get("/audit/export.csv", {"action": "update"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("at,user,action,case_reference")
    assert len(lines) == 2 and ",update," in lines[1] and "family_name summary" in lines[1]
    assert AuditEvent.objects.filter(actor=auditor, action="export", object_type="audit.trail").exists()


def test_csv_cells_cannot_smuggle_spreadsheet_formulas(auditor, organisation, client_for):
    from safehold.testing.factories import UserFactory

    evil = UserFactory(username="=HYPERLINK(1)", organisation=organisation)
    audit_record(actor=evil, action="login")
    content = b"".join(client_for(auditor).get("/audit/export.csv").streaming_content).decode()
    assert "'=HYPERLINK(1)" in content


def test_only_auditors_download_the_trail(team_lead, caseworker, client_for):
    for user in (team_lead, caseworker):
        assert client_for(user).get("/audit/export.csv").status_code == 403


def test_the_trail_shows_a_refusal_s_route_and_the_csv_its_detail(auditor, caseworker, client_for):
    audit_record(actor=caseworker, action="refused", detail={"status": 404, "route": "cases/<int:case_id>/",
                                                            "method": "GET", "ids": {"case_id": 7}})
    client = client_for(auditor)
    assert "404 GET /cases/&lt;int:case_id&gt;/" in client.get("/audit/").content.decode()
    content = b"".join(client.get("/audit/export.csv", {"action": "refused"}).streaming_content).decode()
    assert '""case_id"": 7' in content


# --- an invalid filter is an error, never "everything" ------------------------------------------------------

def test_an_invalid_filter_on_the_csv_is_refused_with_400_and_exports_nothing(auditor, caseworker, client_for):
    audit_record(actor=caseworker, action="login")
    audit_record(actor=caseworker, action="view")
    response = client_for(auditor).get("/audit/export.csv", {"since": "abc", "action": "login"})
    assert response.status_code == 400
    assert "From" in response.content.decode()
    assert not AuditEvent.objects.filter(actor=auditor, action="export").exists()


def test_an_invalid_filter_on_the_page_is_explained_next_to_the_field_and_shows_no_records(
        auditor, caseworker, client_for):
    audit_record(actor=caseworker, action="login")
    response = client_for(auditor).get("/audit/", {"since": "abc", "action": "login"})
    assert response.status_code == 400
    assert "since" in response.context["form"].errors
    assert response.context["page"].paginator.count == 0
    assert 'id="id_since_error"' in response.content.decode()


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(since=st.text(max_size=12), action=st.sampled_from(["", "login", "nonsense"]))
def test_whatever_the_filters_the_csv_holds_only_what_they_ask_for_or_is_refused(auditor, caseworker, client_for,
                                                                                since, action):
    audit_record(actor=caseworker, action="view")
    response = client_for(auditor).get("/audit/export.csv", {"since": since, "action": action})
    if response.status_code == 400:
        return
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()[1:]
    if action:
        assert all(f",{action}," in line for line in lines)


# --- refused access by user and address ---------------------------------------------------------------------

def _refusals(caseworker, stranger_in_org, auditor_org_id):
    with origin(Origin(channel="web", client_address="192.0.2.1")):
        audit_record(actor=caseworker, action="refused", detail={"status": 404})
        audit_record(actor=caseworker, action="refused", detail={"suppressed": 40, "limit": 20})
        audit_record(actor=caseworker, action="password_failed")
    with origin(Origin(channel="web", client_address="198.51.100.4")):
        audit_record(actor=caseworker, action="login_failed")
        audit_record(actor=stranger_in_org, action="lockout")
        audit_record(actor=stranger_in_org, action="view")  # no refusal: not counted


def test_the_auditor_sees_refused_access_by_user_and_by_address(auditor, caseworker, colleague, stranger,
                                                                client_for):
    _refusals(caseworker, colleague, auditor.organisation_id)
    audit_record(actor=stranger, action="refused", detail={"status": 404})  # another organisation
    response = client_for(auditor).get("/audit/refused/")
    assert response.status_code == 200
    by_user = {row["key"]: row for row in response.context["by_user"]}
    assert set(by_user) == {"alice", "bob"}
    alice = by_user["alice"]
    assert (alice["refused"], alice["login_failed"], alice["lockouts"], alice["password_failed"], alice["spread"]) == (
        41, 1, 0, 1, 2)
    by_address = {row["key"]: row for row in response.context["by_address"]}
    assert set(by_address) == {"192.0.2.1", "198.51.100.4"}
    assert (by_address["198.51.100.4"]["login_failed"], by_address["198.51.100.4"]["lockouts"],
            by_address["198.51.100.4"]["spread"]) == (1, 1, 2)
    # The other organisation's user (sam) has no row. By the cell, not "sam" anywhere: a generated name of this
    # organisation's users (in the navigation) may hold those letters ("Rosamund").
    assert "<bdi>sam</bdi>" not in response.content.decode()
    assert "<bdi>alice</bdi>" in response.content.decode()


def test_refused_access_is_for_auditors_only(team_lead, org_admin, caseworker, client_for):
    for user in (team_lead, org_admin, caseworker):
        assert client_for(user).get("/audit/refused/").status_code == 403


def test_an_invalid_period_on_refused_access_is_an_error(auditor, caseworker, client_for):
    _refusals(caseworker, caseworker, auditor.organisation_id)
    response = client_for(auditor).get("/audit/refused/", {"since": "2026-13-01"})
    assert response.status_code == 400
    assert response.context["by_user"] == [] and "since" in response.context["form"].errors


def test_refused_access_runs_a_constant_number_of_queries(auditor, organisation, client_for,
                                                         django_assert_max_num_queries):
    client = client_for(auditor)
    client.get("/audit/refused/")  # the session and the user's roles warm up
    with django_assert_max_num_queries(8) as few:
        client.get("/audit/refused/")
    for n in range(30):
        user = UserFactory(organisation=organisation)
        with origin(Origin(channel="web", client_address=f"192.0.2.{n + 1}")):
            audit_record(actor=user, action="refused", detail={"status": 404})
            audit_record(actor=user, action="login_failed")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/audit/refused/")
    assert len(response.context["by_user"]) == 30


@pytest.mark.parametrize("language, words", [
    ("de", "Verweigerte Zugriffe und fehlgeschlagene Anmeldungen"), ("da", "Afviste adgange og mislykkede logins"),
    ("en", "Refused access and failed logins")])
def test_refused_access_speaks_the_user_s_language(auditor, client_for, language, words):
    auditor.language = language
    auditor.save(update_fields=["language"])
    assert words in client_for(auditor).get("/audit/refused/").content.decode()
