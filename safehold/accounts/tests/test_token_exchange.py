"""accounts.services.token_exchange: the API's login after the password. The second factor is decided here
once; the token and the LOGIN record are one transaction."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts import services
from safehold.accounts.models import ApiToken, User
from safehold.accounts.services import TokenRefused, token_exchange
from safehold.accounts.tests.otp import enrol, totp_code
from safehold.audit.models import AuditEvent

Action = AuditEvent.Action
REQUIRED = ("Your organisation requires two-factor authentication. Set it up in your profile in the web interface "
            "first.")
CODE_NEEDED = "Two-factor authentication is on for this account: send a current code in “otp”."


@pytest.fixture
def authenticator(caseworker) -> TOTPDevice:
    """alice's confirmed authenticator."""
    device, _codes = enrol(caseworker)
    return device


def _logins(user: User) -> int:
    return AuditEvent.objects.filter(actor=user, action=Action.LOGIN).count()


def test_without_two_factor_the_password_alone_gets_a_token(caseworker):
    token, key = token_exchange(user=caseworker, otp="", name="Laptop")

    assert token.user == caseworker
    assert token.name == "Laptop"
    assert token.key_hash == ApiToken.hash_key(key)
    assert not token.mfa_verified


def test_a_token_without_a_name_is_called_api(caseworker):
    token, _key = token_exchange(user=caseworker, otp="", name="")

    assert token.name == "API"


def test_the_exchange_is_recorded_as_a_login_and_the_token_as_created(caseworker):
    token, _key = token_exchange(user=caseworker, otp="", name="")

    assert _logins(caseworker) == 1
    assert AuditEvent.objects.filter(actor=caseworker, action=Action.CREATE, object_type="accounts.apitoken",
                                     object_id=str(token.pk)).exists()


def test_when_the_login_record_fails_no_token_is_left(caseworker, monkeypatch):
    record = services.audit_record

    def audit_record(**kwargs: object) -> AuditEvent:
        if kwargs["action"] == Action.LOGIN:
            raise RuntimeError("audit trail unavailable")
        return record(**kwargs)

    monkeypatch.setattr(services, "audit_record", audit_record)
    with pytest.raises(RuntimeError):
        token_exchange(user=caseworker, otp="", name="")

    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(object_type="accounts.apitoken").exists()


def test_with_two_factor_a_current_code_gets_a_token_that_counts_as_second_factor(caseworker, authenticator):
    token, _key = token_exchange(user=caseworker, otp=totp_code(authenticator, 1), name="")

    assert token.mfa_verified
    assert _logins(caseworker) == 1


@pytest.mark.parametrize("otp", ["", "000000"])
def test_with_two_factor_a_missing_or_wrong_code_is_refused_and_the_failure_stays_recorded(
    caseworker, authenticator, otp,
):
    with pytest.raises(TokenRefused) as refused:
        token_exchange(user=caseworker, otp=otp, name="")

    assert refused.value.message == CODE_NEEDED
    assert refused.value.errors == {"otp": ["Missing or wrong code."]}
    assert not ApiToken.objects.exists()
    assert _logins(caseworker) == 0
    failed = AuditEvent.objects.filter(actor=caseworker, action=Action.LOGIN_FAILED, changed_fields=["mfa"])
    assert failed.count() == (1 if otp else 0)  # an empty code is no attempt


def test_a_user_whose_organisation_requires_two_factor_must_set_it_up_first(caseworker):
    caseworker.organisation.require_mfa = True
    caseworker.organisation.save()

    with pytest.raises(TokenRefused) as refused:
        token_exchange(user=caseworker, otp="123456", name="")

    assert refused.value.message == REQUIRED
    assert refused.value.errors == {}
    assert not ApiToken.objects.exists()
