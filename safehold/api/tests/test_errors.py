"""Every error of the API has one JSON shape: {"message": str, "errors": {field: [str, ...]}}."""

from __future__ import annotations

import pytest

from safehold.cases.models import Case

JSON = "application/json"
INVALID = "The input is not valid."


def assert_error_shape(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["errors"], dict)
    assert all(isinstance(messages, list) and all(isinstance(m, str) for m in messages)
               for messages in body["errors"].values())
    return body


def test_a_missing_field_is_named(caseworker, api_client_for):
    response = api_client_for(caseworker).post("/api/v1/cases", {"family_name": "Weber"}, content_type=JSON)

    body = assert_error_shape(response, 400)
    assert body == {"message": INVALID, "errors": {"reference": ["Field required"]}}
    assert not Case.objects.exists()


@pytest.mark.parametrize(("payload", "field"), [
    ({"reference": 12, "family_name": "Weber"}, "reference"),
    ({"reference": "X-1", "family_name": ["Weber"]}, "family_name"),
    ({"reference": "X-1", "family_name": "Weber", "team_id": "the north team"}, "team_id"),
    ({"reference": "X-1", "family_name": "Weber", "opened_on": "31/12/2025"}, "opened_on"),
    ({"reference": "X-1", "family_name": "Weber", "language": "fr"}, "language"),
    ({"reference": "X" * 41, "family_name": "Weber"}, "reference"),
])
def test_a_value_of_the_wrong_type_or_form_is_named(caseworker, api_client_for, payload, field):
    response = api_client_for(caseworker).post("/api/v1/cases", payload, content_type=JSON)

    body = assert_error_shape(response, 400)
    assert body["message"] == INVALID
    assert list(body["errors"]) == [field]
    assert not Case.objects.exists()


def test_every_invalid_field_is_named_at_once(caseworker, case, api_client_for):
    response = api_client_for(caseworker).post(f"/api/v1/cases/{case.pk}/people",
                                               {"role": "aunt", "birth_date": "soon"}, content_type=JSON)

    body = assert_error_shape(response, 400)
    assert set(body["errors"]) == {"role", "first_name", "birth_date"}


def test_an_unknown_status_is_refused(caseworker, case, api_client_for):
    client = api_client_for(caseworker)

    in_the_body = client.post(f"/api/v1/cases/{case.pk}/transition", {"status": "archived"},
                              content_type=JSON)
    in_the_query = client.get("/api/v1/cases", {"status": "archived"})

    for response in (in_the_body, in_the_query):
        body = assert_error_shape(response, 400)
        assert list(body["errors"]) == ["status"]
    case.refresh_from_db()
    assert case.status == "referral"


def test_a_body_that_is_not_json_is_refused(caseworker, api_client_for):
    response = api_client_for(caseworker).post("/api/v1/cases", "{reference: X-1", content_type=JSON)

    body = assert_error_shape(response, 400)
    assert body == {"message": "Cannot parse request body", "errors": {}}


def test_a_path_id_that_is_not_a_number_is_refused(caseworker, api_client_for):
    response = api_client_for(caseworker).get("/api/v1/cases/JA-2026-0001")

    body = assert_error_shape(response, 400)
    assert list(body["errors"]) == ["case_id"]


def test_a_service_refusal_repeats_its_first_message(caseworker, case, api_client_for):
    response = api_client_for(caseworker).post(f"/api/v1/cases/{case.pk}/reopen",
                                               {"status": "assessment", "reason": " "}, content_type=JSON)

    body = assert_error_shape(response, 400)
    assert set(body["errors"]) == {"status", "reason"}
    assert body["message"] == body["errors"]["status"][0]


def test_401_403_404_and_409_have_the_same_shape(caseworker, consultant, auditor, colleague, case, anonymous,
                                                 api_client_for):
    assert_error_shape(anonymous.get("/api/v1/cases"), 401)
    assert_error_shape(api_client_for(auditor).get(f"/api/v1/cases/{case.pk}"), 403)
    assert_error_shape(api_client_for(colleague).get(f"/api/v1/cases/{case.pk}"), 404)
    api_client_for(consultant).patch(f"/api/v1/cases/{case.pk}", {"version": 1, "summary": "a"},
                                     content_type=JSON)
    conflict = api_client_for(caseworker).patch(f"/api/v1/cases/{case.pk}", {"version": 1, "summary": "b"},
                                                content_type=JSON)
    body = assert_error_shape(conflict, 409)
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    assert body["current"]["summary"] == "a"


# What the database cannot hold must be refused as input, not fail as a 500 (PostgreSQL refuses NUL in
# text; SQLite and PostgreSQL stop at 64-bit integers).

@pytest.mark.parametrize(("method", "path", "payload", "field"), [
    ("post", "/api/v1/cases", {"reference": "X\x001", "family_name": "Weber"}, "reference"),
    ("patch", "/api/v1/cases/{case}", {"version": 1, "summary": "a\x00b"}, "summary"),
    ("post", "/api/v1/cases/{case}/people", {"role": "child", "first_name": "Ida", "notes": "\x00"}, "notes"),
    ("post", "/api/v1/auth/token", {"username": "alice\x00", "password": "x"}, "username"),
])
def test_a_null_character_in_the_body_is_refused(
    caseworker, case, api_client_for, method, path, payload, field,
):
    client = api_client_for(caseworker)

    response = getattr(client, method)(path.format(case=case.pk), payload, content_type=JSON)

    body = assert_error_shape(response, 400)
    assert list(body["errors"]) == [field]
    case.refresh_from_db()
    assert (case.version, case.people.count(), Case.objects.count()) == (1, 0, 1)


def test_a_null_character_in_the_search_is_refused(caseworker, case, api_client_for):
    response = api_client_for(caseworker).get("/api/v1/cases", {"q": "Sør\x00ensen"})

    body = assert_error_shape(response, 400)
    assert list(body["errors"]) == ["q"]


@pytest.mark.parametrize("parameter", ["offset", "worker", "team"])
@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
def test_a_filter_number_beyond_64_bits_is_refused(caseworker, case, api_client_for, parameter, value):
    response = api_client_for(caseworker).get("/api/v1/cases", {parameter: value})

    body = assert_error_shape(response, 400)
    assert list(body["errors"]) == [parameter]


def test_the_largest_64_bit_offset_is_still_a_page(caseworker, case, api_client_for):
    response = api_client_for(caseworker).get("/api/v1/cases", {"offset": 2**63 - 1})

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 1}


def test_text_that_is_not_valid_unicode_is_refused(caseworker, api_client_for):
    # A lone surrogate is valid JSON ("\ud800") but no character: it could not be stored.
    body = '{"reference": "X-\\ud800", "family_name": "Weber"}'

    response = api_client_for(caseworker).post("/api/v1/cases", body, content_type=JSON)

    assert list(assert_error_shape(response, 400)["errors"]) == ["reference"]
    assert not Case.objects.exists()
