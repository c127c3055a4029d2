"""The API's children's outcomes: closing with `outcomes` (and with the old single `outcome`), a child leaving
the plan (POST/DELETE /api/v1/cases/{id}/people/{person_id}/outcome) and `child_outcomes` in the case."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safehold.cases.models import ChildOutcome
from safehold.testing.factories import CaseFactory, PersonFactory

JSON = "application/json"


def transition(client, case, **payload):
    return client.post(f"/api/v1/cases/{case.pk}/transition", payload, content_type=JSON)


@pytest.fixture
def emil(case):
    return PersonFactory(case=case, role="child", first_name="Emil", last_name="Sørensen")


def test_closing_takes_each_child_s_outcome(caseworker, case, child, emil, api_client_for):
    today = timezone.localdate().isoformat()
    response = transition(api_client_for(caseworker), case, status="closed", outcomes=[
        {"child": child.pk, "outcome": "kept_home", "on": today, "note": ""},
        {"child": emil.pk, "outcome": "residential_care"}])

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "placed"
    assert sorted((row["child_name"], row["outcome"], row["on"], row["closing_id"] is not None)
                  for row in body["child_outcomes"]) == [
        ("Emil Sørensen", "residential_care", today, True), ("Freja Sørensen", "kept_home", today, True)]


def test_the_old_single_outcome_closes_and_applies_to_every_child_without_their_own(
        caseworker, case, child, emil, api_client_for):
    response = transition(api_client_for(caseworker), case, status="closed", outcome="stayed_home",
                          outcomes=[{"child": emil.pk, "outcome": "foster_care"}])

    assert response.status_code == 200
    assert {(row["child"], row["outcome"]) for row in response.json()["child_outcomes"]} == {
        (child.pk, "kept_home"), (emil.pk, "foster_care")}


def test_closing_without_an_outcome_for_each_child_answers_400_with_their_names(
        caseworker, case, child, emil, api_client_for):
    response = transition(api_client_for(caseworker), case, status="closed",
                          outcomes=[{"child": child.pk, "outcome": "kept_home"}])

    assert response.status_code == 400
    assert response.json()["errors"] == {"outcomes": [
        "Choose an outcome for each child, or one for every child without their own: Emil Sørensen."]}
    assert not ChildOutcome.objects.exists()


def test_a_child_of_another_case_answers_a_field_error(caseworker, case, child, organisation, api_client_for):
    other = PersonFactory(case=CaseFactory(organisation=organisation), role="child")
    response = transition(api_client_for(caseworker), case, status="closed", outcome="other",
                          outcomes=[{"child": other.pk, "outcome": "kept_home"}])
    assert response.status_code == 400
    assert response.json()["errors"] == {"outcomes.0.child": ["Choose a child of this case."]}


def test_an_unknown_outcome_is_refused_by_the_schema(caseworker, case, child, api_client_for):
    response = transition(api_client_for(caseworker), case, status="closed",
                          outcomes=[{"child": child.pk, "outcome": "flew_away"}])
    assert response.status_code == 400
    assert not ChildOutcome.objects.exists()


def test_a_child_leaves_the_plan_and_back(caseworker, case, child, api_client_for):
    client = api_client_for(caseworker)
    url = f"/api/v1/cases/{case.pk}/people/{child.pk}/outcome"

    recorded = client.post(url, {"outcome": "foster_care", "note": "Familie Jensen"}, content_type=JSON)

    assert recorded.status_code == 201
    assert (recorded.json()["outcome"], recorded.json()["closing_id"]) == ("foster_care", None)
    detail = client.get(f"/api/v1/cases/{case.pk}").json()
    assert [row["child"] for row in detail["child_outcomes"]] == [child.pk]
    assert client.post(url, {"outcome": "other"}, content_type=JSON).status_code == 400  # once only

    assert client.delete(url).status_code == 204
    assert client.get(f"/api/v1/cases/{case.pk}").json()["child_outcomes"] == []
    assert client.delete(url).status_code == 404


def test_a_parent_does_not_leave_the_plan(caseworker, case, parent, api_client_for):
    response = api_client_for(caseworker).post(f"/api/v1/cases/{case.pk}/people/{parent.pk}/outcome",
                                               {"outcome": "other"}, content_type=JSON)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["child"]


def test_a_closed_case_takes_no_outcome_outside_its_closing(caseworker, closed_case, child, api_client_for):
    response = api_client_for(caseworker).post(f"/api/v1/cases/{closed_case.pk}/people/{child.pk}/outcome",
                                               {"outcome": "other"}, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["message"] == "This case is closed. Reopen it to change it."


def test_another_organisation_s_case_is_not_found(stranger, case, child, api_client_for):
    response = api_client_for(stranger).post(f"/api/v1/cases/{case.pk}/people/{child.pk}/outcome",
                                             {"outcome": "other"}, content_type=JSON)
    assert response.status_code == 404
