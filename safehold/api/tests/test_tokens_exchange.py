"""POST /auth/token refuses a missing second factor with a 401 and the same bodies as before
accounts.services.token_exchange held the decision."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts.models import ApiToken
from safehold.accounts.tests.otp import enrol, totp_code
from safehold.audit.models import AuditEvent

JSON = "application/json"
PASSWORD = "correct horse battery staple"  # what the UserFactory sets
TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture
def authenticator(caseworker) -> TOTPDevice:
    device, _codes = enrol(caseworker)
    return device


def test_a_missing_code_answers_401_naming_the_otp_field(caseworker, authenticator, anonymous):
    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, content_type=JSON)

    assert response.status_code == 401
    assert response.json() == {
        "message": "Two-factor authentication is on for this account: send a current code in “otp”.",
        "errors": {"otp": ["Missing or wrong code."]},
    }
    assert not ApiToken.objects.exists()


def test_a_user_who_must_set_up_two_factor_first_gets_a_401_saying_so(caseworker, anonymous):
    caseworker.organisation.require_mfa = True
    caseworker.organisation.save()

    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD, "otp": "123456"},
                              content_type=JSON)

    assert response.status_code == 401
    assert response.json() == {
        "message": "Your organisation requires two-factor authentication. Set it up in your profile in the web "
                   "interface first.",
        "errors": {},
    }


def test_a_token_with_a_current_code_is_one_login_through_the_api(caseworker, authenticator, anonymous):
    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD,
                                          "otp": totp_code(authenticator, 1)}, content_type=JSON)

    assert response.status_code == 200
    assert ApiToken.objects.get(user=caseworker).mfa_verified
    [login] = AuditEvent.objects.filter(actor=caseworker, action=AuditEvent.Action.LOGIN)
    assert login.channel == AuditEvent.Channel.API
    caseworker.refresh_from_db()
    assert caseworker.last_login is not None
