"""GET /api/v1/openapi.json describes the API for client generators."""

from __future__ import annotations

import pytest
from django.test import Client

URL = "/api/v1/openapi.json"
OPERATIONS = {
    "/api/v1/cases/{case_id}/meetings": {"get", "post"},
    "/api/v1/cases/{case_id}/meetings/{meeting_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/meetings/{meeting_id}/help-plan": {"get", "put"},
    "/api/v1/cases/{case_id}/meetings/{meeting_id}/help-plan/sign-offs": {"post"},
    "/api/v1/cases/{case_id}/meetings/{meeting_id}/help-plan/sign-offs/{sign_off_id}": {"delete"},
    "/api/v1/cases/{case_id}/meetings/{meeting_id}/help-plan/pdf": {"get"},
    "/api/v1/cases/{case_id}/placements": {"get", "post"},
    "/api/v1/cases/{case_id}/clarification-assignments": {"get", "post"},
    "/api/v1/cases/{case_id}/clarification-assignments/{clarification_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/placements/{placement_id}/recommendation": {"get", "put", "delete"},
    "/api/v1/cases/{case_id}/placements/{placement_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/placements/{placement_id}/timeline.svg": {"get"},
    "/api/v1/cases/{case_id}/placements/{placement_id}/contacts": {"get", "post"},
    "/api/v1/cases/{case_id}/placements/{placement_id}/contacts/{contact_visit_id}": {"get", "patch", "delete"},
    "/api/v1/auth/token": {"post"},
    "/api/v1/auth/tokens": {"get"},
    "/api/v1/auth/tokens/{token_id}": {"delete"},
    "/api/v1/cases": {"get", "post"},
    "/api/v1/cases/{case_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/transition": {"post"},
    "/api/v1/cases/{case_id}/reopen": {"post"},
    "/api/v1/cases/{case_id}/people": {"get", "post"},
    "/api/v1/cases/{case_id}/people/{person_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/people/{person_id}/subject-access": {"get"},
    "/api/v1/cases/{case_id}/people/{person_id}/subject-access/pdf": {"get"},
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
    "/api/v1/cases/{case_id}/files/{file_id}": {"get"},
    # The target-group screenings and a child's outcome when they leave the plan.
    "/api/v1/cases/{case_id}/screenings": {"get", "post"},
    "/api/v1/cases/{case_id}/screenings/{screening_id}": {"get", "patch"},
    "/api/v1/cases/{case_id}/referrals": {"get", "post"},
    "/api/v1/cases/{case_id}/referrals/{referral_id}": {"get", "patch", "delete"},
    "/api/v1/cases/{case_id}/people/{person_id}/outcome": {"post", "delete"},
    # The directory of offers (resources), its districts and cooperation agreements.
    "/api/v1/offers": {"get", "post"},
    "/api/v1/offers/{offer_id}": {"get", "patch"},
    "/api/v1/offers/districts": {"get"},
    "/api/v1/offers/agreements": {"get"},
    # The reports: one JSON and one CSV path each (reports.registry.REPORTS).
    "/api/v1/reports/outcomes": {"get"},
    "/api/v1/reports/outcomes.csv": {"get"},
    "/api/v1/reports/time-to-plan": {"get"},
    "/api/v1/reports/time-to-plan.csv": {"get"},
    "/api/v1/reports/safety-scale": {"get"},
    "/api/v1/reports/safety-scale.csv": {"get"},
    "/api/v1/reports/teams": {"get"},
    "/api/v1/reports/teams.csv": {"get"},
    "/api/v1/reports/caseload": {"get"},
    "/api/v1/reports/caseload.csv": {"get"},
    "/api/v1/reports/fidelity": {"get"},
    "/api/v1/reports/fidelity.csv": {"get"},
    "/api/v1/reports/unmet-needs": {"get"},
    "/api/v1/reports/unmet-needs.csv": {"get"},
}


@pytest.fixture
def schema(alice):
    response = alice.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_without_a_token_or_a_login_the_schema_is_refused_like_any_endpoint(anonymous):
    response = anonymous.get(URL)

    assert response.status_code == 401
    assert response.json() == {"message": "Send a valid token: Authorization: Bearer <token>.", "errors": {}}
    assert b"/api/v1/cases" not in response.content


def test_a_revoked_token_does_not_open_the_schema(caseworker):
    from safehold.accounts.services import token_create, token_revoke

    token, key = token_create(user=caseworker, name="test")
    token_revoke(user=caseworker, token=token)

    assert Client(headers={"Authorization": f"Bearer {key}"}).get(URL).status_code == 401


def test_a_user_logged_in_to_the_pages_reads_the_schema(caseworker, client_for):
    assert client_for(caseworker).get(URL).status_code == 200


def test_a_login_still_waiting_for_its_second_factor_does_not_open_the_schema(caseworker, client):
    from safehold.accounts.tests.otp import enrol

    enrol(caseworker)
    client.force_login(caseworker)  # the password only: the session has not seen the second factor

    assert client.get(URL).status_code == 401


def test_the_setting_serves_the_schema_to_everyone(anonymous, settings):
    settings.SAFEHOLD_PUBLIC_API_SCHEMA = True

    assert anonymous.get(URL).status_code == 200


def test_every_list_that_pages_names_the_same_maximum_for_limit(schema):
    from safehold.api.schemas import PAGE_MAX

    limits = {path: param["schema"] for path, operations in schema["paths"].items()
              for operation in operations.values() for param in operation.get("parameters", [])
              if param["name"] == "limit"}
    assert set(limits) >= {"/api/v1/cases", "/api/v1/offers"}
    for path, limit in limits.items():
        assert (limit.get("minimum"), limit.get("maximum")) == (1, PAGE_MAX), path


def test_the_schema_is_served_as_openapi_3(schema):
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

    for status in ("400", "401", "403", "404"):
        assert error_schema_of(patch_case, status) == {"$ref": "#/components/schemas/Error"}
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"message", "errors"}
    # A 409 is an error that also shows the record as it is now (test_conflict_schema.py).
    assert error_schema_of(patch_case, "409") == {"$ref": "#/components/schemas/CaseConflict"}
    assert set(schema["components"]["schemas"]["CaseConflict"]["properties"]) == {"message", "errors", "current"}


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


def _request_schema(schema, path, method="post"):
    body = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]


def _resolved(schema, field):
    if "$ref" in field:
        return schema["components"]["schemas"][field["$ref"].rsplit("/", 1)[-1]]
    return field


def test_each_transition_is_documented_with_its_own_body(schema):
    # Three request models of one name once collapsed into one: every transition showed the story's statuses.
    bodies = {path: _request_schema(schema, path) for path in (
        "/api/v1/cases/{case_id}/transition",
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}/transition",
        "/api/v1/cases/{case_id}/words-pictures/{story_id}/transition",
    )}
    statuses = {path: str(_resolved(schema, body["properties"]["status"])) for path, body in bodies.items()}
    assert "monitoring" in statuses["/api/v1/cases/{case_id}/transition"]
    assert "approved" in statuses["/api/v1/cases/{case_id}/safety-plans/{plan_id}/transition"]
    assert "read_with_children" in statuses["/api/v1/cases/{case_id}/words-pictures/{story_id}/transition"]
    assert len({body["title"] for body in bodies.values()}) == 3


def test_a_patch_documents_null_only_where_it_clears_a_field(schema, alice, case):
    patch = _request_schema(schema, "/api/v1/cases/{case_id}", "patch")
    documented_nullable = {name for name, field in patch["properties"].items()
                           if any(option.get("type") == "null" for option in field.get("anyOf", []))}
    # A case always has a team (so that its team lead sees it): null is not documented for team_id.
    assert documented_nullable == {"legal_basis_id"}
    # …and the API behaves so: null clears the legal basis, null for the summary is refused on its field.
    assert alice.patch(f"/api/v1/cases/{case.pk}", {"version": 1, "legal_basis_id": None},
                       content_type="application/json").status_code == 200
    refused = alice.patch(f"/api/v1/cases/{case.pk}", {"version": 2, "summary": None},
                          content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"summary": ["This field cannot be empty."]}


def _patch_models():
    from safehold.api import schemas

    found, stack = [], [schemas.Patch]
    while stack:
        model = stack.pop()
        found.append(model)
        stack.extend(model.__subclasses__())
    return {model.__name__: model for model in found if model is not schemas.Patch}


def test_every_patch_body_refuses_null_where_it_cannot_clear_a_field(schema):
    models = _patch_models()
    for path, operations in schema["paths"].items():
        if "patch" in operations:
            body = _request_schema(schema, path, "patch")
            assert body["title"] in models, f"PATCH {path} takes {body['title']}, which is not a Patch"
    for name, model in models.items():
        documented = {field for field, spec in model.model_json_schema()["properties"].items()
                      if any(option.get("type") == "null" for option in spec.get("anyOf", []))}
        assert documented <= set(model.nullable), f"{name} documents null for {sorted(documented - model.nullable)}"
