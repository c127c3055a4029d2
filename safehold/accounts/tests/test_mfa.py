"""Two-factor authentication: set up with an authenticator app, then every login needs a code."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts.models import User
from safehold.audit.models import AuditEvent

PASSWORD = "correct horse battery staple"


def _code(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


def _forget_failures(user) -> None:
    """django-otp makes each device wait longer after every wrong code; a test moves on at once."""
    from django_otp.plugins.otp_static.models import StaticDevice

    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def _login(client, username="alice"):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


@pytest.fixture
def enrolled(caseworker, client):
    """alice with a confirmed authenticator, logged out again. Returns (device, recovery codes)."""
    _login(client)
    page = client.get("/accounts/mfa/setup/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    response = client.post("/accounts/mfa/setup/", {"token": _code(device)})
    codes = response.context["codes"]
    client.post("/accounts/logout/")
    device.refresh_from_db()
    return device, codes


def test_setting_up_confirms_the_app_and_shows_recovery_codes_once(enrolled, caseworker):
    device, codes = enrolled
    caseworker.refresh_from_db()
    assert caseworker.mfa_enabled and device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=caseworker).count() == 10
    assert AuditEvent.objects.filter(actor=caseworker, changed_fields=["mfa_enabled"]).exists()


def test_a_wrong_code_does_not_confirm_the_app(caseworker, client_for):
    client = client_for(caseworker)
    client.get("/accounts/mfa/setup/")
    response = client.post("/accounts/mfa/setup/", {"token": "000000"})
    assert "token" in response.context["form"].errors
    caseworker.refresh_from_db()
    assert not caseworker.mfa_enabled


def test_after_the_password_every_page_asks_for_the_code(enrolled, client, case):
    device, _codes = enrolled
    response = _login(client)
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/mfa/verify/")
    assert client.get("/api/v1/cases").status_code == 401  # no session login for the API either
    response = client.post("/accounts/mfa/verify/", {"token": _code(device, 1), "next": f"/cases/{case.pk}/"})
    assert response["Location"] == f"/cases/{case.pk}/"
    assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_a_wrong_code_is_refused_and_recorded(enrolled, client, caseworker):
    _login(client)
    response = client.post("/accounts/mfa/verify/", {"token": "123456"})
    assert response.status_code == 200 and "token" in response.context["form"].errors
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(actor=caseworker, action="login_failed").exists()


def test_a_recovery_code_works_once(enrolled, client):
    _device, codes = enrolled
    _login(client)
    assert client.post("/accounts/mfa/verify/", {"token": codes[0].upper()})["Location"] == "/"
    client.post("/accounts/logout/")
    _login(client)
    response = client.post("/accounts/mfa/verify/", {"token": codes[0]})
    assert response.status_code == 200


def test_an_organisation_can_require_it_of_everyone(org_admin, caseworker, client_for, client):
    client_for(org_admin).post("/organisation/security/", {"require_mfa": "on"})
    caseworker.organisation.refresh_from_db()
    assert caseworker.organisation.require_mfa
    _login(client)
    response = client.get("/cases/")
    assert response["Location"].startswith("/accounts/mfa/setup/")
    assert "requires" in client.get(response["Location"]).content.decode()


def test_required_two_factor_cannot_be_turned_off(enrolled, caseworker, client):
    caseworker.organisation.require_mfa = True
    caseworker.organisation.save()
    _login(client)
    client.post("/accounts/mfa/verify/", {"token": enrolled[1][0]})
    response = client.post("/accounts/mfa/disable/", {"password": PASSWORD, "current_token": enrolled[1][1]})
    assert response.status_code == 200
    assert User.objects.get(pk=caseworker.pk).mfa_enabled


def test_turning_it_off_needs_the_password_and_a_code(enrolled, caseworker, client):
    _login(client)
    client.post("/accounts/mfa/verify/", {"token": enrolled[1][0]})
    for wrong in ({"password": "wrong", "current_token": enrolled[1][1]},
                  {"password": PASSWORD, "current_token": "000000"}):
        response = client.post("/accounts/mfa/disable/", wrong)
        # One message for either wrong part: a stolen session learns nothing about the password.
        assert response.context["form"].errors == {"password": ["The password or the code is not right."]}
        _forget_failures(caseworker)
    assert client.post("/accounts/mfa/disable/", {"password": PASSWORD, "current_token": enrolled[1][2]}
                       ).status_code == 302
    caseworker.refresh_from_db()
    assert not caseworker.mfa_enabled
    assert not TOTPDevice.objects.filter(user=caseworker).exists()


def test_the_api_hands_out_tokens_only_with_a_current_code(enrolled, client):
    device, _codes = enrolled
    url = "/api/v1/auth/token"
    without = client.post(url, {"username": "alice", "password": PASSWORD}, content_type="application/json")
    assert without.status_code == 401 and "otp" in without.json()["errors"]
    with_code = client.post(url, {"username": "alice", "password": PASSWORD, "otp": _code(device, 1)},
                            content_type="application/json")
    assert with_code.status_code == 200 and with_code.json()["token"]


def test_the_api_refuses_users_who_must_but_have_not_set_it_up(caseworker, client):
    caseworker.organisation.require_mfa = True
    caseworker.organisation.save()
    response = client.post("/api/v1/auth/token", {"username": "alice", "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code == 401


def test_the_typed_secret_matches_the_qr_code(caseworker, client_for):
    client = client_for(caseworker)
    page = client.get("/accounts/mfa/setup/").content.decode()
    device = TOTPDevice.objects.get(user=caseworker)
    secret = re.search(r'<code class="sh-secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    assert f"secret={secret}" in device.config_url


@pytest.mark.parametrize("path", ["/accounts/mfa/recovery-codes/", "/accounts/mfa/disable/", "/accounts/mfa/setup/",
                                  "/accounts/profile/", "/accounts/password/change/"])
def test_with_only_the_password_nothing_about_the_second_factor_can_be_changed(enrolled, client, caseworker, path):
    _login(client)
    before = list(StaticToken.objects.filter(device__user=caseworker).values_list("token", flat=True))
    for method in (client.get, client.post):
        response = method(path, {"password": PASSWORD, "token": "", "old_password": PASSWORD,
                                 "new_password1": "x" * 20, "new_password2": "x" * 20})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/mfa/verify/")
    caseworker.refresh_from_db()
    assert caseworker.mfa_enabled and caseworker.check_password(PASSWORD)
    assert list(StaticToken.objects.filter(device__user=caseworker).values_list("token", flat=True)) == before


def test_tokens_issued_before_two_factor_stop_working_when_it_is_turned_on(caseworker, client):
    from safehold.accounts.services import token_create

    _token, key = token_create(user=caseworker)
    api = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/cases", **api).status_code == 200
    caseworker.organisation.require_mfa = True
    caseworker.organisation.save()
    assert client.get("/api/v1/cases", **api).status_code == 401


def test_a_token_made_in_a_verified_session_keeps_working(enrolled, client):
    _device, codes = enrolled
    _login(client)
    client.post("/accounts/mfa/verify/", {"token": codes[0]})
    key = client.post("/accounts/profile/", {"name": "script", "password": PASSWORD, "current_token": codes[1]}
                      ).context["new_key"]
    assert client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_changing_the_password_revokes_all_tokens(caseworker, client_for):
    from safehold.accounts.models import ApiToken
    from safehold.accounts.services import token_create

    token_create(user=caseworker)
    client_for(caseworker).post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": "another long passphrase 7",
        "new_password2": "another long passphrase 7"})
    assert not ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()


def test_replacing_the_app_needs_the_password_and_a_code_from_the_old_one(enrolled, caseworker, client):
    old_device, codes = enrolled
    _login(client)
    client.post("/accounts/mfa/verify/", {"token": codes[0]})
    client.get("/accounts/mfa/setup/")
    new_device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    response = client.post("/accounts/mfa/setup/", {"token": _code(new_device), "password": PASSWORD,
                                                    "current_token": "000000"})
    assert response.status_code == 200 and "password" in response.context["form"].errors
    assert TOTPDevice.objects.get(user=caseworker, confirmed=True).pk == old_device.pk
    _forget_failures(caseworker)
    response = client.post("/accounts/mfa/setup/", {"token": _code(new_device), "password": PASSWORD,
                                                    "current_token": codes[1]})
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=caseworker, confirmed=True).pk == new_device.pk


def test_new_recovery_codes_need_the_password_and_a_code(enrolled, caseworker, client):
    _device, codes = enrolled
    _login(client)
    client.post("/accounts/mfa/verify/", {"token": codes[0]})
    assert client.get("/accounts/mfa/recovery-codes/").status_code == 200
    response = client.post("/accounts/mfa/recovery-codes/", {"password": "wrong", "current_token": codes[1]})
    assert "codes" not in response.context
    response = client.post("/accounts/mfa/recovery-codes/", {"password": PASSWORD, "current_token": codes[2]})
    assert len(response.context["codes"]) == 10
    assert not StaticToken.objects.filter(device__user=caseworker, token=codes[3]).exists()


def test_guessing_the_password_in_a_logged_in_session_ends_the_session(caseworker, client):
    _login(client)
    for _attempt in range(4):
        assert client.post("/accounts/mfa/disable/", {"password": "guess"}).status_code == 200
    response = client.post("/accounts/mfa/disable/", {"password": "guess"})
    assert response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302
