"""The 24/7 safety plan through the API: /api/v1/cases/{id}/safety-plans…, its transitions, coverage and
check-ins."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.models import CaseStatus
from safehold.mapping import services as mapping
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS, WEEKDAYS, cells_for
from safehold.safety_plans.models import CheckIn, Contact, ProfessionalAgreement, Rule, SafetyPlan
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}
FORBIDDEN = {"message": "You may not do this.", "errors": {}}
TODAY = timezone.localdate()
MORNINGS = cells_for(WEEKDAYS, ["morning"])


def plans_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/safety-plans"


def plan_url(plan, path: str = "") -> str:
    return f"/api/v1/cases/{plan.case_id}/safety-plans/{plan.pk}{path}"


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def add_rule(actor, plan, responsible, text: str, periods: list[str], **extra) -> Rule:
    return services.rule_create(actor=actor, case=plan.case, plan=plan, text=text, responsible=responsible.pk,
                                periods=periods, **extra)


@pytest.fixture
def grandma(case):
    return PersonFactory(case=case, role="network", first_name="Inge", last_name="Holm")


@pytest.fixture
def draft(case, caseworker, parent, grandma):
    """Version 1 in draft: two rules that leave most of the week uncovered, a contact and an agreement."""
    plan = services.plan_create(actor=caseworker, case=case)
    add_rule(caseworker, plan, grandma, "Grandma takes Freja to school.", MORNINGS)
    add_rule(caseworker, plan, parent, "Mum does not drink when Freja is home.", [], situation="After work",
             holidays=True)
    services.contact_add(actor=caseworker, case=case, plan=plan, person=grandma.pk, role="Network coordinator")
    services.agreement_add(actor=caseworker, case=case, plan=plan, agency="School",
                           agreement="Calls us when Freja is absent.")
    return SafetyPlan.objects.get(pk=plan.pk)


def approve(plan, caseworker, team_lead) -> SafetyPlan:
    services.plan_transition(actor=caseworker, case=plan.case, plan=plan, to_status="proposed")
    services.plan_transition(actor=team_lead, case=plan.case, plan=plan, to_status="approved")
    return SafetyPlan.objects.get(pk=plan.pk)


@pytest.fixture
def covered(case, caseworker, grandma):
    """A draft whose one rule covers the whole week."""
    plan = services.plan_create(actor=caseworker, case=case)
    add_rule(caseworker, plan, grandma, "Grandma lives with the family.", list(CELLS))
    return SafetyPlan.objects.get(pk=plan.pk)


@pytest.fixture
def approved(covered, caseworker, team_lead):
    return approve(covered, caseworker, team_lead)


@pytest.fixture
def active(approved, caseworker):
    services.plan_transition(actor=caseworker, case=approved.case, plan=approved, to_status="active")
    return SafetyPlan.objects.get(pk=approved.pk)


# --- listing and reading ------------------------------------------------------------------------------

def test_the_list_shows_every_version_oldest_first(case, caseworker, approved, alice):
    second = services.plan_create(actor=caseworker, case=case)

    response = alice.get(plans_url(case))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, latest = body["items"]
    assert (first["id"], first["version_no"], first["status"], first["copied_from"]) == (approved.pk, 1,
                                                                                          "approved", None)
    assert first["approved_at"] is not None
    assert (latest["id"], latest["version_no"], latest["status"], latest["copied_from"]) == (second.pk, 2, "draft",
                                                                                             approved.pk)


def test_reading_the_list_is_audited_once(case, draft, alice):
    since = last_event_id()

    alice.get(plans_url(case))

    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type) == ("view", case.pk, "safety_plans.plan_list")


def test_a_plan_is_read_with_its_rules_contacts_agreements_and_gaps(case, grandma, parent, draft, alice):
    response = alice.get(plan_url(draft))

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["version_no"], body["status"], body["version"]) == (draft.pk, 1, "draft", 1)
    assert (body["review_every_days"], body["coordinator"], body["map"], body["approved_by"]) == (14, None, None,
                                                                                                 None)
    school, sober = body["rules"]
    assert (school["position"], school["text"], school["periods"]) == (1, "Grandma takes Freja to school.",
                                                                       MORNINGS)
    assert school["responsible"] == {"id": grandma.pk, "name": "Inge Holm"}
    assert (school["holidays"], school["situation"], school["answers"], school["version"]) == (False, "", None, 1)
    assert school["lineage"] == str(Rule.objects.get(pk=school["id"]).lineage)
    assert (sober["responsible"]["id"], sober["situation"], sober["holidays"]) == (parent.pk, "After work", True)
    [contact] = body["contacts"]
    assert (contact["person"], contact["name"], contact["role"]) == (grandma.pk, "Inge Holm", "Network coordinator")
    [agreement] = body["agreements"]
    assert (agreement["agency"], agreement["agreement"]) == ("School", "Calls us when Freja is absent.")
    assert body["sign_offs"] == []
    assert len(body["gaps"]) == len(CELLS) - 5
    assert "mon:morning" not in body["gaps"] and "mon:night" in body["gaps"]


def test_a_plan_shows_who_signed_it_and_who_approved_it(case, parent, caseworker, team_lead, approved, alice):
    services.sign_off(actor=caseworker, case=case, plan=approved, person=parent.pk, how="phone")

    body = alice.get(plan_url(approved)).json()

    assert body["approved_by"] == {"id": team_lead.pk, "name": str(team_lead)}
    [signed] = body["sign_offs"]
    assert (signed["person"], signed["name"], signed["how"], signed["signed_on"]) == (
        parent.pk, "Camilla Sørensen", "phone", TODAY.isoformat())
    assert body["gaps"] == []


def test_reading_a_plan_is_audited_as_a_view_of_that_plan(case, draft, alice):
    since = last_event_id()

    alice.get(plan_url(draft))

    [event] = new_events(since)
    assert (event.action, event.case_id) == ("view", case.pk)
    assert (event.object_type, event.object_id) == ("safety_plans.safetyplan", str(draft.pk))


def test_a_plan_of_another_case_is_not_found(case, organisation, caseworker, alice):
    other_case = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other_case, user=caseworker)
    other_plan = services.plan_create(actor=caseworker, case=other_case)
    wrong = f"{plans_url(case)}/{other_plan.pk}"

    for path in ("", "/coverage", "/checkins"):
        response = alice.get(wrong + path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert alice.patch(wrong, {"version": 1, "minimum_requirements": "x"}, content_type=JSON).status_code == 404
    assert alice.post(f"{wrong}/transition", {"status": "proposed"}, content_type=JSON).status_code == 404
    assert alice.post(f"{wrong}/checkins", {"source": "call"}, content_type=JSON).status_code == 404
    assert SafetyPlan.objects.get(pk=other_plan.pk).minimum_requirements == ""


# --- new versions --------------------------------------------------------------------------------------------

def test_the_first_plan_starts_empty(case, alice):
    response = alice.post(plans_url(case), content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    assert (body["version_no"], body["status"], body["copied_from"], body["rules"]) == (1, "draft", None, [])
    assert len(body["gaps"]) == len(CELLS)


def test_a_new_version_is_a_draft_copy_of_the_latest(case, approved, alice):
    response = alice.post(plans_url(case), content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    assert (body["version_no"], body["status"], body["copied_from"]) == (2, "draft", approved.pk)
    [rule] = body["rules"]
    [old] = approved.rules.all()
    assert (rule["lineage"], rule["text"], rule["periods"]) == (str(old.lineage), old.text, list(CELLS))
    assert rule["id"] != old.pk


def test_a_second_draft_is_refused(case, draft, alice):
    response = alice.post(plans_url(case), content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "__all__": ["This case already has a plan in draft or proposed. Work on that one."]}
    assert SafetyPlan.objects.count() == 1


def test_creating_a_plan_is_audited_by_the_service(case, alice):
    since = last_event_id()

    body = alice.post(plans_url(case), content_type=JSON).json()

    [event] = new_events(since)
    assert (event.action, event.object_type, event.object_id) == ("create", "safety_plans.safetyplan",
                                                                  str(body["id"]))


# --- changing a plan with PATCH --------------------------------------------------------------------------

def test_one_patch_changes_sections_rules_contacts_and_agreements(case, parent, grandma, caseworker, draft,
                                                                  alice):
    school, sober = draft.rules.all()
    danger_map = mapping.map_create(actor=caseworker, case=case)
    danger = mapping.entry_create(actor=caseworker, case=case, map_=danger_map, voice=f"user:{caseworker.pk}",
                                  part="future_danger", worried="The school", behaviour="Mum drinks",
                                  impact="Freja is alone")

    response = alice.patch(plan_url(draft), {
        "version": 1, "minimum_requirements": "  Freja is never alone with Mum when she drinks. ",
        "coordinator": grandma.pk, "review_every_days": 7, "map": danger_map.pk,
        "rules": [
            {"id": school.pk, "version": 1, "periods": [*MORNINGS, "sat:morning"]},
            {"text": "Grandma sleeps over at weekends.", "responsible": grandma.pk,
             "periods": ["sat:night", "sun:night"], "answers": danger.pk},
        ],
        "removed_rules": [sober.pk],
        "contacts": [{"name": "Police", "phone": "112"}],
        "agreements": [{"agency": "GP", "agreement": "Sees Mum every week."}],
    }, content_type=JSON)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["minimum_requirements"], body["review_every_days"], body["version"]) == (
        "Freja is never alone with Mum when she drinks.", 7, 2)
    assert (body["coordinator"], body["map"]) == ({"id": grandma.pk, "name": "Inge Holm"}, danger_map.pk)
    changed, added = body["rules"]
    assert (changed["id"], changed["version"], changed["periods"][-1]) == (school.pk, 2, "sat:morning")
    assert (added["text"], added["answers"], added["periods"], added["position"]) == (
        "Grandma sleeps over at weekends.", danger.pk, ["sat:night", "sun:night"], 2)
    assert not Rule.objects.filter(pk=sober.pk).exists()
    assert [(c["name"], c["phone"]) for c in body["contacts"]] == [("Inge Holm", ""), ("Police", "112")]
    assert [a["agency"] for a in body["agreements"]] == ["School", "GP"]
    assert "sat:morning" not in body["gaps"]


def test_a_patch_needs_the_plan_version(case, draft, alice):
    response = alice.patch(plan_url(draft), {"minimum_requirements": "x"}, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["version"]


def test_a_stale_plan_version_is_a_conflict_showing_the_current_plan(case, draft, alice):
    assert alice.patch(plan_url(draft), {"version": 1, "child_explanation": "One"},
                       content_type=JSON).status_code == 200

    response = alice.patch(plan_url(draft), {"version": 1, "child_explanation": "Two"}, content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    current = body["current"]
    assert (current["id"], current["child_explanation"], current["version"], len(current["rules"])) == (
        draft.pk, "One", 2, 2)


def test_a_stale_rule_version_is_a_conflict_and_nothing_is_saved(case, grandma, caseworker, draft, alice):
    school = draft.rules.first()
    services.rule_update(actor=caseworker, case=case, rule=school, expected_version=1, text="Grandpa drives.")

    response = alice.patch(plan_url(draft), {"version": 1, "child_explanation": "Would be saved", "rules": [
        {"text": "Would be saved too", "responsible": grandma.pk, "periods": ["mon:day"]},
        {"id": school.pk, "version": 1, "text": "Alice's words."},
    ]}, content_type=JSON)

    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["id"], current["text"], current["version"]) == (school.pk, "Grandpa drives.", 2)
    assert current["responsible"] == {"id": grandma.pk, "name": "Inge Holm"}
    draft.refresh_from_db()
    assert (draft.child_explanation, draft.version) == ("", 1)
    assert not Rule.objects.filter(text="Would be saved too").exists()  # all or nothing


def test_every_refused_item_is_named_at_once_and_nothing_is_saved(case, parent, grandma, draft, alice):
    since = last_event_id()

    response = alice.patch(plan_url(draft), {
        "version": 1, "child_explanation": "Saved only with the rest", "coordinator": 0,
        "rules": [
            {"text": "Fine", "responsible": parent.pk, "periods": ["mon:day"]},
            {"text": "  ", "responsible": parent.pk, "periods": ["mon:day"]},
            {"text": "Nobody", "periods": ["mon:day"]},
            {"text": "Never", "responsible": parent.pk, "periods": ["someday"]},
            {"id": 0, "version": 1},
            {"id": draft.rules.first().pk, "text": "No version"},
        ],
        "removed_rules": [0],
        "contacts": [{"role": "Neighbour"}],
        "agreements": [{"agency": " ", "agreement": "Watches"}],
    }, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "coordinator": ["Choose a person on this case."],
        "removed_rules.0": ["There is no such rule on this plan."],
        "rules.1.text": ["Write down what exactly happens, in the family's words."],
        "rules.2.responsible": ["Say who is responsible: a person on this case."],
        "rules.3.periods": ["Choose the periods from the week's grid."],
        "rules.4.id": ["There is no such rule on this plan."],
        "rules.5.version": ["Send the version of the rule you read."],
        "contacts.0.name": ["Enter the name."],
        "agreements.0.agency": ["Say who agreed: the school, day care, GP, police…"],
    }
    draft.refresh_from_db()
    assert (draft.child_explanation, draft.rules.count(), draft.contacts.count()) == ("", 2, 1)
    assert new_events(since) == []  # the services' audit records went with the rollback


def test_a_null_for_a_field_that_must_have_a_value_is_refused(case, draft, alice):
    response = alice.patch(plan_url(draft), {"version": 1, "child_explanation": None, "coordinator": None,
                                             "rules": [{"id": draft.rules.first().pk, "version": 1, "text": None,
                                                        "answers": None}]},
                           content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"child_explanation", "rules.0.text"}


def test_a_rule_answers_a_danger_statement_of_the_case(case, organisation, grandma, caseworker, draft, alice):
    other_case = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other_case, user=caseworker)
    foreign_map = mapping.map_create(actor=caseworker, case=other_case)
    foreign = mapping.entry_create(actor=caseworker, case=other_case, map_=foreign_map,
                                   voice=f"user:{caseworker.pk}", part="future_danger", worried="We",
                                   behaviour="x", impact="y")
    own_map = mapping.map_create(actor=caseworker, case=case)
    strength = mapping.entry_create(actor=caseworker, case=case, map_=own_map, voice=f"user:{caseworker.pk}",
                                    part="strengths", text="Grandma is there")
    rule = {"text": "Grandma stays", "responsible": grandma.pk, "periods": ["mon:night"]}

    response = alice.patch(plan_url(draft), {"version": 1, "map": foreign_map.pk, "rules": [
        {**rule, "answers": foreign.pk}, {**rule, "answers": strength.pk}]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "map": ["Choose a map of this case."],
        "rules.0.answers": ["Choose a danger statement of this case's maps."],
        "rules.1.answers": ["Choose a danger statement of this case's maps."],
    }


@pytest.mark.parametrize("days", [0, 91, True, "7"])
def test_a_review_interval_outside_one_to_ninety_days_is_refused(case, draft, alice, days):
    response = alice.patch(plan_url(draft), {"version": 1, "review_every_days": days}, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["review_every_days"]


def test_an_approved_version_refuses_every_change(case, grandma, approved, alice):
    rule = approved.rules.first()

    response = alice.patch(plan_url(approved), {
        "version": approved.version, "child_explanation": "Changed",
        "rules": [{"id": rule.pk, "version": 1, "text": "Changed"},
                  {"text": "New", "responsible": grandma.pk, "periods": ["mon:day"]}],
        "removed_rules": [rule.pk], "contacts": [{"name": "New"}],
        "agreements": [{"agency": "School", "agreement": "New"}],
    }, content_type=JSON)

    assert response.status_code == 400
    frozen = ["An approved version cannot be changed. Start a new version to change the plan."]
    assert response.json()["errors"] == {
        "__all__": frozen, "removed_rules.0": frozen, "rules.0": frozen, "rules.1": frozen, "contacts.0": frozen,
        "agreements.0": frozen,
    }
    rule.refresh_from_db()
    approved.refresh_from_db()
    assert (rule.text, approved.child_explanation, approved.rules.count()) == ("Grandma lives with the family.", "",
                                                                               1)


# --- transitions ------------------------------------------------------------------------------------------

def transition(client, plan, status: str):
    return client.post(plan_url(plan, "/transition"), {"status": status}, content_type=JSON)


def test_uncovered_periods_need_a_reason_before_the_plan_is_proposed(case, draft, alice):
    response = transition(alice, draft, "proposed")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["uncovered_reason"]
    assert response.json()["errors"]["uncovered_reason"][0].startswith("Nobody covers Monday, Day")

    alice.patch(plan_url(draft), {"version": 1, "uncovered_reason": "Mum is sober in the evenings."},
                content_type=JSON)
    response = transition(alice, draft, "proposed")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("proposed", 3)


def test_a_caseworker_may_not_approve_a_plan(case, covered, alice):
    assert transition(alice, covered, "proposed").status_code == 200

    response = transition(alice, covered, "approved")

    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert SafetyPlan.objects.get(pk=covered.pk).status == "proposed"


def test_the_team_lead_approves_and_the_next_active_version_supersedes_the_last(case, caseworker, team_lead,
                                                                                active, api_client_for, alice):
    second = services.plan_create(actor=caseworker, case=case)
    assert transition(alice, second, "proposed").status_code == 200

    response = transition(api_client_for(team_lead), second, "approved")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["approved_by"]["id"]) == ("approved", team_lead.pk)
    response = transition(alice, second, "active")
    assert (response.json()["status"], response.json()["activated_on"]) == ("active", TODAY.isoformat())
    assert response.json()["next_review_on"] == (TODAY + timedelta(days=14)).isoformat()
    assert SafetyPlan.objects.get(pk=active.pk).status == "superseded"


@pytest.mark.parametrize("status", ["approved", "active", "draft"])
def test_a_draft_cannot_skip_a_step(case, covered, team_lead, api_client_for, status):
    response = transition(api_client_for(team_lead), covered, status)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]


def test_an_unknown_status_is_refused_before_anything_runs(case, covered, alice):
    response = transition(alice, covered, "closed")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]


# --- coverage ---------------------------------------------------------------------------------------------

def test_the_coverage_lists_every_cell_with_the_rules_covering_it(case, draft, alice):
    school, _sober = draft.rules.all()
    since = last_event_id()

    response = alice.get(plan_url(draft, "/coverage"))

    assert response.status_code == 200
    body = response.json()
    assert [c["cell"] for c in body["cells"]] == list(CELLS)
    assert body["cells"][0] == {"cell": "mon:morning", "label": "Monday, Morning", "rules": [school.pk]}
    assert body["cells"][1]["rules"] == []
    assert (len(body["gaps"]), body["complete"], body["uncovered_reason"]) == (len(CELLS) - 5, False, "")
    [event] = new_events(since)
    assert (event.action, event.object_type, event.object_id) == ("view", "safety_plans.coverage", str(draft.pk))


# --- check-ins --------------------------------------------------------------------------------------------

def test_a_check_in_records_how_each_rule_held(case, caseworker, grandma, active, alice):
    [rule] = active.rules.all()

    response = alice.post(plan_url(active, "/checkins"), {
        "source": "home_visit", "safety_score": 6, "note": "Calm evening.",
        "results": [{"rule": rule.pk, "result": "broken", "note": "Grandma was away."}],
    }, content_type=JSON)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["checked_on"], body["source"], body["safety_score"], body["note"]) == (
        TODAY.isoformat(), "home_visit", 6, "Calm evening.")
    assert body["checked_by"] == {"id": caseworker.pk, "name": str(caseworker)}
    assert body["results"] == [{"rule": rule.pk, "result": "broken", "note": "Grandma was away."}]


def test_rules_left_out_of_a_check_in_are_not_known(case, caseworker, active, alice):
    [rule] = active.rules.all()

    response = alice.post(plan_url(active, "/checkins"), {"source": "call"}, content_type=JSON)

    assert response.json()["results"] == [{"rule": rule.pk, "result": "unknown", "note": ""}]


def test_the_check_ins_are_listed_oldest_first_and_audited_once(case, caseworker, active, alice):
    yesterday = services.check_in_create(actor=caseworker, case=case, plan=active, source="call")
    CheckIn.objects.filter(pk=yesterday.pk).update(checked_on=TODAY - timedelta(days=1))
    today = services.check_in_create(actor=caseworker, case=case, plan=active, source="school", safety_score=8)
    since = last_event_id()

    response = alice.get(plan_url(active, "/checkins"))

    assert response.status_code == 200
    body = response.json()
    assert ([c["id"] for c in body["items"]], body["count"]) == ([yesterday.pk, today.pk], 2)
    assert body["items"][1]["safety_score"] == 8
    [event] = new_events(since)
    assert (event.action, event.object_type, event.object_id) == ("view", "safety_plans.check_in_list",
                                                                  str(active.pk))


def test_a_check_in_on_a_plan_that_is_not_active_is_refused(case, draft, alice):
    response = alice.post(plan_url(draft, "/checkins"), {"source": "call"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"plan": ["Check-ins are recorded on the active plan."]}


@pytest.mark.parametrize(("payload", "field"), [
    ({"source": "gossip"}, "source"),
    ({"source": "call", "safety_score": 11}, "safety_score"),
    ({"source": "call", "safety_score": "7"}, "safety_score"),
    ({"source": "call", "checked_on": (TODAY + timedelta(days=1)).isoformat()}, "checked_on"),
    ({"source": "call", "results": [{"rule": 0, "result": "held"}]}, "results"),
    ({"source": "call", "results": [{"rule": 1, "result": "maybe"}]}, "results.0.result"),
])
def test_a_check_in_with_wrong_details_is_refused(case, active, alice, payload, field):
    response = alice.post(plan_url(active, "/checkins"), payload, content_type=JSON)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_date_no_case_can_mean_is_refused_with_a_message(case, active, parent, alice, day):
    message = ["Enter a date between 1900 and 2199."]

    check_in = alice.post(plan_url(active, "/checkins"), {"source": "call", "checked_on": day}, content_type=JSON)
    sign_off = alice.post(plan_url(active, "/sign-offs"), {"person": parent.pk, "how": "phone", "signed_on": day},
                          content_type=JSON)

    assert (check_in.status_code, check_in.json()["errors"]) == (400, {"checked_on": message})
    assert (sign_off.status_code, sign_off.json()["errors"]) == (400, {"signed_on": message})
    assert not CheckIn.objects.exists() and not active.sign_offs.exists()


def test_a_rule_is_checked_once_per_check_in(case, active, alice):
    [rule] = active.rules.all()

    response = alice.post(plan_url(active, "/checkins"), {"source": "call", "results": [
        {"rule": rule.pk, "result": "held"}, {"rule": rule.pk, "result": "broken"}]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"results.1.rule": ["Give one result per rule."]}


# --- closed cases ------------------------------------------------------------------------------------------

def test_a_closed_case_is_read_but_not_changed(case, draft, alice):
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status"])

    assert alice.get(plan_url(draft)).status_code == 200
    refused = alice.patch(plan_url(draft), {"version": 1, "contacts": [{"name": "Police"}]}, content_type=JSON)
    moved = transition(alice, draft, "proposed")

    assert refused.status_code == moved.status_code == 403
    assert refused.json()["message"] == "This case is closed. Reopen it to change it."
    assert (Contact.objects.count(), ProfessionalAgreement.objects.count()) == (1, 1)


# method, path and body of every change.
CHANGES = {
    "start a new version": ("post", "", {}),
    "change a plan": ("patch", "/{plan}", {"version": 1, "child_explanation": "Changed"}),
    "move a plan on": ("post", "/{plan}/transition", {"status": "ended"}),
    "record a sign-off": ("post", "/{plan}/sign-offs", {"person": "{parent}", "how": "phone"}),
    "record a check-in": ("post", "/{plan}/checkins", {"source": "call"}),
}


@pytest.mark.parametrize(("method", "path", "body"), CHANGES.values(), ids=CHANGES.keys())
def test_every_change_on_a_closed_case_answers_403_saying_why(active, closed_case, parent, alice, method, path,
                                                              body):
    before = untouched(active), active.sign_offs.count()
    url = plans_url(closed_case) + path.format(plan=active.pk)
    payload = {key: parent.pk if value == "{parent}" else value for key, value in body.items()}

    response = getattr(alice, method)(url, payload, content_type=JSON)

    assert (response.status_code, response.json()) == (
        403, {"message": "This case is closed. Reopen it to change it.", "errors": {}})
    assert (untouched(active), active.sign_offs.count()) == before


# --- who may do what ---------------------------------------------------------------------------------------

# method, path, body, the plan it needs: the draft (to change it) or the active version (to record a check-in,
# end it, or start the next version).
ENDPOINTS = {
    "list the versions": ("get", "", None, "active"),
    "start a new version": ("post", "", {}, "active"),
    "read a plan": ("get", "/{plan}", None, "draft"),
    "change a plan": ("patch", "/{plan}", {"version": 1, "child_explanation": "Intruder"}, "draft"),
    "move a plan on": ("post", "/{plan}/transition", {"status": "ended"}, "active"),
    "read the coverage": ("get", "/{plan}/coverage", None, "draft"),
    "list the check-ins": ("get", "/{plan}/checkins", None, "active"),
    "record a check-in": ("post", "/{plan}/checkins", {"source": "call"}, "active"),
}


def call(client, endpoint, plan):
    method, path, body, _needs = endpoint
    url = f"/api/v1/cases/{plan.case_id}/safety-plans" + path.format(plan=plan.pk)
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type=JSON)


def plan_for(request, endpoint) -> SafetyPlan:
    return request.getfixturevalue(endpoint[3])


def untouched(plan) -> tuple:
    plan = SafetyPlan.objects.get(pk=plan.pk)
    return SafetyPlan.objects.count(), plan.status, plan.version, CheckIn.objects.count()


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
@pytest.mark.parametrize("role", ["stranger", "colleague", "org_admin"])
def test_whoever_is_not_on_the_case_is_told_it_does_not_exist(request, api_client_for, role, endpoint):
    plan = plan_for(request, endpoint)
    before = untouched(plan)
    since = last_event_id()

    response = call(api_client_for(request.getfixturevalue(role)), endpoint, plan)

    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert untouched(plan) == before
    assert not AuditEvent.objects.filter(pk__gt=since, case=plan.case).exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_an_auditor_may_not_see_or_change_safety_plans(request, auditor, api_client_for, endpoint):
    plan = plan_for(request, endpoint)
    before = untouched(plan)

    response = call(api_client_for(auditor), endpoint, plan)

    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert untouched(plan) == before


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
@pytest.mark.parametrize("role", ["caseworker", "consultant", "team_lead"])
def test_everyone_on_the_case_works_on_the_safety_plan(request, api_client_for, role, endpoint):
    response = call(api_client_for(request.getfixturevalue(role)), endpoint, plan_for(request, endpoint))

    assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_every_safety_plan_endpoint_needs_a_token(request, anonymous, endpoint):
    plan = plan_for(request, endpoint)
    before = untouched(plan)

    response = call(anonymous, endpoint, plan)

    assert response.status_code == 401
    assert untouched(plan) == before


# --- queries -----------------------------------------------------------------------------------------------

# Token, last-used stamp, memberships, case, assignment, plan, audit row, rules, contacts, agreements,
# sign-offs.
PLAN_QUERIES = 13  # with the read audit's chain head (audit/chain.py)


def fill(plan, count: int, *people) -> None:
    """count more rules, kept by different people."""
    Rule.objects.bulk_create([
        Rule(plan=plan, position=100 + i, text=f"Rule {i}", responsible=people[i % len(people)],
             periods=[CELLS[i % len(CELLS)]]) for i in range(count)
    ])


@pytest.mark.parametrize("count", [1, 28])
def test_reading_a_plan_runs_a_fixed_number_of_queries(case, parent, grandma, draft, caseworker, api_client_for,
                                                       django_assert_max_num_queries, count):
    fill(draft, count, parent, grandma)  # with the draft's two: 3 and 30 rules
    client = api_client_for(caseworker)

    with django_assert_max_num_queries(PLAN_QUERIES):
        response = client.get(plan_url(draft))

    assert response.status_code == 200
    assert len(response.json()["rules"]) == count + 2


def test_thirty_rules_cost_as_many_queries_as_three(case, parent, grandma, draft, caseworker, api_client_for):
    def queries_to_read_it() -> int:
        client = api_client_for(caseworker)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan_url(draft)).status_code == 200
        return len(queries)

    fill(draft, 1, parent, grandma)
    few = queries_to_read_it()
    fill(draft, 27, parent, grandma)

    assert queries_to_read_it() == few


def test_the_check_in_list_runs_a_fixed_number_of_queries(case, caseworker, active, api_client_for):
    def queries_to_list() -> int:
        client = api_client_for(caseworker)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan_url(active, "/checkins")).status_code == 200
        return len(queries)

    services.check_in_create(actor=caseworker, case=case, plan=active, source="call")
    one = queries_to_list()
    for _ in range(4):
        services.check_in_create(actor=caseworker, case=case, plan=active, source="call")

    assert queries_to_list() == one


# --- OpenAPI -----------------------------------------------------------------------------------------------

def test_the_schema_describes_the_safety_plan_endpoints(alice):
    schema = alice.get("/api/v1/openapi.json").json()

    paths = {path: set(ops) for path, ops in schema["paths"].items() if "/safety-plans" in path}
    assert paths == {
        "/api/v1/cases/{case_id}/safety-plans": {"get", "post"},
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}": {"get", "patch"},
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}/transition": {"post"},
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}/coverage": {"get"},
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}/checkins": {"get", "post"},
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}/sign-offs": {"post"},
        "/api/v1/cases/{case_id}/safety-plans/{plan_id}/pdf": {"get"},
    }
    pdf = schema["paths"]["/api/v1/cases/{case_id}/safety-plans/{plan_id}/pdf"]["get"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    assert {p["name"] for p in pdf["parameters"]} >= {"kind"}
    patch = schema["paths"]["/api/v1/cases/{case_id}/safety-plans/{plan_id}"]["patch"]
    assert patch["responses"]["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SafetyPlanConflict"}
    assert patch["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PlanOut"}
    assert "version" in schema["components"]["schemas"]["PlanPatch"]["required"]
    score = schema["components"]["schemas"]["CheckInCreate"]["properties"]["safety_score"]
    assert (score["minimum"], score["maximum"]) == (0, 10)


def _nullable(schema, model: str) -> set[str]:
    properties = schema["components"]["schemas"][model]["properties"]
    return {name for name, field in properties.items()
            if any(option.get("type") == "null" for option in field.get("anyOf", []))}


def test_the_schema_documents_null_where_the_api_takes_it_and_nowhere_else(alice):
    schema = alice.get("/api/v1/openapi.json").json()

    assert _nullable(schema, "PlanPatch") == {"map", "story", "coordinator"}
    assert _nullable(schema, "RuleIn") == {"id", "version", "answers"}
    assert _nullable(schema, "ContactIn") == {"person"}
    assert _nullable(schema, "SignOffIn") == {"signed_on"}
    assert _nullable(schema, "CheckInCreate") == {"checked_on", "safety_score"}
    transition = schema["paths"]["/api/v1/cases/{case_id}/safety-plans/{plan_id}/transition"]["post"]
    body = transition["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body == "#/components/schemas/PlanTransitionIn"
    statuses = schema["components"]["schemas"]["PlanStatus"]["enum"]
    assert statuses == ["draft", "proposed", "approved", "active", "superseded", "ended"]


def test_null_clears_the_map_and_the_coordinator_and_is_accepted_where_documented(case, draft, grandma, alice):
    assert alice.patch(plan_url(draft), {"version": 1, "coordinator": grandma.pk}, content_type=JSON).status_code == 200

    response = alice.patch(plan_url(draft), {"version": 2, "coordinator": None, "map": None, "story": None},
                           content_type=JSON)

    assert response.status_code == 200
    assert (response.json()["coordinator"], response.json()["map"], response.json()["story"]) == (None, None, None)
    added = alice.post(plan_url(draft, "/sign-offs"), {"person": grandma.pk, "how": "phone", "signed_on": None},
                       content_type=JSON)
    assert (added.status_code, added.json()["signed_on"]) == (201, TODAY.isoformat())


# --- sign-off ---------------------------------------------------------------------------------------------

def test_a_family_member_signs_off_through_the_api_and_it_is_audited(alice, draft, parent):
    since = last_event_id()
    response = alice.post(plan_url(draft, "/sign-offs"), {"person": parent.pk, "how": "phone"}, content_type=JSON)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["person"], body["how"], body["signed_on"]) == (parent.pk, "phone", TODAY.isoformat())
    assert [(e.action, e.changed_fields) for e in new_events(since)] == [("update", ["sign_offs"])]
    assert [s["name"] for s in alice.get(plan_url(draft)).json()["sign_offs"]] == [parent.full_name]


@pytest.mark.parametrize(("body", "field"), [
    ({"how": "phone"}, "person"),
    ({"person": 0, "how": "phone"}, "person"),
    ({"person": 1, "how": "telepathy"}, "how"),
])
def test_a_sign_off_the_schema_refuses_names_the_field(alice, draft, body, field):
    response = alice.post(plan_url(draft, "/sign-offs"), body, content_type=JSON)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_sign_off_by_a_professional_someone_of_another_case_or_in_the_future_is_refused(alice, draft, case):
    other = PersonFactory(case=CaseFactory(organisation=case.organisation), role="parent")
    teacher = PersonFactory(case=case, role="professional", first_name="Lene")
    for body, field in (({"person": teacher.pk, "how": "phone"}, "person"),
                        ({"person": other.pk, "how": "phone"}, "person")):
        response = alice.post(plan_url(draft, "/sign-offs"), body, content_type=JSON)
        assert response.status_code == 400 and field in response.json()["errors"], response.content
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    parent = draft.case.people.filter(role="parent").first()
    response = alice.post(plan_url(draft, "/sign-offs"), {"person": parent.pk, "how": "phone",
                                                         "signed_on": tomorrow}, content_type=JSON)
    assert response.status_code == 400 and "signed_on" in response.json()["errors"]
    assert not draft.sign_offs.exists()


# --- issue 13: what a rule is, and whom the worry is about ---------------------------------------------------

def test_a_rule_has_a_kind_and_only_someone_safe_being_there_covers(case, caseworker, parent, draft, alice):
    response = alice.patch(plan_url(draft), {"version": draft.version, "rules": [
        {"kind": "if_then", "text": "If he drinks, he leaves.", "responsible": parent.pk, "periods": list(CELLS),
         "situation": "when he has been drinking"},
        {"text": "Mum is at home in the evenings.", "responsible": parent.pk,
         "periods": cells_for(WEEKDAYS, ["evening"])},
    ]}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert [rule["kind"] for rule in body["rules"]] == ["presence", "if_then", "if_then", "presence"]
    assert "mon:night" in body["gaps"] and "mon:evening" not in body["gaps"]


def test_an_unknown_kind_is_refused_with_the_rules_field(draft, parent, alice):
    response = alice.patch(plan_url(draft), {"version": draft.version, "rules": [
        {"kind": "maybe", "text": "Something", "responsible": parent.pk, "periods": ["mon:day"]}]},
        content_type="application/json")
    assert response.status_code == 400
    assert "rules.0.kind" in response.json()["errors"]


def test_the_worry_about_a_person_makes_their_presence_rules_cover_nothing(draft, grandma, alice):
    response = alice.patch(plan_url(draft), {"version": draft.version, "worry_about": [grandma.pk]},
                           content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["worry_about"] == [{"id": grandma.pk, "name": grandma.full_name}]
    grandmas = [rule["id"] for rule in body["rules"] if rule["responsible"]["id"] == grandma.pk]
    assert body["not_counted"] == grandmas and "mon:morning" in body["gaps"]
    coverage = alice.get(plan_url(draft, "/coverage")).json()
    assert coverage["not_counted"] == grandmas and coverage["cells"][0]["rules"] == []


def test_a_child_cannot_be_the_one_the_worry_is_about(draft, child, alice):
    response = alice.patch(plan_url(draft), {"version": draft.version, "worry_about": [child.pk]},
                           content_type="application/json")
    assert response.status_code == 400 and "worry_about" in response.json()["errors"]
