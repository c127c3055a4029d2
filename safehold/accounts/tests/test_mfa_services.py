"""The writes of accounts/mfa.py: starting to set up an authenticator, using a code or a recovery code, the
second step of logging in. Each writes its audit record in the same transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts import mfa
from safehold.accounts.models import User
from safehold.accounts.tests.otp import enrol, totp_code
from safehold.audit.models import AuditEvent

Action = AuditEvent.Action


class AuditFailed(Exception):
    pass


def _events(user: User, action: str, changed_fields: list[str]) -> int:
    return AuditEvent.objects.filter(actor=user, action=action, changed_fields=changed_fields).count()


@pytest.fixture
def recovery_codes(caseworker) -> list[str]:
    """alice with a confirmed authenticator; her recovery codes."""
    _device, codes = enrol(caseworker)
    return codes


def _fail_audit_of(monkeypatch: pytest.MonkeyPatch, changed_fields: list[str]) -> None:
    """Make mfa's audit record fail for one kind of record, after the writes before it."""
    record = mfa.audit_record

    def audit_record(**kwargs: object) -> AuditEvent:
        if kwargs.get("changed_fields") == changed_fields:
            raise AuditFailed
        return record(**kwargs)

    monkeypatch.setattr(mfa, "audit_record", audit_record)


# --- mfa_device_start ------------------------------------------------------------------------------------

def test_starting_to_set_up_makes_one_unconfirmed_authenticator(caseworker):
    device = mfa.mfa_device_start(user=caseworker)

    assert not device.confirmed
    assert mfa.pending_device(caseworker) == device


def test_starting_again_reuses_the_authenticator_being_set_up_and_records_it_once(caseworker):
    first = mfa.mfa_device_start(user=caseworker)

    again = mfa.mfa_device_start(user=caseworker)

    assert again == first
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1
    assert _events(caseworker, Action.UPDATE, ["mfa_device"]) == 1


def test_when_the_audit_record_fails_no_authenticator_is_left_behind(caseworker, monkeypatch):
    _fail_audit_of(monkeypatch, ["mfa_device"])

    with pytest.raises(AuditFailed):
        mfa.mfa_device_start(user=caseworker)

    assert not TOTPDevice.objects.filter(user=caseworker).exists()


def test_the_setup_page_starts_the_authenticator_and_looking_at_it_changes_nothing(caseworker, client_for):
    assert mfa.pending_device(caseworker) is None
    client = client_for(caseworker)

    client.get("/accounts/mfa/setup/")
    client.get("/accounts/mfa/setup/")

    assert TOTPDevice.objects.filter(user=caseworker, confirmed=False).count() == 1
    assert _events(caseworker, Action.UPDATE, ["mfa_device"]) == 1


def test_without_an_authenticator_being_set_up_no_code_confirms_one(caseworker):
    with pytest.raises(ValidationError):
        mfa.mfa_confirm(user=caseworker, token="123456")

    assert not TOTPDevice.objects.filter(user=caseworker).exists()


# --- mfa_check: codes and recovery codes ------------------------------------------------------------------

def test_a_recovery_code_proves_the_second_factor_once(caseworker, recovery_codes):
    assert mfa.mfa_check(user=caseworker, token=recovery_codes[0])

    assert not StaticToken.objects.filter(device__user=caseworker, token=recovery_codes[0]).exists()
    assert not mfa.mfa_check(user=caseworker, token=recovery_codes[0])


def test_using_a_recovery_code_is_audited(caseworker, recovery_codes):
    mfa.mfa_check(user=caseworker, token=recovery_codes[0])

    assert _events(caseworker, Action.UPDATE, ["recovery_codes"]) == 1


def test_when_the_audit_record_fails_the_recovery_code_is_not_used_up(caseworker, recovery_codes, monkeypatch):
    _fail_audit_of(monkeypatch, ["recovery_codes"])

    with pytest.raises(AuditFailed):
        mfa.mfa_check(user=caseworker, token=recovery_codes[0])

    assert StaticToken.objects.filter(device__user=caseworker, token=recovery_codes[0]).exists()


def test_a_wrong_code_is_recorded_as_a_failed_login(caseworker, recovery_codes):
    assert not mfa.mfa_check(user=caseworker, token="000000")

    assert _events(caseworker, Action.LOGIN_FAILED, ["mfa"]) == 1


def test_an_authenticator_code_works_only_once(caseworker, recovery_codes):
    device = TOTPDevice.objects.get(user=caseworker, confirmed=True)
    code = totp_code(device, 1)

    assert mfa.mfa_check(user=caseworker, token=code)
    assert not mfa.mfa_check(user=caseworker, token=code)


# --- mfa_login: the second step of logging in on the web ---------------------------------------------------

def test_the_second_step_of_logging_in_is_recorded_as_a_login(caseworker, recovery_codes):
    assert mfa.mfa_login(user=caseworker, token=recovery_codes[0])

    assert _events(caseworker, Action.LOGIN, ["mfa"]) == 1


def test_a_wrong_code_records_no_login_but_a_failed_one(caseworker, recovery_codes):
    assert not mfa.mfa_login(user=caseworker, token="000000")

    assert _events(caseworker, Action.LOGIN, ["mfa"]) == 0
    assert _events(caseworker, Action.LOGIN_FAILED, ["mfa"]) == 1


def test_when_the_login_record_fails_the_recovery_code_is_not_used_up(caseworker, recovery_codes, monkeypatch):
    _fail_audit_of(monkeypatch, ["mfa"])

    with pytest.raises(AuditFailed):
        mfa.mfa_login(user=caseworker, token=recovery_codes[0])

    assert StaticToken.objects.filter(device__user=caseworker, token=recovery_codes[0]).exists()
