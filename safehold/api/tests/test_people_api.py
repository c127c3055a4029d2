"""/api/v1/cases/{id}/people and /people/{person_id}: the people around the child."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from safehold.cases.models import Case, CaseStatus, Person
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

JSON = "application/json"


def people_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/people"


def person_url(case, person) -> str:
    return f"/api/v1/cases/{case.pk}/people/{person.pk}"


@pytest.fixture
def second_case(caseworker, organisation):
    """Another case alice works on, with a person of its own."""
    other = CaseFactory(organisation=organisation, family_name="Weber")
    AssignmentFactory(case=other, user=caseworker)
    return other


@pytest.fixture
def neighbour(second_case):
    return PersonFactory(case=second_case, role="network", first_name="Jonas", last_name="Weber")


def close(case) -> None:
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, outcome="other",
                                           closed_on=timezone.localdate())


# --- listing and reading ----------------------------------------------------------------------------

def test_the_people_of_a_case_are_listed_children_first(caseworker, case, neighbour, api_client_for):
    caregiver = PersonFactory(case=case, role="caregiver", first_name="Anna")
    parent = PersonFactory(case=case, role="parent", first_name="Camilla")
    older = PersonFactory(case=case, role="child", first_name="Magnus", birth_date=date(2014, 3, 1))
    younger = PersonFactory(case=case, role="child", first_name="Freja", birth_date=date(2019, 6, 1))

    response = api_client_for(caseworker).get(people_url(case))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [p["id"] for p in body["items"]] == [older.pk, younger.pk, parent.pk, caregiver.pk]


def test_reading_a_person_returns_their_details_and_age(caseworker, case, api_client_for):
    born = timezone.localdate().replace(year=timezone.localdate().year - 7) - timedelta(days=1)
    child = PersonFactory(case=case, role="child", first_name="Freja", last_name="Sørensen", birth_date=born,
                          phone="+45 12 34 56 78", interpreter_needed=True)

    response = api_client_for(caseworker).get(person_url(case, child))

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["role"], body["first_name"], body["last_name"]) == (
        child.pk, "child", "Freja", "Sørensen",
    )
    assert (body["birth_date"], body["age"]) == (born.isoformat(), 7)
    assert (body["phone"], body["interpreter_needed"], body["version"]) == ("+45 12 34 56 78", True, 1)


# --- adding people ----------------------------------------------------------------------------------

def test_adding_a_person_to_a_case(caseworker, case, api_client_for):
    response = api_client_for(caseworker).post(people_url(case), {
        "role": "parent", "first_name": "  Camilla ", "last_name": "Sørensen", "relationship": "mother",
        "birth_date": "1990-02-03", "email": " camilla@example.org ", "preferred_language": "Danish",
        "interpreter_needed": True,
    }, content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.case == case
    assert (person.role, person.first_name, person.last_name, person.relationship) == (
        "parent", "Camilla", "Sørensen", "mother",
    )
    assert (person.birth_date, person.email, person.interpreter_needed) == (
        date(1990, 2, 3), "camilla@example.org", True,
    )
    assert person.search_key == "camilla sorensen"
    assert (body["first_name"], body["email"], body["version"]) == ("Camilla", "camilla@example.org", 1)


@pytest.mark.parametrize(("field", "value"), [
    ("email", "not an address"),
    ("phone", "call me maybe"),
    ("birth_date", (date.today() + timedelta(days=2)).isoformat()),
    ("first_name", "   "),
])
def test_a_person_with_invalid_details_is_refused(caseworker, case, api_client_for, field, value):
    payload = {"role": "child", "first_name": "Freja", field: value}

    response = api_client_for(caseworker).post(people_url(case), payload, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not case.people.exists()


def test_a_person_needs_a_known_role(caseworker, case, api_client_for):
    response = api_client_for(caseworker).post(people_url(case), {"role": "neighbour", "first_name": "Jonas"},
                                               content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["role"]
    assert not case.people.exists()


def test_no_one_is_added_to_a_closed_case(caseworker, case, api_client_for):
    close(case)

    response = api_client_for(caseworker).post(people_url(case), {"role": "child", "first_name": "Freja"},
                                               content_type=JSON)

    assert response.status_code == 403
    assert response.json()["message"] == "This case is closed. Reopen it to change it."
    assert not case.people.exists()


# --- changing and removing people -------------------------------------------------------------------

def test_patching_a_person_changes_the_fields_sent_and_bumps_the_version(
    caseworker, case, child, api_client_for,
):
    response = api_client_for(caseworker).patch(person_url(case, child), {
        "version": 1, "first_name": "Freya ", "interpreter_needed": True,
    }, content_type=JSON)

    assert response.status_code == 200
    body = response.json()
    assert (body["first_name"], body["interpreter_needed"], body["version"]) == ("Freya", True, 2)
    assert body["last_name"] == "Sørensen"
    child.refresh_from_db()
    assert (child.first_name, child.interpreter_needed, child.version) == ("Freya", True, 2)
    assert child.search_key == "freya sorensen"


def test_patching_a_person_with_a_stale_version_answers_409_with_the_current_person(
    caseworker, consultant, case, child, api_client_for,
):
    first = api_client_for(consultant).patch(
        person_url(case, child), {"version": 1, "notes": "Likes drawing."}, content_type=JSON,
    )
    assert first.status_code == 200

    response = api_client_for(caseworker).patch(person_url(case, child), {"version": 1, "notes": "Shy."},
                                                content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    assert (body["current"]["id"], body["current"]["notes"], body["current"]["version"]) == (
        child.pk, "Likes drawing.", 2,
    )
    child.refresh_from_db()
    assert (child.notes, child.version) == ("Likes drawing.", 2)


def test_null_clears_a_birth_date_but_no_other_field(caseworker, case, api_client_for):
    person = PersonFactory(case=case, birth_date=date(2015, 1, 1))
    client = api_client_for(caseworker)

    refused = client.patch(person_url(case, person), {"version": 1, "last_name": None}, content_type=JSON)
    cleared = client.patch(person_url(case, person), {"version": 1, "birth_date": None}, content_type=JSON)

    assert refused.status_code == 400
    assert refused.json()["errors"] == {"last_name": ["This field cannot be empty."]}
    assert cleared.status_code == 200
    assert cleared.json()["birth_date"] is None
    person.refresh_from_db()
    assert (person.birth_date, person.version) == (None, 2)


def test_deleting_a_person(caseworker, case, child, parent, api_client_for):
    response = api_client_for(caseworker).delete(person_url(case, child))

    assert response.status_code == 204
    assert response.content == b""
    assert list(case.people.all()) == [parent]


def test_deleting_a_person_twice_answers_404(caseworker, case, child, api_client_for):
    client = api_client_for(caseworker)
    client.delete(person_url(case, child))

    response = client.delete(person_url(case, child))

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}


def test_no_one_is_removed_from_a_closed_case(caseworker, case, child, api_client_for):
    close(case)

    response = api_client_for(caseworker).delete(person_url(case, child))

    assert response.status_code == 403
    assert Person.objects.filter(pk=child.pk).exists()


# --- a person of another case -----------------------------------------------------------------------

def test_a_person_of_another_case_is_not_found_through_this_case(caseworker, case, neighbour, api_client_for):
    client = api_client_for(caseworker)
    url = person_url(case, neighbour)

    responses = [
        client.get(url),
        client.patch(url, {"version": 1, "first_name": "Moved"}, content_type=JSON),
        client.delete(url),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert all(r.json() == {"message": "Not found.", "errors": {}} for r in responses)
    neighbour.refresh_from_db()
    assert (neighbour.first_name, neighbour.version) == ("Jonas", 1)
    # Through its own case the person is there, so the 404s above were about the pairing.
    assert client.get(person_url(neighbour.case, neighbour)).status_code == 200
