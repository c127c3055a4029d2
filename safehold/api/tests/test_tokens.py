"""POST /auth/token, GET /auth/tokens, DELETE /auth/tokens/{id}, and what a bearer token opens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from safehold.accounts.models import ApiToken, User
from safehold.accounts.services import token_create

JSON = "application/json"
PASSWORD = "correct horse battery staple"  # what the UserFactory sets
TOKEN_URL = "/api/v1/auth/token"
TOKENS_URL = "/api/v1/auth/tokens"
UNAUTHORISED = {"message": "Send a valid token: Authorization: Bearer <token>.", "errors": {}}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_the_right_password_gets_a_token_that_opens_the_api(caseworker, anonymous):
    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD, "name": "Laptop"},
                              content_type=JSON)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expires_at"}
    token = ApiToken.objects.get(user=caseworker)
    assert token.key_hash == ApiToken.hash_key(body["token"])
    assert token.prefix == body["token"][:8]
    assert token.name == "Laptop"
    # JSON carries milliseconds; the database keeps microseconds.
    assert abs(parse_datetime(body["expires_at"]) - token.expires_at) < timedelta(milliseconds=1)
    lifetime = token.expires_at - timezone.now()
    assert timedelta(days=settings.SAFEHOLD_API_TOKEN_DAYS) - lifetime < timedelta(minutes=1)

    caseworker.refresh_from_db()
    assert caseworker.last_login is not None  # a token exchange is a login

    listed = anonymous.get(TOKENS_URL, headers=bearer(body["token"]))
    assert listed.status_code == 200
    assert [t["id"] for t in listed.json()] == [token.pk]


def test_only_a_hash_of_the_token_is_stored(caseworker, anonymous):
    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, content_type=JSON)

    key = response.json()["token"]
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert ApiToken.objects.filter(key_hash=ApiToken.hash_key(key), name="API").count() == 1


@pytest.mark.parametrize(("username", "password"), [("alice", "wrong password"), ("nobody", PASSWORD)])
def test_a_wrong_password_or_unknown_user_answers_the_same_401_and_issues_no_token(
    caseworker, anonymous, username, password,
):
    response = anonymous.post(TOKEN_URL, {"username": username, "password": password}, content_type=JSON)

    assert response.status_code == 401
    assert response.json() == {"message": "Wrong user name or password.", "errors": {}}
    assert not ApiToken.objects.exists()


def test_a_deactivated_user_gets_no_token(caseworker, anonymous):
    User.objects.filter(pk=caseworker.pk).update(is_active=False)

    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, content_type=JSON)

    assert response.status_code == 401
    assert not ApiToken.objects.exists()


@override_settings(SAFEHOLD_ALLOW_DEMO_USERS=False)
def test_a_demo_user_gets_no_token_where_demo_users_are_switched_off(caseworker, anonymous):
    User.objects.filter(pk=caseworker.pk).update(is_demo=True)

    response = anonymous.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, content_type=JSON)

    assert response.status_code == 401
    assert not ApiToken.objects.exists()


def test_the_token_list_shows_only_your_own_tokens_and_never_a_secret(caseworker, colleague, api_client_for):
    client = api_client_for(caseworker)
    second, _key = token_create(user=caseworker, name="Tablet")
    token_create(user=colleague, name="Bob's")

    response = client.get(TOKENS_URL)

    assert response.status_code == 200
    tokens = response.json()
    own = set(ApiToken.objects.filter(user=caseworker).values_list("pk", flat=True))
    assert len(tokens) == 2
    assert {t["id"] for t in tokens} == own
    fields = {"id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"}
    assert all(set(token) == fields for token in tokens)
    assert next(t for t in tokens if t["id"] == second.pk)["prefix"] == second.prefix


def test_you_can_revoke_your_own_token_and_it_stops_working(caseworker, api_client_for):
    client = api_client_for(caseworker)
    spare, spare_key = token_create(user=caseworker, name="spare")

    response = client.delete(f"{TOKENS_URL}/{spare.pk}")

    assert response.status_code == 204
    spare.refresh_from_db()
    assert spare.revoked_at is not None
    refused = Client().get(TOKENS_URL, headers=bearer(spare_key))
    assert refused.status_code == 401
    assert refused.json() == UNAUTHORISED
    assert client.get(TOKENS_URL).status_code == 200


def test_a_token_can_revoke_itself(caseworker):
    token, key = token_create(user=caseworker)
    client = Client(headers=bearer(key))

    assert client.delete(f"{TOKENS_URL}/{token.pk}").status_code == 204
    assert client.get(TOKENS_URL).status_code == 401


def test_revoking_someone_elses_token_answers_404_and_leaves_it_working(
    caseworker, colleague, api_client_for,
):
    theirs, their_key = token_create(user=colleague)

    response = api_client_for(caseworker).delete(f"{TOKENS_URL}/{theirs.pk}")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert Client().get(TOKENS_URL, headers=bearer(their_key)).status_code == 200


def test_revoking_a_token_that_does_not_exist_answers_404(caseworker, api_client_for):
    response = api_client_for(caseworker).delete(f"{TOKENS_URL}/987654")

    assert response.status_code == 404
    assert response.json()["message"] == "Not found."


def test_an_expired_token_answers_401(caseworker):
    token, key = token_create(user=caseworker)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = Client().get("/api/v1/cases", headers=bearer(key))

    assert response.status_code == 401
    assert response.json() == UNAUTHORISED


def test_the_token_of_a_deactivated_user_answers_401(caseworker):
    _token, key = token_create(user=caseworker)
    User.objects.filter(pk=caseworker.pk).update(is_active=False)

    response = Client().get("/api/v1/cases", headers=bearer(key))

    assert response.status_code == 401
    assert response.json() == UNAUTHORISED


@pytest.mark.parametrize("header", [
    None,
    "Bearer",
    "Bearer ",
    "Bearer not-a-token-anyone-was-given",
    "Token {key}",
    "{key}",
    "Basic YWxpY2U6Y29ycmVjdCBob3JzZQ==",
])
def test_a_request_without_a_valid_bearer_token_answers_401(caseworker, case, header):
    _token, key = token_create(user=caseworker)
    headers = {} if header is None else {"Authorization": header.format(key=key)}

    response = Client().get(f"/api/v1/cases/{case.pk}", headers=headers)

    assert response.status_code == 401
    assert response.json() == UNAUTHORISED


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/v1/auth/tokens"),
    ("delete", "/api/v1/auth/tokens/1"),
    ("get", "/api/v1/cases"),
    ("post", "/api/v1/cases"),
    ("get", "/api/v1/cases/{case}"),
    ("patch", "/api/v1/cases/{case}"),
    ("post", "/api/v1/cases/{case}/transition"),
    ("post", "/api/v1/cases/{case}/reopen"),
    ("get", "/api/v1/cases/{case}/people"),
    ("post", "/api/v1/cases/{case}/people"),
    ("get", "/api/v1/cases/{case}/people/{person}"),
    ("patch", "/api/v1/cases/{case}/people/{person}"),
    ("delete", "/api/v1/cases/{case}/people/{person}"),
])
def test_every_endpoint_but_the_token_exchange_requires_a_token(anonymous, case, child, method, path):
    url = path.format(case=case.pk, person=child.pk)

    response = getattr(anonymous, method)(url, {}, content_type=JSON)

    assert response.status_code == 401
    assert response.json() == UNAUTHORISED
    case.refresh_from_db()
    child.refresh_from_db()
    assert (case.version, child.version) == (1, 1)


def test_using_a_token_records_when_it_was_last_used(caseworker):
    token, key = token_create(user=caseworker)
    assert token.last_used_at is None

    Client().get(TOKENS_URL, headers=bearer(key))

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)
