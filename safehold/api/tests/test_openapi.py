"""GET /api/v1/openapi.json describes the API for client generators."""

from __future__ import annotations

import pytest

URL = "/api/v1/openapi.json"
OPERATIONS = {
    "/api/v1/auth/token": {"post"},
    "/api/v1/auth/tokens": {"get"},
    "/api/v1/auth/tokens/{token_id}": {"delete"},
    "/api/v1/cases": {"get", "post"},
    "/api/v1/cases/{case_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/transition": {"post"},
    "/api/v1/cases/{case_id}/reopen": {"post"},
    "/api/v1/cases/{case_id}/people": {"get", "post"},
    "/api/v1/cases/{case_id}/people/{person_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/maps": {"get", "post"},
    "/api/v1/cases/{case_id}/maps/{map_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/maps/{map_id}/pdf": {"get"},
    "/api/v1/cases/{case_id}/scaling": {"get"},
    "/api/v1/cases/{case_id}/safety-plans": {"get", "post"},
    "/api/v1/cases/{case_id}/safety-plans/{plan_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/safety-plans/{plan_id}/transition": {"post"},
    "/api/v1/cases/{case_id}/safety-plans/{plan_id}/coverage": {"get"},
    "/api/v1/cases/{case_id}/safety-plans/{plan_id}/checkins": {"get", "post"},
    "/api/v1/cases/{case_id}/safety-plans/{plan_id}/sign-offs": {"post"},
    "/api/v1/cases/{case_id}/safety-plans/{plan_id}/pdf": {"get"},
    "/api/v1/cases/{case_id}/children/{person_id}/three-houses": {"get", "post"},
    "/api/v1/cases/{case_id}/children/{person_id}/three-houses/{conversation_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/children/{person_id}/three-houses/{conversation_id}/pdf": {"get"},
    "/api/v1/cases/{case_id}/children/{person_id}/safety-house": {"get", "post"},
    "/api/v1/cases/{case_id}/children/{person_id}/safety-house/{house_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/children/{person_id}/safety-house/{house_id}/pdf": {"get"},
    "/api/v1/cases/{case_id}/words-pictures": {"get", "post"},
    "/api/v1/cases/{case_id}/words-pictures/{story_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/words-pictures/{story_id}/transition": {"post"},
    "/api/v1/cases/{case_id}/words-pictures/{story_id}/pdf": {"get"},
    "/api/v1/cases/{case_id}/relationships": {"get", "post"},
    "/api/v1/cases/{case_id}/relationships/{relationship_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/network": {"get"},
    "/api/v1/cases/{case_id}/network/coordinator": {"put"},
    "/api/v1/cases/{case_id}/network/circles": {"post"},
    "/api/v1/cases/{case_id}/genogram.svg": {"get"},
    "/api/v1/cases/{case_id}/ecomap.svg": {"get"},
}


@pytest.fixture
def schema(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_schema_is_served_without_a_token_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Safehold API"
    assert schema["info"]["version"] == "1"


def test_the_schema_lists_every_path_and_method(schema):
    described = {path: set(operations) for path, operations in schema["paths"].items()}

    assert described == OPERATIONS


def test_every_operation_but_the_token_exchange_asks_for_a_bearer_token(schema):
    [scheme] = schema["components"]["securitySchemes"].values()
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if (path, method) == ("/api/v1/auth/token", "post"):
                assert "security" not in operation
            else:
                assert operation["security"], (method, path)


def error_schema_of(operation, status: str) -> dict:
    return operation["responses"][status]["content"]["application/json"]["schema"]


def test_the_error_answers_are_described_with_the_error_schema(schema):
    patch_case = schema["paths"]["/api/v1/cases/{case_id}"]["patch"]

    for status in ("400", "401", "403", "404", "409"):
        assert error_schema_of(patch_case, status) == {"$ref": "#/components/schemas/Error"}
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"message", "errors"}


def test_every_operation_with_input_describes_its_400_and_every_one_behind_a_token_its_401(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = []
            if operation.get("parameters") or "requestBody" in operation:
                expected.append("400")
            if "security" in operation:
                expected.append("401")
            for status in expected:
                assert error_schema_of(operation, status) == {"$ref": "#/components/schemas/Error"}, (
                    method, path, status,
                )


def test_a_patch_is_described_as_needing_the_version(schema):
    assert "version" in schema["components"]["schemas"]["CasePatch"]["required"]
    assert "version" in schema["components"]["schemas"]["PersonPatch"]["required"]
