"""A session's expiry moves on with use, but the session is written at most once a minute (accounts/sessions.py):
writing it on every request cut a logged-in server's throughput to a quarter (issue 18)."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safehold.accounts import sessions
from safehold.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"  # what the UserFactory sets


def _login(user: User) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def _expiry(client: Client) -> datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _written_ago(client: Client, seconds: int) -> None:
    """Pretend the session was last written `seconds` ago, and put its expiry back by as much."""
    session = client.session
    session[sessions.REFRESHED] = int(timezone.now().timestamp()) - seconds
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timezone.timedelta(seconds=session.get_expiry_age() - seconds))


def test_a_request_within_the_minute_writes_no_session(caseworker):
    client = _login(caseworker)
    before = _expiry(client)
    client.get("/accounts/profile/")  # the login wrote the session: the first request after it writes nothing
    client.get("/accounts/profile/")
    assert _expiry(client) == before


def test_the_pages_after_a_login_write_no_session(caseworker, client_for):
    """A forced login (as the tests log in) stamps the session too: the query-count tests count page queries."""
    client = client_for(caseworker)
    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/profile/")
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_a_request_a_minute_later_moves_the_expiry_on(caseworker):
    client = _login(caseworker)
    _written_ago(client, 61)
    before = _expiry(client)
    assert client.get("/accounts/profile/").status_code == 200
    after = _expiry(client)
    assert (after - before).total_seconds() >= 60
    assert abs((after - timezone.now()).total_seconds() - 30 * 60) < 10  # idle timeout counted from now


def test_a_session_idle_past_its_timeout_has_ended(caseworker):
    client = _login(caseworker)
    _written_ago(client, 30 * 60 + 1)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_anonymous_request_starts_no_session():
    Client().get("/accounts/login/")
    assert not Session.objects.exists()


def test_logging_out_leaves_no_session_behind(caseworker):
    client = _login(caseworker)
    _written_ago(client, 61)
    client.post("/accounts/logout/")
    assert not Session.objects.exists()
