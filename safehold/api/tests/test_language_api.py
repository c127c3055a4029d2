"""The API answers in the language the caller chose in their profile, like the web interface."""

from __future__ import annotations

import pytest
from django.utils import translation

from safehold.accounts.models import User

JSON = "application/json"


@pytest.fixture(autouse=True)
def active_language_restored():
    # The API activates the caller's language for the rest of the thread; keep it out of other tests.
    with translation.override("en"):
        yield


def speaking(user, language: str):
    User.objects.filter(pk=user.pk).update(language=language)
    user.refresh_from_db()
    return user


def test_a_german_caller_is_told_in_german_that_a_case_is_not_found(caseworker, api_client_for):
    response = api_client_for(speaking(caseworker, "de")).get("/api/v1/cases/987654")

    assert response.status_code == 404
    assert response.json() == {"message": "Nicht gefunden.", "errors": {}}


def test_a_danish_caller_gets_service_and_schema_errors_in_danish(caseworker, case, api_client_for):
    client = api_client_for(speaking(caseworker, "da"))

    refused = client.post(f"/api/v1/cases/{case.pk}/transition", {"status": "closed"}, content_type=JSON)
    invalid = client.post("/api/v1/cases", {"family_name": "Weber"}, content_type=JSON)

    assert refused.json()["errors"] == {"outcome": ["Vælg udfaldet, før du afslutter sagen."]}
    assert invalid.json()["message"] == "Indtastningen er ugyldig."


def test_a_caller_without_a_chosen_language_gets_english(caseworker, api_client_for):
    response = api_client_for(caseworker).get("/api/v1/cases/987654")

    assert response.json()["message"] == "Not found."
