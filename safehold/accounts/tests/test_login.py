from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from safehold.accounts.models import User
from safehold.accounts.sessions import REFRESHED

PASSWORD = "correct horse battery staple"


def _login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_user_logs_in_and_lands_on_my_work(caseworker, client):
    response = _login(client, "alice")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_refused_with_a_message_on_the_form(caseworker, client):
    response = _login(client, "alice", "wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_from_other_addresses(caseworker, client, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "alice", "wrong", address=f"10.0.1.{attempt}")
    response = _login(client, "alice", address="10.0.2.1")  # right password, new address, still locked
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_address_for_every_account(caseworker, colleague, client, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"guess{attempt}", "wrong", address="10.0.3.3")
    assert _login(client, "alice", address="10.0.3.3").status_code == 429
    assert _login(client, "bob", address="10.0.3.4").status_code == 302


def test_the_lockout_message_is_translated(caseworker, client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "alice", "wrong")
    client.cookies["safehold_language"] = "de"
    response = client.post("/accounts/login/", {"username": "alice", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                           HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 429
    assert "Too many failed logins" not in response.content.decode()


def test_sessions_expire_after_inactivity(caseworker, client):
    _login(client, "alice")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_request_moves_the_expiry_forward_by_the_idle_time(caseworker, client, settings):
    _login(client, "alice")
    key = client.session.session_key
    session = client.session
    session[REFRESHED] = int(timezone.now().timestamp()) - settings.SAFEHOLD_SESSION_REFRESH_SECONDS
    session.save()  # written a minute ago (test_session_refresh.py: not within the minute)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/")
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert timedelta(minutes=settings.SESSION_IDLE_MINUTES - 1) < remaining <= timedelta(
        minutes=settings.SESSION_IDLE_MINUTES)


@override_settings(SAFEHOLD_ALLOW_DEMO_USERS=False)
def test_demo_users_are_refused_where_demo_users_are_off(organisation, client):
    user = User.objects.create_user("demo-caseworker", password=PASSWORD, organisation=organisation)
    User.objects.filter(pk=user.pk).update(is_demo=True)
    assert _login(client, "demo-caseworker").status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_deactivated_user_cannot_log_in(caseworker, client):
    caseworker.is_active = False
    caseworker.save()
    assert _login(client, "alice").status_code == 200


def test_logout_needs_a_post_and_ends_the_session(caseworker, client):
    _login(client, "alice")
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_working_link_and_retires_api_tokens(caseworker, client):
    from safehold.accounts.models import ApiToken
    from safehold.accounts.services import token_create

    token_create(user=caseworker)
    response = client.post("/accounts/password/reset/", {"email": caseworker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "a new long passphrase 42",
                                      "new_password2": "a new long passphrase 42"})
    assert response.status_code == 302
    assert _login(client, "alice", "a new long passphrase 42").status_code == 302
    assert not ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()


def test_password_reset_does_not_tell_whether_an_address_exists(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_requires_the_old_password_and_a_strong_new_one(caseworker, client_for):
    client = client_for(caseworker)
    response = client.post("/accounts/password/change/", {"old_password": "wrong", "new_password1": "short",
                                                          "new_password2": "short"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"old_password", "new_password2"}
    response = client.post("/accounts/password/change/", {"old_password": PASSWORD,
                                                          "new_password1": "another long passphrase 7",
                                                          "new_password2": "another long passphrase 7"})
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.check_password("another long passphrase 7")


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_the_language_switch_never_redirects_off_site(client, db, next_url):
    response = client.post("/accounts/language/", {"language": "de", "next": next_url})
    assert response["Location"] == "/"


def test_behind_a_proxy_throttling_is_per_client_not_per_proxy(caseworker, colleague, client, settings):
    settings.SAFEHOLD_TRUSTED_PROXIES = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": f"guess{attempt}", "password": "x"}, REMOTE_ADDR="10.0.0.254",
                    HTTP_X_FORWARDED_FOR="203.0.113.9")
    other_client = client.post("/accounts/login/", {"username": "bob", "password": PASSWORD},
                               REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other_client.status_code == 302
