"""Who may do what on a case through the API: the access policy of cases/access.py, endpoint by endpoint.

Assigned caseworkers and consultants and the lead of the case's team read and change it; auditors are
told 403 (they may read access logs only); everyone else gets the same 404 as for a case that does not
exist, so that nobody learns that a case exists.
"""

from __future__ import annotations

import pytest

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}
FORBIDDEN = {"message": "You may not do this.", "errors": {}}

# Each read names what its answer must hold: the case, the list of its people, the person.
READS = {
    "read the case": ("get", "/api/v1/cases/{case}", None, lambda body, case, person: body["id"] == case.pk),
    "list its people": ("get", "/api/v1/cases/{case}/people", None,
                        lambda body, case, person: [p["id"] for p in body["items"]] == [person.pk]),
    "read a person": ("get", "/api/v1/cases/{case}/people/{person}", None,
                      lambda body, case, person: body["id"] == person.pk),
}
WRITES = {
    "change the case": ("patch", "/api/v1/cases/{case}", {"version": 1, "summary": "Changed."}, 200),
    "move the case on": ("post", "/api/v1/cases/{case}/transition", {"status": "assessment"}, 200),
    "add a person": ("post", "/api/v1/cases/{case}/people", {"role": "child", "first_name": "Ida"}, 201),
    "change a person": ("patch", "/api/v1/cases/{case}/people/{person}", {"version": 1, "notes": "x"}, 200),
    "remove a person": ("delete", "/api/v1/cases/{case}/people/{person}", None, 204),
}
EVERYTHING = {
    **{name: (method, path, body) for name, (method, path, body, _check) in READS.items()},
    **{name: (method, path, body) for name, (method, path, body, _status) in WRITES.items()},
    "reopen the case": ("post", "/api/v1/cases/{case}/reopen", {"status": "assessment", "reason": "x"}),
}
MAY_WORK_ON_IT = ["caseworker", "consultant", "team_lead"]
MAY_NOT_SEE_IT = ["colleague", "other_team_lead", "org_admin", "stranger"]


def call(client, endpoint, case, person):
    method, path, body = endpoint[:3]
    url = path.format(case=case.pk, person=person.pk)
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type=JSON)


def state(case) -> tuple:
    case.refresh_from_db()
    return case.version, case.status, case.summary, sorted(case.people.values_list("pk", "version", "notes"))


@pytest.mark.parametrize("endpoint", READS.values(), ids=READS.keys())
@pytest.mark.parametrize("role", MAY_WORK_ON_IT)
def test_assigned_workers_and_the_team_lead_may_read_the_case(
    request, case, child, api_client_for, role, endpoint,
):
    response = call(api_client_for(request.getfixturevalue(role)), endpoint, case, child)

    assert response.status_code == 200
    holds_what_was_asked_for = endpoint[3]
    assert holds_what_was_asked_for(response.json(), case, child)


@pytest.mark.parametrize("endpoint", WRITES.values(), ids=WRITES.keys())
@pytest.mark.parametrize("role", MAY_WORK_ON_IT)
def test_assigned_workers_and_the_team_lead_may_change_the_case(
    request, case, child, api_client_for, role, endpoint,
):
    before = state(case)

    response = call(api_client_for(request.getfixturevalue(role)), endpoint, case, child)

    assert response.status_code == endpoint[3]
    assert state(case) != before


@pytest.mark.parametrize("endpoint", EVERYTHING.values(), ids=EVERYTHING.keys())
@pytest.mark.parametrize("role", MAY_NOT_SEE_IT)
def test_a_case_the_caller_may_not_touch_answers_404_as_if_it_did_not_exist(
    request, case, child, api_client_for, role, endpoint,
):
    before = state(case)

    response = call(api_client_for(request.getfixturevalue(role)), endpoint, case, child)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert state(case) == before


@pytest.mark.parametrize("endpoint", EVERYTHING.values(), ids=EVERYTHING.keys())
def test_an_auditor_is_refused_case_content_with_403(auditor, case, child, api_client_for, endpoint):
    before = state(case)

    response = call(api_client_for(auditor), endpoint, case, child)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert state(case) == before


def test_a_hidden_case_and_a_missing_case_answer_exactly_alike(colleague, case, api_client_for):
    client = api_client_for(colleague)

    hidden = client.get(f"/api/v1/cases/{case.pk}")
    missing = client.get("/api/v1/cases/987654")

    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)
    assert hidden["Content-Type"] == missing["Content-Type"]
