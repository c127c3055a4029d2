"""The trail records who, when, what, which case and object, which fields, and from where."""

from safehold.audit.models import AuditEvent


def test_viewing_the_case_page_is_recorded_with_the_client_address(caseworker, case, client_for):
    client = client_for(caseworker)
    response = client.get(f"/cases/{case.pk}/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Tablet")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="view", case=case)
    assert (event.actor, event.actor_username, event.channel) == (caseworker, "alice", "web")
    assert (event.object_type, event.object_id) == ("cases.case", str(case.pk))
    assert (event.client_address, event.user_agent) == ("10.1.2.3", "Tablet")
    assert event.case_reference == case.reference
    assert event.organisation_id == case.organisation_id


def test_a_change_through_the_web_records_the_changed_fields(caseworker, case, client_for):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/edit/", {
        "reference": case.reference, "family_name": "Sørensen-Holm", "language": "da", "opened_on": "2026-01-05",
        "summary": "", "legal_basis_note": "", "version": case.version,
    })
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="update", case=case)
    assert event.changed_fields == ["family_name", "language", "opened_on"]


def test_an_api_read_is_recorded_as_api(caseworker, case, api_client_for):
    response = api_client_for(caseworker).get(f"/api/v1/cases/{case.pk}", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="view", case=case)
    assert (event.channel, event.client_address, event.actor) == ("api", "192.0.2.7", caseworker)


def test_denied_attempts_leave_no_read_record(stranger, colleague, case, client_for):
    for user in (stranger, colleague):
        assert client_for(user).get(f"/cases/{case.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view", case=case).exists()


def test_logins_and_logouts_are_recorded(caseworker, client):
    client.post("/accounts/login/", {"username": "alice", "password": "correct horse battery staple"})
    client.post("/accounts/logout/")
    assert list(AuditEvent.objects.filter(actor=caseworker).order_by("id").values_list("action", flat=True)) == [
        "login", "logout"]


def test_every_case_shown_in_a_list_is_recorded_on_that_case(caseworker, team_lead, case, client_for):
    client_for(team_lead).get("/cases/", {"q": "sorensen"})
    client_for(caseworker).get("/")
    listed = AuditEvent.objects.filter(case=case, object_type="cases.case_list").order_by("id")
    assert [e.actor_username for e in listed] == ["tom", "alice"]


def test_reading_the_access_log_is_recorded_as_such(team_lead, case, client_for):
    client_for(team_lead).get(f"/cases/{case.pk}/access-log/")
    assert AuditEvent.objects.get(actor=team_lead).object_type == "audit.case_access_log"


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(caseworker, case, client_for,
                                                                                 settings):
    settings.SAFEHOLD_TRUSTED_PROXIES = 1
    client_for(caseworker).get(f"/cases/{case.pk}/", REMOTE_ADDR="10.0.0.254",
                               HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.23")
    # The client may forge the first entry; the proxy's own entry is the last one.
    assert AuditEvent.objects.get(action="view", case=case).client_address == "198.51.100.23"


def test_a_forwarded_value_that_is_no_address_is_ignored(caseworker, case, client_for, settings):
    settings.SAFEHOLD_TRUSTED_PROXIES = 1
    client_for(caseworker).get(f"/cases/{case.pk}/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4:5555")
    assert AuditEvent.objects.get(action="view", case=case).client_address == "10.0.0.254"
