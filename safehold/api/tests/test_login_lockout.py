"""Failed token requests count towards django-axes' lockout, per user name and separately per address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from safehold.accounts.models import ApiToken

JSON = "application/json"
PASSWORD = "correct horse battery staple"  # what the UserFactory sets
TOKEN_URL = "/api/v1/auth/token"
LOCKED = {
    "message": "Too many failed logins for this account or address. Try again in 15 minutes.",
    "errors": {},
}


@pytest.fixture(autouse=True)
def no_earlier_attempts(db):
    # axes keeps its attempts in the database; start every test from none.
    reset()
    assert settings.AXES_FAILURE_LIMIT == 5


def ask_for_token(username: str, password: str, address: str = "192.0.2.1"):
    return Client().post(TOKEN_URL, {"username": username, "password": password}, content_type=JSON,
                         REMOTE_ADDR=address)


def test_the_fifth_failed_login_locks_the_account_with_a_json_429(caseworker):
    statuses = [ask_for_token("alice", "wrong password").status_code for _ in range(4)]
    fifth = ask_for_token("alice", "wrong password")

    assert statuses == [401, 401, 401, 401]
    assert fifth.status_code == 429
    assert fifth["Content-Type"].startswith("application/json")
    assert fifth.json() == LOCKED


def test_a_locked_account_gets_no_token_even_with_the_right_password_from_another_address(caseworker):
    for _ in range(5):
        ask_for_token("alice", "wrong password", address="192.0.2.1")

    response = ask_for_token("alice", PASSWORD, address="198.51.100.9")

    assert response.status_code == 429
    assert response.json() == LOCKED
    assert not ApiToken.objects.filter(user=caseworker).exists()


def test_a_locked_account_does_not_lock_out_a_colleague_on_another_address(caseworker, colleague):
    for _ in range(5):
        ask_for_token("alice", "wrong password", address="192.0.2.1")

    response = ask_for_token("bob", PASSWORD, address="198.51.100.9")

    assert response.status_code == 200
    assert ApiToken.objects.filter(user=colleague).count() == 1


def test_failed_logins_from_one_address_lock_that_address_for_every_account(caseworker):
    for username in ["anna", "bert", "cleo", "dana", "emil"]:
        ask_for_token(username, "guess", address="192.0.2.66")

    from_that_address = ask_for_token("alice", PASSWORD, address="192.0.2.66")
    from_elsewhere = ask_for_token("alice", PASSWORD, address="198.51.100.9")

    assert from_that_address.status_code == 429
    assert from_that_address.json() == LOCKED
    assert from_elsewhere.status_code == 200
    assert ApiToken.objects.filter(user=caseworker).count() == 1


def test_a_successful_login_resets_the_failure_count(caseworker):
    first = [ask_for_token("alice", "wrong password").status_code for _ in range(4)]
    success = ask_for_token("alice", PASSWORD)
    again = [ask_for_token("alice", "wrong password").status_code for _ in range(4)]

    assert first == again == [401, 401, 401, 401]
    assert success.status_code == 200
    assert ask_for_token("alice", PASSWORD).status_code == 200


def test_the_lockout_ends_after_the_cool_off_time(caseworker):
    for _ in range(5):
        ask_for_token("alice", "wrong password")
    assert ask_for_token("alice", PASSWORD).status_code == 429

    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=long_ago)

    assert ask_for_token("alice", PASSWORD).status_code == 200


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_failure_limit_follows_the_setting(caseworker):
    first = ask_for_token("alice", "wrong password")
    second = ask_for_token("alice", "wrong password")

    assert first.status_code == 401
    assert second.status_code == 429
    assert second.json() == LOCKED


def test_a_malformed_request_answers_400_and_does_not_count_as_a_failed_login(caseworker):
    for _ in range(5):
        response = Client().post(TOKEN_URL, {"username": "alice"}, content_type=JSON, REMOTE_ADDR="192.0.2.1")
        assert response.status_code == 400
        assert response.json()["errors"] == {"password": ["Field required"]}

    assert not AccessAttempt.objects.exists()
    assert ask_for_token("alice", PASSWORD).status_code == 200
