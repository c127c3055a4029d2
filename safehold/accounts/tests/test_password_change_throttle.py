"""The password-change form checks the old password under the login's throttle (accounts/throttle.py): each wrong
one is audited, the limit is the login's and counts together with it, and after it the session ends with the
lockout page."""

from __future__ import annotations

import pytest
from axes.utils import reset
from django.test import Client

from safehold.accounts.models import User
from safehold.audit.models import AuditEvent

Action = AuditEvent.Action
PASSWORD = "correct horse battery staple"  # what the UserFactory sets
NEW_PASSWORD = "another long passphrase 7"
URL = "/accounts/password/change/"


@pytest.fixture(autouse=True)
def no_earlier_attempts(db):
    reset()


def _change(client: Client, old: str, address: str = "192.0.2.1"):
    return client.post(URL, {"old_password": old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                       REMOTE_ADDR=address)


def _changed(user: User) -> bool:
    return User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)


def test_a_wrong_old_password_is_refused_on_its_field_and_audited_without_it(caseworker, client_for):
    response = _change(client_for(caseworker), "Tr0ub4dor&3")

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"] == [
        "Your old password was entered incorrectly. Please enter it again."]
    [event] = AuditEvent.objects.filter(action=Action.PASSWORD_FAILED)
    assert (event.actor_id, event.object_id, event.organisation_id) == (
        caseworker.pk, str(caseworker.pk), caseworker.organisation_id)
    assert event.detail == {"route": "accounts:password_change"}
    assert "Tr0ub4dor" not in str([event.detail, event.changed_fields])
    assert not AuditEvent.objects.filter(action=Action.LOGIN_FAILED).exists()


def test_the_limit_of_wrong_old_passwords_ends_the_session_with_the_lockout_page(caseworker, client_for, settings):
    client = client_for(caseworker)
    statuses = [_change(client, f"guess {n}").status_code for n in range(settings.AXES_FAILURE_LIMIT)]

    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert AuditEvent.objects.filter(action=Action.PASSWORD_FAILED).count() == settings.AXES_FAILURE_LIMIT
    assert AuditEvent.objects.filter(action=Action.LOCKOUT, actor=caseworker).count() == 1
    assert client.get("/").status_code == 302  # logged out
    assert not _changed(caseworker)


def test_once_locked_out_even_the_right_old_password_is_refused(caseworker, client_for, settings):
    # Logged in on two devices (a login clears the failures, so both log in first).
    first, second = client_for(caseworker), client_for(caseworker)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _change(first, f"guess {n}")

    response = _change(second, PASSWORD)

    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert not _changed(caseworker)


def test_wrong_old_passwords_lock_the_login_too(caseworker, client_for, settings):
    client = client_for(caseworker)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _change(client, f"guess {n}", address=f"192.0.2.{n + 10}")

    login = Client().post("/accounts/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1")

    assert login.status_code == 429


def test_failed_logins_count_towards_the_password_change_limit(caseworker, client_for, settings):
    client = client_for(caseworker)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        Client().post("/accounts/login/", {"username": "alice", "password": "wrong"}, REMOTE_ADDR="198.51.100.1")

    assert _change(client, "guess").status_code == 429


def test_the_right_old_password_changes_it_without_a_failure_recorded(caseworker, client_for):
    response = _change(client_for(caseworker), PASSWORD)

    assert response.status_code == 302
    assert _changed(caseworker)
    assert not AuditEvent.objects.filter(action__in=[Action.PASSWORD_FAILED, Action.LOCKOUT]).exists()


def test_the_refusal_is_in_the_user_s_language(caseworker, client_for):
    caseworker.language = "de"
    caseworker.save(update_fields=["language"])

    response = _change(client_for(caseworker), "wrong")

    [error] = response.context["form"].errors["old_password"]
    assert "incorrectly" not in error
