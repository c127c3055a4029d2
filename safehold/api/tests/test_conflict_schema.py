"""A 409 answers with the record as it is now (`current`): the OpenAPI document describes it, operation by
operation, as the records it can be, and a real answer holds no field its schema does not declare."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest

from safehold.api.tests.strict_schema import answer_schema, strict_answers
from safehold.api.urls import api
from safehold.words_pictures import services as words_pictures

pytestmark = pytest.mark.django_db

JSON = "application/json"
PREFIX = "/api/v1"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return strict_answers(api.get_openapi_schema())


def _component(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]


def test_every_409_is_described_with_the_records_its_current_can_be(document):
    described = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            response = operation["responses"].get(409) or operation["responses"].get("409")
            if response is None:
                continue
            conflict = _component(document, response["content"]["application/json"]["schema"])
            assert {"message", "errors", "current"} <= set(conflict["properties"]), (method, path)
            assert "current" in conflict["required"], (method, path)
            current = conflict["properties"]["current"]
            records = [option["$ref"] for option in current.get("anyOf", [current]) if "$ref" in option]
            assert records, f"{method} {path}: `current` does not name the records it can be: {current}"
            described.append((method, path))
    # The cases' own operations and every PATCH or PUT that takes a version.
    assert ("patch", f"{PREFIX}/cases/{{case_id}}") in described
    assert ("patch", f"{PREFIX}/cases/{{case_id}}/words-pictures/{{story_id}}") in described
    assert len(described) >= 25


def _assert_answers_within(document, path: str, method: str, response) -> dict[str, Any]:
    assert response.status_code == 409
    body = response.json()
    validator = jsonschema_rs.validator_for(answer_schema(document, path, method, 409))
    errors = [f"{error.instance_path}: {error.message}" for error in validator.iter_errors(body)]
    assert not errors, errors
    return body


def test_a_stale_case_is_a_409_within_its_schema(document, case, alice):
    # Answered by api.errors for every ConflictError a router does not answer itself.
    url = f"{PREFIX}/cases/{case.pk}"
    assert alice.patch(url, {"version": 1, "summary": "First"}, content_type=JSON).status_code == 200
    response = alice.patch(url, {"version": 1, "summary": "Second"}, content_type=JSON)
    body = _assert_answers_within(document, f"{PREFIX}/cases/{{case_id}}", "patch", response)
    assert (body["current"]["id"], body["current"]["summary"]) == (case.pk, "First")


def test_a_stale_person_is_a_409_within_its_schema(document, case, child, alice):
    url = f"{PREFIX}/cases/{case.pk}/people/{child.pk}"
    assert alice.patch(url, {"version": 1, "notes": "First"}, content_type=JSON).status_code == 200
    response = alice.patch(url, {"version": 1, "notes": "Second"}, content_type=JSON)
    body = _assert_answers_within(document, f"{PREFIX}/cases/{{case_id}}/people/{{person_id}}", "patch", response)
    assert (body["current"]["id"], body["current"]["notes"]) == (child.pk, "First")


def test_a_stale_story_is_a_409_within_its_schema(document, case, caseworker, alice, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    story = words_pictures.story_create(actor=caseworker, case=case)
    url = f"{PREFIX}/cases/{case.pk}/words-pictures/{story.pk}"
    assert alice.patch(url, {"version": 1, "title": "First"}, content_type=JSON).status_code == 200
    response = alice.patch(url, {"version": 1, "title": "Second"}, content_type=JSON)
    body = _assert_answers_within(document, f"{PREFIX}/cases/{{case_id}}/words-pictures/{{story_id}}", "patch",
                                  response)
    assert (body["current"]["id"], body["current"]["title"]) == (story.pk, "First")
