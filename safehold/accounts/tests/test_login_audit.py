"""Failed logins and lockouts leave records in the audit trail (accounts/login_audit.py): on the login page and in
the API's token exchange alike, naming the account tried but never what was typed, and never a password; attempts
refused during a lockout are recorded once per account or address and cool-off time, not once each."""

from __future__ import annotations

import json
import unicodedata
from datetime import timedelta
from types import SimpleNamespace

import pytest
from axes.utils import reset
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.accounts import login_audit
from safehold.audit.models import AuditEvent

Action = AuditEvent.Action
PASSWORD = "correct horse battery staple"  # what the UserFactory sets
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def no_earlier_attempts(db):
    reset()


WRONG = "wrong password"


def _login(username: str, password: str = WRONG, address: str = "192.0.2.1"):
    return Client().post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _token(username: str, password: str = WRONG, address: str = "192.0.2.1"):
    return Client().post("/api/v1/auth/token", {"username": username, "password": password},
                         content_type="application/json", REMOTE_ADDR=address)


def _events(*actions: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__in=actions).order_by("id"))


def test_a_failed_login_names_the_account_in_its_organisation_with_the_address(caseworker):
    _login("alice")

    [event] = _events(Action.LOGIN_FAILED)
    assert (event.actor_id, event.organisation_id) == (caseworker.pk, caseworker.organisation_id)
    assert (event.object_type, event.object_id) == ("accounts.user", str(caseworker.pk))
    assert event.client_address == "192.0.2.1"
    assert event.channel == "web"
    assert event.detail == {"route": "accounts:login"}


def test_a_failed_token_request_is_recorded_the_same_way(caseworker):
    _token("alice")

    [event] = _events(Action.LOGIN_FAILED)
    assert (event.actor_id, event.channel) == (caseworker.pk, "api")
    assert event.detail == {"route": "api-v1:token_create"}


def test_a_user_name_no_account_has_is_not_stored_and_belongs_to_no_organisation(caseworker):
    _login("my-secret-passphrase")

    [event] = _events(Action.LOGIN_FAILED)
    assert (event.actor_id, event.actor_username, event.organisation_id, event.object_id) == (None, "", None, "")
    assert "my-secret-passphrase" not in json.dumps([event.detail, event.changed_fields, event.object_type])


def test_the_failure_that_reaches_the_limit_records_the_lockout(caseworker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("alice")

    assert len(_events(Action.LOGIN_FAILED)) == settings.AXES_FAILURE_LIMIT
    [lockout] = _events(Action.LOCKOUT)
    assert (lockout.actor_id, lockout.organisation_id) == (caseworker.pk, caseworker.organisation_id)
    assert lockout.detail == {"route": "accounts:login", "failures": settings.AXES_FAILURE_LIMIT}


def test_attempts_during_a_lockout_add_nothing_within_the_cool_off_of_the_lockout_record(caseworker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("alice")
    before = AuditEvent.objects.count()

    statuses = {_login("alice", PASSWORD, address=f"198.51.100.{n}").status_code for n in range(20)}

    assert statuses == {429}
    assert AuditEvent.objects.count() == before


def test_an_attack_going_on_past_the_cool_off_leaves_one_more_lockout_record(caseworker, settings, monkeypatch):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("alice")
    # The next attempt comes a cool-off time after the lockout record (seen from the audit's look-back only:
    # django-axes keeps counting, each attempt prolongs the lockout); those after it come right after it.
    later = iter([timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)])
    monkeypatch.setattr(login_audit, "timezone", SimpleNamespace(now=lambda: next(later, None) or timezone.now()))

    statuses = {_login("alice", PASSWORD, address=f"198.51.100.{n}").status_code for n in range(5)}

    assert statuses == {429}
    again = _events(Action.LOCKOUT)[1:]
    assert [e.detail for e in again] == [{"route": "accounts:login", "during_lockout": True}]
    assert again[0].actor_id == caseworker.pk


def test_a_locked_address_trying_unknown_names_leaves_no_record_per_attempt(caseworker, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(f"guess{n}", address="203.0.113.7")
    before = AuditEvent.objects.count()

    for n in range(30):
        assert _login(f"another{n}", address="203.0.113.7").status_code == 429

    assert AuditEvent.objects.count() == before


def test_a_lockout_through_the_api_is_recorded_too(caseworker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _token("alice")

    [lockout] = _events(Action.LOCKOUT)
    assert (lockout.actor_id, lockout.channel) == (caseworker.pk, "api")


def test_no_record_holds_the_password_tried(caseworker, settings):
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        _login("alice", password=f"Tr0ub4dor&{n}")
        _token("alice", password=f"Tr0ub4dor&{n}")

    stored = json.dumps([[e.detail, e.changed_fields, e.object_type, e.user_agent] for e in AuditEvent.objects.all()])
    assert "Tr0ub4dor" not in stored


def test_a_successful_login_records_no_failure(caseworker):
    assert _login("alice", PASSWORD).status_code == 302

    assert _events(Action.LOGIN_FAILED, Action.LOCKOUT) == []


def _not_alice(typed: str) -> bool:
    # The login form strips the user name and normalises it (NFKC): "ａｌｉｃｅ " is alice.
    return "\x00" not in typed and unicodedata.normalize("NFKC", typed).strip() not in ("", "alice")


@PROPERTY
@given(typed=st.text(min_size=1, max_size=150).filter(_not_alice))
def test_whatever_is_typed_as_a_user_name_no_account_has_the_trail_keeps_none_of_it(caseworker, typed):
    with transaction.atomic():  # each example starts from no failures and an empty trail
        response = _login(typed, address="192.0.2.200")
        recorded = list(AuditEvent.objects.all())
        transaction.set_rollback(True)

    assert response.status_code == 200
    [event] = recorded
    assert event.action == Action.LOGIN_FAILED
    assert (event.actor_id, event.actor_username, event.organisation_id, event.object_id) == (None, "", None, "")
    assert event.detail == {"route": "accounts:login"}
    assert event.changed_fields == []
