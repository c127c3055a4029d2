"""Web sessions (accounts/sessions.py): an absolute lifetime beside the idle timeout; all of a user's sessions end
when the password changes (by the user, the reset link, an operator), when the account is disabled and when an
organisation admin ends them; the profile lists the user's open sessions and ends the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from safehold.accounts import sessions
from safehold.accounts.models import ApiToken, User, UserSession
from safehold.accounts.services import token_create
from safehold.audit.models import AuditEvent
from safehold.testing.factories import UserFactory

PASSWORD = "correct horse battery staple"  # what the UserFactory sets
NEW_PASSWORD = "another long passphrase 7"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _login(user: User, address: str = "192.0.2.1", agent: str = FIREFOX) -> Client:
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    assert client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def _logged_in(client: Client) -> bool:
    return client.get("/accounts/profile/").status_code == 200


def _age(client: Client, hours: float) -> None:
    session = client.session
    session[sessions.STARTED] = timezone.now().timestamp() - hours * 3600
    session.save()


# --- the absolute lifetime ---------------------------------------------------------------------------------

def test_a_session_ends_ten_hours_after_the_login_however_active(caseworker):
    client = _login(caseworker)
    _age(client, 10 + 1 / 60)

    response = client.get("/accounts/profile/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "You were logged out: a session lasts at most 10 hours. Log in again." in [
        str(m) for m in response.context["messages"]]
    assert "_auth_user_id" not in client.session


def test_a_session_just_under_the_lifetime_goes_on(caseworker):
    client = _login(caseworker)
    _age(client, 10 - 1 / 60)

    assert _logged_in(client)


def test_the_lifetime_follows_the_setting(caseworker, settings):
    settings.SAFEHOLD_SESSION_MAX_HOURS = 2
    client = _login(caseworker)
    _age(client, 2.01)

    assert not _logged_in(client)


def test_a_session_from_before_the_lifetime_was_recorded_ends(caseworker):
    client = _login(caseworker)
    session = client.session
    del session[sessions.STARTED]
    session.save()

    assert not _logged_in(client)


# --- the profile's list --------------------------------------------------------------------------------------

def test_the_profile_lists_the_open_sessions_with_device_address_and_this_one(caseworker):
    here = _login(caseworker, address="192.0.2.1")
    _login(caseworker, address="198.51.100.4", agent="Safari on an iPad")
    ended = _login(caseworker, address="203.0.113.9")
    ended.post("/accounts/logout/")

    listed = here.get("/accounts/profile/").context["sessions"]

    assert [(s.client_address, s.user_agent, s.current) for s in listed] == [
        ("198.51.100.4", "Safari on an iPad", False), ("192.0.2.1", FIREFOX, True)]
    assert all(s.started_at <= s.last_seen_at <= timezone.now() for s in listed)


def test_the_profile_lists_no_one_else_s_sessions(caseworker, colleague):
    _login(colleague, address="198.51.100.4")

    listed = _login(caseworker).get("/accounts/profile/").context["sessions"]

    assert [s.client_address for s in listed] == ["192.0.2.1"]


def test_the_profile_hides_a_session_past_the_lifetime_though_its_idle_time_has_not_run_out(caseworker):
    here = _login(caseworker, address="192.0.2.1")
    old = _login(caseworker, address="198.51.100.4")
    UserSession.objects.filter(session_key=old.session.session_key).update(
        started_at=timezone.now() - timedelta(hours=10, minutes=1))
    assert Session.objects.get(session_key=old.session.session_key).expire_date > timezone.now()

    listed = here.get("/accounts/profile/").context["sessions"]

    assert [s.client_address for s in listed] == ["192.0.2.1"]


def test_the_profile_costs_the_same_queries_for_one_session_or_five(caseworker, django_assert_num_queries):
    client = _login(caseworker)
    client.get("/accounts/profile/")
    with CaptureQueriesContext(connection) as one:
        client.get("/accounts/profile/")
    queries = len(one.captured_queries)  # now: the next request resets the connection's log
    for n in range(4):
        _login(caseworker, address=f"198.51.100.{n}")

    with django_assert_num_queries(queries):
        response = client.get("/accounts/profile/")

    assert len(response.context["sessions"]) == 5


def test_the_profile_page_is_translated(caseworker):
    caseworker.language = "da"
    caseworker.save(update_fields=["language"])

    page = _login(caseworker).get("/accounts/profile/").content.decode()

    assert "Where you are logged in" not in page
    assert "End the other sessions" not in page


# --- ending the others ---------------------------------------------------------------------------------------

def test_a_user_ends_their_other_sessions_and_stays_logged_in(caseworker):
    here = _login(caseworker)
    other = _login(caseworker, address="198.51.100.4")

    response = here.post("/accounts/sessions/end/", follow=True)

    assert [str(m) for m in response.context["messages"]] == ["1 other session has been ended."]
    assert _logged_in(here)
    assert not _logged_in(other)
    assert [s.current for s in here.get("/accounts/profile/").context["sessions"]] == [True]
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.SESSIONS_ENDED)
    assert (event.actor_id, event.object_id, event.detail) == (
        caseworker.pk, str(caseworker.pk), {"reason": "user", "sessions": 1})


def test_ending_sessions_needs_a_post(caseworker):
    assert _login(caseworker).get("/accounts/sessions/end/").status_code == 405


def test_a_session_never_linked_ends_with_the_others(caseworker):
    here = _login(caseworker)
    unlinked = _login(caseworker, address="198.51.100.4")
    UserSession.objects.filter(session_key=unlinked.session.session_key).delete()

    here.post("/accounts/sessions/end/")

    assert not _logged_in(unlinked)
    assert _logged_in(here)


# --- the password changes ------------------------------------------------------------------------------------

def test_changing_your_password_ends_your_other_sessions_and_keeps_this_one(caseworker):
    here = _login(caseworker)
    other = _login(caseworker, address="198.51.100.4")

    response = here.post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert _logged_in(here)
    assert not _logged_in(other)
    assert [s.current for s in here.get("/accounts/profile/").context["sessions"]] == [True]
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.SESSIONS_ENDED)
    assert event.detail == {"reason": "password", "sessions": 1}


def test_a_reset_link_ends_every_session_and_token(caseworker):
    first, second = _login(caseworker), _login(caseworker, address="198.51.100.4")
    token_create(user=caseworker)
    caseworker.refresh_from_db()  # the reset token depends on the last login
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(caseworker.pk))
    form_url = client.get(f"/accounts/password/reset/{uid}/{default_token_generator.make_token(caseworker)}/")

    client.post(form_url["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert not _logged_in(first) and not _logged_in(second)
    assert not ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()
    assert not UserSession.objects.filter(user=caseworker).exists()


def test_an_operator_setting_a_password_ends_that_user_s_sessions(caseworker, django_user_model, client_for):
    operator = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-enough-pw-123")
    session = _login(caseworker)

    client_for(operator).post(f"/admin/accounts/user/{caseworker.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})

    assert not _logged_in(session)


# --- disabling, and the admin's button -----------------------------------------------------------------------

def test_disabling_an_account_in_the_django_admin_ends_its_sessions_and_tokens_for_good(
    caseworker, django_user_model, client_for,
):
    operator = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-enough-pw-123")
    session = _login(caseworker)
    token_create(user=caseworker)
    admin = client_for(operator)
    page = admin.get(f"/admin/accounts/user/{caseworker.pk}/change/")
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data.update({"is_active": "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
                 "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
                 "organisation": caseworker.organisation_id})

    response = admin.post(f"/admin/accounts/user/{caseworker.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    User.objects.filter(pk=caseworker.pk).update(is_active=True)  # enabled again

    assert not _logged_in(session)
    assert not ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()


def test_an_organisation_admin_ends_a_user_s_sessions(caseworker, org_admin, client_for):
    session = _login(caseworker)
    admin = client_for(org_admin)

    response = admin.post(f"/accounts/users/{caseworker.pk}/sessions/end/",
                          {"next": f"/organisation/users/{caseworker.pk}/"})

    assert response.status_code == 302
    assert response["Location"] == f"/organisation/users/{caseworker.pk}/"
    assert not _logged_in(session)
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.SESSIONS_ENDED)
    assert (event.actor_id, event.object_id, event.organisation_id) == (
        org_admin.pk, str(caseworker.pk), caseworker.organisation_id)
    assert event.detail == {"reason": "admin", "sessions": 1}


def test_the_admin_s_button_never_leads_off_site(caseworker, org_admin, client_for):
    response = client_for(org_admin).post(f"/accounts/users/{caseworker.pk}/sessions/end/",
                                          {"next": "https://evil.example/"})

    assert response["Location"] == "/"


@pytest.mark.parametrize("who", ["caseworker", "team_lead", "auditor"])
def test_only_an_organisation_admin_may_end_someone_s_sessions(who, colleague, client_for, request):
    session = _login(colleague)

    response = client_for(request.getfixturevalue(who)).post(f"/accounts/users/{colleague.pk}/sessions/end/")

    assert response.status_code == 403
    assert _logged_in(session)


def test_an_admin_of_another_organisation_gets_404(caseworker, other_organisation, client_for):
    from safehold.accounts.models import Role

    foreign_admin = UserFactory(organisation=other_organisation, roles=[Role.ORG_ADMIN])
    session = _login(caseworker)

    response = client_for(foreign_admin).post(f"/accounts/users/{caseworker.pk}/sessions/end/")

    assert response.status_code == 404
    assert _logged_in(session)


def test_the_user_page_of_the_organisation_has_the_button(caseworker, org_admin, client_for):
    page = client_for(org_admin).get(f"/organisation/users/{caseworker.pk}/").content.decode()

    assert f'action="/accounts/users/{caseworker.pk}/sessions/end/"' in page


# --- keeping the link --------------------------------------------------------------------------------------------

def test_the_api_s_token_exchange_opens_no_session(caseworker):
    Client().post("/api/v1/auth/token", {"username": "alice", "password": PASSWORD}, content_type="application/json")

    assert not UserSession.objects.exists()


def test_every_login_links_its_session(caseworker):
    client = _login(caseworker)

    [link] = UserSession.objects.all()
    assert (link.user, link.session_key, link.client_address) == (caseworker, client.session.session_key, "192.0.2.1")
    assert Session.objects.filter(session_key=link.session_key).exists()
