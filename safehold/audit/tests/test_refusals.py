"""Refused requests (403 and 404 to logged-in users and API tokens) are recorded without content, and a flood
is recorded up to a limit per minute and counted beyond it."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from safehold.audit import refusals
from safehold.audit.models import AuditEvent


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def minute(monkeypatch):
    """The clock the rate limit reads, set by the test: minute[0] is the minute now."""
    now = [1_000_000]
    monkeypatch.setattr(refusals, "_now", lambda: now[0] * 60.0 + 1)
    return now


def refused(user=None):
    events = AuditEvent.objects.filter(action="refused")
    return events.filter(actor=user) if user else events


def test_another_organisation_s_case_is_recorded_as_refused_without_the_path(stranger, case, client_for):
    response = client_for(stranger).get(f"/cases/{case.pk}/edit/", REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 404
    event = refused(stranger).get()
    assert event.detail == {"status": 404, "route": "cases/<int:case_id>/edit/", "view": "cases:edit",
                            "method": "GET", "ids": {"case_id": case.pk}}
    assert (event.organisation_id, event.client_address, event.channel) == (
        stranger.organisation_id, "192.0.2.9", "web")
    assert (event.case_id, event.case_reference, event.object_type) == (None, "", "")


def test_a_page_the_role_may_not_open_is_recorded_with_its_403(caseworker, client_for):
    assert client_for(caseworker).get("/audit/").status_code == 403
    assert refused(caseworker).get().detail["status"] == 403


def test_an_api_token_refused_another_organisation_s_case_is_recorded(stranger, case, api_client_for):
    assert api_client_for(stranger).get(f"/api/v1/cases/{case.pk}").status_code == 404
    event = refused(stranger).get()
    assert (event.channel, event.detail["route"], event.detail["ids"]) == (
        "api", "api/v1/cases/<case_id>", {"case_id": case.pk})


def test_anonymous_visitors_and_answers_that_are_no_refusal_are_not_recorded(caseworker, case, client,
                                                                             client_for):
    client.get(f"/cases/{case.pk}/")  # to the login page
    client_for(caseworker).get(f"/cases/{case.pk}/")
    client_for(caseworker).get("/no-such-page/")  # no route: nothing the application holds was refused
    assert not refused().exists()


def test_a_flood_is_recorded_up_to_the_limit_and_then_counted_in_one_summary(stranger, case, client_for, minute,
                                                                            monkeypatch):
    monkeypatch.setattr(refusals, "REFUSALS_PER_MINUTE", 3)
    client = client_for(stranger)
    for _ in range(10):
        client.get(f"/cases/{case.pk}/")
    assert refused(stranger).count() == 3
    minute[0] += 1
    client.get(f"/cases/{case.pk}/")
    summary, latest = refused(stranger).order_by("-id")[:2][::-1]
    assert summary.detail == {"suppressed": 7, "from": "1971-11-26T10:40:00+00:00", "seconds": 60, "limit": 3}
    assert latest.detail["status"] == 404
    client.get(f"/cases/{case.pk}/")
    assert refused(stranger).count() == 6  # the summary is written once


def test_the_limit_is_per_user_and_address(stranger, colleague, case, client_for, minute, monkeypatch):
    monkeypatch.setattr(refusals, "REFUSALS_PER_MINUTE", 2)
    for user, address in ((stranger, "192.0.2.1"), (stranger, "192.0.2.2"), (colleague, "192.0.2.1")):
        for _ in range(3):
            client_for(user).get(f"/cases/{case.pk}/", REMOTE_ADDR=address)
    assert refused(stranger).count() == 4 and refused(colleague).count() == 2
