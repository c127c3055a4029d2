"""Answers that carry a token or a credential's outcome are never kept in a cache: the token exchange, whatever its
outcome, and the authenticated API's answers (core.middleware) alike."""

from __future__ import annotations

import pytest
from axes.utils import reset
from django.test import Client

PASSWORD = "correct horse battery staple"  # what the UserFactory sets
JSON = "application/json"


@pytest.fixture(autouse=True)
def no_earlier_attempts(db):
    reset()


def _ask(password: str, address: str = "192.0.2.1"):
    return Client().post("/api/v1/auth/token", {"username": "alice", "password": password}, content_type=JSON,
                         REMOTE_ADDR=address)


def test_the_token_s_answer_is_not_stored(caseworker):
    response = _ask(PASSWORD)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_refusal_and_a_lockout_are_not_stored_either(caseworker, settings):
    refused = _ask("wrong")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = _ask("wrong")

    assert (refused.status_code, locked.status_code) == (401, 429)
    assert refused["Cache-Control"] == locked["Cache-Control"] == "no-store"


def test_the_answers_of_a_token_holder_are_not_stored(caseworker):
    key = _ask(PASSWORD).json()["token"]

    response = Client().get("/api/v1/auth/tokens", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_profile_page_showing_a_new_token_is_not_stored(caseworker, client_for):
    response = client_for(caseworker).post("/accounts/profile/", {"name": "script", "password": PASSWORD})

    assert response.context["new_key"]
    assert response["Cache-Control"] == "no-store"
