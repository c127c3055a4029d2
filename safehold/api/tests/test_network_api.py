"""The network of a case through the API: /api/v1/cases/{id}/relationships…, /network, its coordinator and
circles, and the genogram and ecomap as SVG."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.network import services
from safehold.network.models import CaseNetwork, CirclePlacement, Relationship
from safehold.safety_plans import services as safety_plans
from safehold.safety_plans.coverage import CELLS
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}
TODAY = timezone.localdate()


def relationships_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/relationships"


def relationship_url(relationship) -> str:
    return f"/api/v1/cases/{relationship.case_id}/relationships/{relationship.pk}"


def network_url(case, path: str = "") -> str:
    return f"/api/v1/cases/{case.pk}/network{path}"


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def relate(actor, a, b, kind: str, **extra) -> Relationship:
    return services.relationship_create(actor=actor, case=a.case, person_a=a.pk, person_b=b.pk, kind=kind, **extra)


@pytest.fixture
def mother(case):
    return PersonFactory(case=case, role="parent", first_name="Camilla", last_name="Sørensen",
                         birth_date=date(1990, 3, 1))


@pytest.fixture
def freja(case):
    return PersonFactory(case=case, role="child", first_name="Freja", last_name="Sørensen",
                         birth_date=date(2016, 5, 9))


@pytest.fixture
def grandma(case):
    return PersonFactory(case=case, role="network", first_name="Inge", last_name="Holm",
                         birth_date=date(1962, 8, 20))


@pytest.fixture
def parenthood(caseworker, mother, freja) -> Relationship:
    return relate(caseworker, mother, freja, "parent", quality="strong", note="Lives with her")


# --- the register: reading -----------------------------------------------------------------------------

def test_the_list_shows_both_people_the_kind_and_how_it_is(case, caseworker, mother, freja, grandma, parenthood,
                                                             alice):
    relate(caseworker, grandma, mother, "contact_restricted", legal_basis="§ 1666 BGB, AG Dortmund 2026")

    response = alice.get(relationships_url(case))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, restricted = body["items"]
    assert first["id"] == parenthood.pk
    assert (first["person_a"], first["person_b"]) == ({"id": mother.pk, "name": "Camilla Sørensen"},
                                                      {"id": freja.pk, "name": "Freja Sørensen"})
    assert (first["kind"], first["kind_label"], first["directed"]) == ("parent", "is a parent of", True)
    assert (first["quality"], first["quality_label"]) == ("strong", "strong, close")
    assert (first["legal_basis"], first["note"], first["version"]) == ("", "Lives with her", 1)
    # A tie both ways is kept with the lower id first, whoever was named first.
    assert (restricted["person_a"]["id"], restricted["person_b"]["id"]) == (mother.pk, grandma.pk)
    assert (restricted["kind"], restricted["directed"]) == ("contact_restricted", False)
    assert restricted["legal_basis"] == "§ 1666 BGB, AG Dortmund 2026"


def test_the_list_can_be_narrowed_to_one_person(case, caseworker, mother, freja, grandma, parenthood, alice):
    grandma_of = relate(caseworker, grandma, freja, "grandparent")
    relate(caseworker, grandma, mother, "parent")

    body = alice.get(relationships_url(case), {"person": freja.pk}).json()

    assert [item["id"] for item in body["items"]] == [parenthood.pk, grandma_of.pk]
    assert body["count"] == 2


def test_narrowing_to_a_person_of_another_case_is_refused(case, organisation, parenthood, alice):
    outsider = PersonFactory(case=CaseFactory(organisation=organisation))

    response = alice.get(relationships_url(case), {"person": outsider.pk})

    assert response.status_code == 400
    assert response.json()["errors"] == {"person": ["Choose a person on this case."]}


def test_reading_the_list_is_audited_once(case, parenthood, alice):
    since = last_event_id()

    alice.get(relationships_url(case))

    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type) == ("view", case.pk, "network.relationship_list")


def test_a_relationship_is_read_and_the_read_is_audited(case, parenthood, alice):
    since = last_event_id()

    response = alice.get(relationship_url(parenthood))

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["kind"]) == (parenthood.pk, "parent")
    [event] = new_events(since)
    assert (event.action, event.case_id) == ("view", case.pk)
    assert (event.object_type, event.object_id) == ("network.relationship", str(parenthood.pk))


# --- the register: recording ---------------------------------------------------------------------------

def test_a_relationship_is_recorded_and_audited_by_the_service(case, mother, freja, alice):
    since = last_event_id()

    response = alice.post(relationships_url(case), {"person_a": mother.pk, "person_b": freja.pk, "kind": "parent",
                                                    "note": "  Sole custody\x07 "}, content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    assert (body["person_a"]["id"], body["person_b"]["id"], body["kind"]) == (mother.pk, freja.pk, "parent")
    assert (body["quality"], body["note"], body["version"]) == ("normal", "Sole custody", 1)
    saved = Relationship.objects.get(pk=body["id"])
    assert (saved.case_id, saved.person_a_id, saved.person_b_id) == (case.pk, mother.pk, freja.pk)
    [event] = new_events(since)
    assert (event.action, event.object_type, event.object_id) == ("create", "network.relationship", str(saved.pk))


@pytest.fixture
def refusals(case, organisation, caseworker, mother, freja, grandma):
    """Each refused relationship as (body, the field named)."""
    relate(caseworker, grandma, mother, "parent")
    relate(caseworker, mother, freja, "parent")
    relate(caseworker, mother, grandma, "connection")
    outsider = PersonFactory(case=CaseFactory(organisation=organisation), role="parent")
    return {
        "with themself": ({"person_a": mother.pk, "person_b": mother.pk, "kind": "sibling"}, "person_b"),
        "a cycle of parenthood": ({"person_a": freja.pk, "person_b": grandma.pk, "kind": "parent"}, "person_b"),
        "a parent younger than the child": ({"person_a": freja.pk, "person_b": mother.pk, "kind": "grandparent"},
                                            "person_b"),
        "the same tie twice, named the other way": ({"person_a": grandma.pk, "person_b": mother.pk,
                                                     "kind": "connection"}, "kind"),
        "a person of another case": ({"person_a": mother.pk, "person_b": outsider.pk, "kind": "partner"},
                                     "person_b"),
        "a contact restriction without legal basis": ({"person_a": grandma.pk, "person_b": freja.pk,
                                                       "kind": "contact_restricted"}, "legal_basis"),
        "an unknown kind": ({"person_a": grandma.pk, "person_b": freja.pk, "kind": "enemy"}, "kind"),
        "an unknown quality": ({"person_a": grandma.pk, "person_b": freja.pk, "kind": "connection",
                                "quality": "great"}, "quality"),
    }


@pytest.mark.parametrize("refusal", ["with themself", "a cycle of parenthood", "a parent younger than the child",
                                     "the same tie twice, named the other way", "a person of another case",
                                     "a contact restriction without legal basis", "an unknown kind",
                                     "an unknown quality"])
def test_a_relationship_the_register_cannot_hold_is_refused_naming_the_field(case, refusals, alice, refusal):
    body, field = refusals[refusal]
    before = Relationship.objects.count()

    response = alice.post(relationships_url(case), body, content_type=JSON)

    assert response.status_code == 400, response.json()
    assert set(response.json()["errors"]) == {field}
    assert Relationship.objects.count() == before


def test_a_person_older_than_the_child_may_be_the_parent_of_the_child_of_a_grandparent(case, caseworker, mother,
                                                                                        freja, grandma, alice):
    relate(caseworker, grandma, mother, "parent")

    response = alice.post(relationships_url(case), {"person_a": grandma.pk, "person_b": freja.pk,
                                                    "kind": "grandparent"}, content_type=JSON)

    assert response.status_code == 201


# --- the register: changing and deleting -----------------------------------------------------------------

def test_a_patch_changes_how_the_relationship_is(case, parenthood, alice):
    response = alice.patch(relationship_url(parenthood), {"version": 1, "quality": "stressful", "note": "Rows"},
                           content_type=JSON)

    assert response.status_code == 200
    body = response.json()
    assert (body["quality"], body["note"], body["kind"], body["version"]) == ("stressful", "Rows", "parent", 2)
    parenthood.refresh_from_db()
    assert (parenthood.quality, parenthood.version) == ("stressful", 2)


def test_a_patch_to_a_contact_restriction_needs_its_legal_basis(case, caseworker, mother, grandma, alice):
    tie = relate(caseworker, mother, grandma, "connection")

    refused = alice.patch(relationship_url(tie), {"version": 1, "kind": "contact_restricted"}, content_type=JSON)
    done = alice.patch(relationship_url(tie), {"version": 1, "kind": "contact_restricted",
                                               "legal_basis": "Court order of 2 March"}, content_type=JSON)

    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"legal_basis"}
    assert done.status_code == 200
    assert (done.json()["kind"], done.json()["legal_basis"]) == ("contact_restricted", "Court order of 2 March")


def test_a_patch_needs_the_version(case, parenthood, alice):
    response = alice.patch(relationship_url(parenthood), {"note": "x"}, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"version"}


def test_a_null_for_a_field_is_refused(case, parenthood, alice):
    response = alice.patch(relationship_url(parenthood), {"version": 1, "quality": None}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"quality": ["This field cannot be empty."]}


def test_a_stale_version_is_a_conflict_showing_the_current_relationship(case, caseworker, parenthood, alice):
    services.relationship_update(actor=caseworker, case=case, relationship=parenthood, expected_version=1,
                                 note="Changed by Bob")

    response = alice.patch(relationship_url(parenthood), {"version": 1, "quality": "weak"}, content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert set(body["errors"]) == {"version"}
    assert (body["current"]["id"], body["current"]["note"], body["current"]["version"]) == (parenthood.pk,
                                                                                           "Changed by Bob", 2)
    assert body["current"]["person_a"]["name"] == "Camilla Sørensen"
    assert Relationship.objects.get(pk=parenthood.pk).quality == "strong"


def test_a_relationship_is_deleted_and_the_deletion_audited(case, parenthood, alice):
    since = last_event_id()

    response = alice.delete(relationship_url(parenthood))

    assert response.status_code == 204
    assert not Relationship.objects.filter(pk=parenthood.pk).exists()
    [event] = new_events(since)
    assert (event.action, event.object_type, event.object_id) == ("delete", "network.relationship",
                                                                  str(parenthood.pk))


def test_a_relationship_of_another_case_is_not_found(case, organisation, caseworker, alice):
    other_case = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other_case, user=caseworker)
    elsewhere = relate(caseworker, PersonFactory(case=other_case, role="parent"), PersonFactory(case=other_case),
                       "parent", note="Theirs")
    wrong = f"{relationships_url(case)}/{elsewhere.pk}"

    for response in (alice.get(wrong), alice.patch(wrong, {"version": 1, "note": "x"}, content_type=JSON),
                     alice.delete(wrong)):
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Relationship.objects.get(pk=elsewhere.pk).note == "Theirs"


# --- the circles and the coordinator --------------------------------------------------------------------

@pytest.fixture
def active_plan(case, caseworker, team_lead, grandma):
    """An active safety plan in which grandma holds two rules."""
    plan = safety_plans.plan_create(actor=caseworker, case=case)
    for text in ("Grandma takes Freja to school.", "Grandma stays the night."):
        safety_plans.rule_create(actor=caseworker, case=case, plan=plan, text=text, responsible=grandma.pk,
                                 periods=list(CELLS))
    safety_plans.plan_transition(actor=caseworker, case=case, plan=plan, to_status="proposed")
    safety_plans.plan_transition(actor=team_lead, case=case, plan=plan, to_status="approved")
    safety_plans.plan_transition(actor=caseworker, case=case, plan=plan, to_status="active")
    return plan


def test_the_network_shows_circles_the_coordinator_rules_held_and_its_size_over_time(
        case, caseworker, mother, freja, grandma, active_plan, alice):
    week_ago = TODAY - timedelta(days=7)
    services.circle_place(actor=caseworker, case=case, person=grandma.pk, circle="middle", placed_on=week_ago)
    services.circle_place(actor=caseworker, case=case, person=mother.pk, circle="outer", placed_on=week_ago)
    services.circle_place(actor=caseworker, case=case, person=grandma.pk, circle="inner")
    services.circle_place(actor=caseworker, case=case, person=mother.pk, circle="middle")
    services.coordinator_set(actor=caseworker, case=case, person=grandma.pk)

    response = alice.get(network_url(case))

    assert response.status_code == 200
    body = response.json()
    people = {p["id"]: p for p in body["people"]}
    assert people[grandma.pk] == {"id": grandma.pk, "name": "Inge Holm", "role": "network", "circle": "inner",
                                  "in_safety_network": True, "coordinator": True, "rules_held": 2}
    assert (people[mother.pk]["circle"], people[mother.pk]["in_safety_network"]) == ("middle", True)
    assert (people[mother.pk]["coordinator"], people[mother.pk]["rules_held"]) == (False, 0)
    assert (people[freja.pk]["circle"], people[freja.pk]["in_safety_network"]) == (None, False)
    assert body["coordinator"] == {"id": grandma.pk, "name": "Inge Holm"}
    assert body["size_over_time"] == [{"on": week_ago.isoformat(), "size": 1}, {"on": TODAY.isoformat(), "size": 2}]


def test_an_empty_network_has_no_coordinator_and_no_history(case, freja, alice):
    body = alice.get(network_url(case)).json()

    assert body["coordinator"] is None
    assert body["size_over_time"] == []
    assert [p["id"] for p in body["people"]] == [freja.pk]


def test_reading_the_network_is_audited_once(case, alice):
    since = last_event_id()

    alice.get(network_url(case))

    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type) == ("view", case.pk, "network.network")


def test_the_coordinator_is_named_and_taken_away(case, grandma, alice):
    named = alice.put(network_url(case, "/coordinator"), {"person": grandma.pk}, content_type=JSON)

    assert named.status_code == 200
    assert named.json()["coordinator"] == {"id": grandma.pk, "name": "Inge Holm"}
    assert CaseNetwork.objects.get(case=case).coordinator_id == grandma.pk

    cleared = alice.put(network_url(case, "/coordinator"), {"person": None}, content_type=JSON)

    assert cleared.status_code == 200
    assert cleared.json()["coordinator"] is None
    assert CaseNetwork.objects.get(case=case).coordinator_id is None


def test_the_coordinator_must_be_sent_even_as_null(case, alice):
    response = alice.put(network_url(case, "/coordinator"), {}, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"person"}


def test_a_child_or_a_person_of_another_case_cannot_coordinate(case, organisation, freja, alice):
    outsider = PersonFactory(case=CaseFactory(organisation=organisation), role="network")

    for person in (freja.pk, outsider.pk):
        response = alice.put(network_url(case, "/coordinator"), {"person": person}, content_type=JSON)
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"person"}
    assert not CaseNetwork.objects.filter(case=case, coordinator__isnull=False).exists()


def test_a_person_is_placed_in_a_circle(case, grandma, alice):
    response = alice.post(network_url(case, "/circles"), {"person": grandma.pk, "circle": "inner"},
                          content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    assert (body["person"], body["circle"], body["placed_on"]) == (grandma.pk, "inner", TODAY.isoformat())
    assert CirclePlacement.objects.get(pk=body["id"]).case_id == case.pk


@pytest.mark.parametrize(("payload", "field"), [
    ({"circle": "inner", "person": "child"}, "person"),
    ({"circle": "inner", "person": "outsider"}, "person"),
    ({"circle": "centre", "person": "grandma"}, "circle"),
    ({"circle": "inner", "person": "grandma", "placed_on": (TODAY + timedelta(days=1)).isoformat()}, "placed_on"),
    ({"circle": "inner", "person": "grandma", "placed_on": "0001-01-01"}, "placed_on"),
])
def test_a_wrong_place_in_the_circles_is_refused_naming_the_field(case, organisation, freja, grandma, alice,
                                                                 payload, field):
    people = {"child": freja.pk, "grandma": grandma.pk,
              "outsider": PersonFactory(case=CaseFactory(organisation=organisation), role="network").pk}

    response = alice.post(network_url(case, "/circles"), {**payload, "person": people[payload["person"]]},
                          content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {field}
    assert not CirclePlacement.objects.exists()


def test_a_place_in_the_circles_from_the_year_one_is_refused_with_a_message(case, grandma, alice):
    response = alice.post(network_url(case, "/circles"), {"person": grandma.pk, "circle": "inner",
                                                          "placed_on": "0001-01-01"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"placed_on": ["Enter a date between 1900 and 2199."]}


# --- the pictures ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("picture", "file_name"), [("genogram", "Genogramm"), ("ecomap", "Oekogramm")])
def test_a_picture_is_an_svg_file_that_runs_nothing_and_its_download_is_audited(case, parenthood, grandma,
                                                                                  alice, picture, file_name):
    since = last_event_id()

    response = alice.get(f"/api/v1/cases/{case.pk}/{picture}.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    # Named in the case's language (German), spelt in ASCII.
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}-JA-2026-0001.svg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert b"<svg" in response.content
    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type) == ("export", case.pk, f"network.{picture}")


@pytest.mark.parametrize("picture", ["genogram", "ecomap"])
def test_the_api_answers_the_same_file_as_the_network_page_in_the_case_s_language(case, caseworker, parenthood,
                                                                                  client_for, alice, picture):
    caseworker.language = "en"
    caseworker.save(update_fields=["language"])
    assert case.language == "de"

    page = client_for(caseworker).get(reverse(f"network:{picture}_svg", kwargs={"case_id": case.pk}))
    api = alice.get(f"/api/v1/cases/{case.pk}/{picture}.svg")

    assert (page.status_code, api.status_code) == (200, 200)
    assert api.content == page.content
    for header in ("Content-Type", "Content-Disposition", "Content-Security-Policy", "X-Content-Type-Options"):
        assert api[header] == page[header], header
    assert page["Content-Disposition"].startswith("attachment;")
    assert "Sørensen" in page.content.decode()
    assert ("Die Linien" if picture == "ecomap" else "Genogramm") in page.content.decode()


def test_the_pictures_are_described_as_svg(alice):
    paths = alice.get("/api/v1/openapi.json").json()["paths"]

    for picture in ("genogram", "ecomap"):
        ok = paths[f"/api/v1/cases/{{case_id}}/{picture}.svg"]["get"]["responses"]["200"]
        assert list(ok["content"]) == ["image/svg+xml"]


# --- closed cases ------------------------------------------------------------------------------------------

def test_a_closed_case_is_read_but_not_changed(case, parenthood, grandma, closed_case, alice):
    assert alice.get(relationships_url(case)).status_code == 200
    assert alice.get(network_url(case)).status_code == 200
    refused = [
        alice.post(relationships_url(case), {"person_a": grandma.pk, "person_b": parenthood.person_b_id,
                                             "kind": "grandparent"}, content_type=JSON),
        alice.patch(relationship_url(parenthood), {"version": 1, "note": "x"}, content_type=JSON),
        alice.delete(relationship_url(parenthood)),
        alice.put(network_url(case, "/coordinator"), {"person": grandma.pk}, content_type=JSON),
        alice.post(network_url(case, "/circles"), {"person": grandma.pk, "circle": "inner"}, content_type=JSON),
    ]

    assert [r.status_code for r in refused] == [403] * 5
    assert {r.json()["message"] for r in refused} == {"This case is closed. Reopen it to change it."}
    assert Relationship.objects.get(pk=parenthood.pk).note == "Lives with her"


# --- who may do what ---------------------------------------------------------------------------------------

def endpoints(case, relationship, person) -> dict[str, tuple[str, str, dict | None]]:
    one = relationship_url(relationship)
    return {
        "list the relationships": ("get", relationships_url(case), None),
        "record a relationship": ("post", relationships_url(case), {"person_a": person.pk,
                                                                    "person_b": relationship.person_b_id,
                                                                    "kind": "grandparent"}),
        "read a relationship": ("get", one, None),
        "change a relationship": ("patch", one, {"version": 1, "note": "Intruder"}),
        "delete a relationship": ("delete", one, None),
        "read the network": ("get", network_url(case), None),
        "name the coordinator": ("put", network_url(case, "/coordinator"), {"person": person.pk}),
        "place in a circle": ("post", network_url(case, "/circles"), {"person": person.pk, "circle": "inner"}),
        "draw the genogram": ("get", f"/api/v1/cases/{case.pk}/genogram.svg", None),
        "draw the ecomap": ("get", f"/api/v1/cases/{case.pk}/ecomap.svg", None),
    }


def call(client, method: str, url: str, body: dict | None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type=JSON)


def test_nothing_of_another_organisations_case_is_found(case, parenthood, grandma, stranger, api_client_for):
    client = api_client_for(stranger)
    since = last_event_id()

    for name, (method, url, body) in endpoints(case, parenthood, grandma).items():
        response = call(client, method, url, body)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), name
    assert Relationship.objects.count() == 1
    assert not CirclePlacement.objects.exists() and not CaseNetwork.objects.exists()
    assert all(event.action not in ("view", "export") for event in new_events(since))


def test_the_auditor_may_neither_read_nor_change_the_network(case, parenthood, grandma, auditor, api_client_for):
    client = api_client_for(auditor)

    for name, (method, url, body) in endpoints(case, parenthood, grandma).items():
        response = call(client, method, url, body)
        assert response.status_code == 403, name
        assert set(response.json()) == {"message", "errors"}, name
    assert Relationship.objects.count() == 1


def test_the_consultant_and_the_team_lead_work_on_the_network_like_the_caseworker(case, grandma, consultant,
                                                                                   team_lead, api_client_for):
    for user in (consultant, team_lead):
        response = api_client_for(user).post(network_url(case, "/circles"), {"person": grandma.pk,
                                                                              "circle": "middle"}, content_type=JSON)
        assert response.status_code == 201, user.username


def test_every_endpoint_needs_a_token(case, parenthood, grandma, anonymous):
    for name, (method, url, body) in endpoints(case, parenthood, grandma).items():
        assert call(anonymous, method, url, body).status_code == 401, name


# --- query counts ------------------------------------------------------------------------------------------

def fill(case, caseworker, count: int) -> None:
    """`count` relationships between people of the case, each of them in a circle."""
    people = [PersonFactory(case=case, role="network") for _ in range(9)]  # 36 pairs
    for person in people:
        services.circle_place(actor=caseworker, case=case, person=person.pk, circle="middle")
    for a, b in list(combinations(people, 2))[:count]:
        relate(caseworker, a, b, "connection")


def queries_to_get(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


READS = {
    "relationships": lambda case: relationships_url(case),
    "network": lambda case: network_url(case),
    "genogram": lambda case: f"/api/v1/cases/{case.pk}/genogram.svg",
    "ecomap": lambda case: f"/api/v1/cases/{case.pk}/ecomap.svg",
}


@pytest.mark.parametrize("read", ["relationships", "network", "genogram", "ecomap"])
def test_thirty_relationships_cost_as_many_queries_as_five(case, caseworker, api_client_for,
                                                           django_assert_max_num_queries, read):
    fill(case, caseworker, 5)
    url = READS[read](case)
    few = queries_to_get(api_client_for(caseworker), url)
    extra = [PersonFactory(case=case, role="network") for _ in range(8)]  # 28 more pairs
    for a, b in list(combinations(extra, 2))[:25]:
        relate(caseworker, a, b, "connection")
    assert Relationship.objects.filter(case=case).count() == 30
    client = api_client_for(caseworker)

    with django_assert_max_num_queries(few):
        response = client.get(url)

    assert response.status_code == 200
