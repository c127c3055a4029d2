from datetime import timedelta

from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.audit.services import audit_record


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
