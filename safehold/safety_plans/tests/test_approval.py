"""Approval a team lead can act on: the start page lists the plans waiting for them; approving shows the gaps
and their reasons and records the comment (needed when periods are not covered); sending back records why,
for the caseworker; a caseworker sees no approve button; the approval shows on the page and in the
authority's PDF; the API takes the same comment and reason."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from safehold.cases.sections import attention_for
from safehold.safety_plans import services
from safehold.safety_plans.attention import plan_warnings
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.documents import plan_pdf
from safehold.safety_plans.models import PlanStatus, SafetyPlan
from safehold.testing.factories import AssignmentFactory, CaseFactory, RuleFactory, SafetyPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(case, caseworker, parent):
    """Proposed with a gap on Sunday night and the reason for it."""
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Camilla is at home", responsible=parent.pk,
                         periods=[c for c in CELLS if c != "sun:night"])
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         uncovered_reason="Freja sleeps at grandma's on Sundays")
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    plan.refresh_from_db()
    return plan


def _page(client, case, plan) -> str:
    return client.get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()


def _post(client, case, plan, **data):
    return client.post(f"/cases/{case.pk}/safety-plans/{plan.pk}/status/", data)


def test_the_team_lead_sees_the_plan_waiting_for_approval_on_the_start_page(case, proposed, team_lead,
                                                                           caseworker, client_for):
    [item] = [i for i in attention_for(team_lead) if "approval" in i.message]
    assert item.message == "Safety plan, version 1, waits for your approval"
    assert item.url == f"/cases/{case.pk}/safety-plans/{proposed.pk}/"
    assert "waits for your approval" in client_for(team_lead).get("/").content.decode()
    assert not [i for i in plan_warnings(caseworker) if "approval" in i.message]


def test_a_plan_of_another_team_or_organisation_does_not_wait_for_this_lead(organisation, team_lead, stranger):
    other_team_case = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other_team_case, user=team_lead)  # assigned, but not the lead of its team
    SafetyPlanFactory(case=other_team_case, status=PlanStatus.PROPOSED)
    assert plan_warnings(team_lead) == []
    assert plan_warnings(stranger) == []


@pytest.mark.parametrize("plans", [1, 15])
def test_the_waiting_plans_take_a_fixed_number_of_queries(plans, organisation, team, team_lead,
                                                          django_assert_max_num_queries):
    for i in range(plans):
        plan = SafetyPlanFactory(case=CaseFactory(organisation=organisation, team=team, reference=f"W-{i}"),
                                 status=PlanStatus.PROPOSED)
        RuleFactory(plan=plan)
    lead = type(team_lead).objects.get(pk=team_lead.pk)
    with django_assert_max_num_queries(6):
        items = plan_warnings(lead)
    assert len(items) == plans


def test_the_team_lead_sees_the_gaps_their_reason_and_approves_with_a_comment(client_for, case, proposed,
                                                                              team_lead):
    client = client_for(team_lead)
    page = _page(client, case, proposed)
    decision = page[page.index('id="approval-decision"'):]
    assert "Not covered: Sunday, Night" in decision and "Freja sleeps at grandma&#x27;s on Sundays" in decision
    assert 'name="comment"' in decision
    response = _post(client, case, proposed, to_status="approved", comment="Grandma confirmed Sundays by phone.")
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.approved_by, proposed.approval_comment) == (
        PlanStatus.APPROVED, team_lead, "Grandma confirmed Sundays by phone.")
    page = _page(client, case, proposed)
    assert "Approved by" in page and "Grandma confirmed Sundays by phone." in page


def test_approving_a_plan_with_gaps_without_a_comment_is_refused_next_to_the_field(client_for, case, proposed,
                                                                                  team_lead):
    response = _post(client_for(team_lead), case, proposed, to_status="approved", comment="  ")
    assert response.status_code == 400
    page = response.content.decode()
    start = page.index('id="approve-comment_error"')
    assert "Some periods are not covered. Say why you approve the plan as it is." in page[start:start + 400]
    assert SafetyPlan.objects.get(pk=proposed.pk).status == PlanStatus.PROPOSED


def test_a_covered_plan_is_approved_without_a_comment(case, caseworker, team_lead, child):
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Grandma stays", responsible=child.pk,
                         periods=list(CELLS))
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    assert services.plan_transition(actor=team_lead, case=case, plan=plan,
                                    to_status=PlanStatus.APPROVED).approval_comment == ""


def test_the_caseworker_sees_no_approve_button(client_for, case, proposed, caseworker):
    page = _page(client_for(caseworker), case, proposed)
    assert 'value="approved"' not in page and 'id="approval-decision"' not in page
    assert 'value="draft"' in page  # the proposal can still be taken back, with a reason


def test_sending_back_needs_a_reason_which_the_caseworker_reads_on_the_draft(client_for, case, proposed,
                                                                            team_lead, caseworker):
    lead = client_for(team_lead)
    refused = _post(lead, case, proposed, to_status="draft")
    assert refused.status_code == 400
    assert 'id="send-back-reason_error"' in refused.content.decode()
    assert _post(lead, case, proposed, to_status="draft", reason="Who is there on Sunday nights?").status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.sent_back_by, proposed.sent_back_reason) == (
        PlanStatus.DRAFT, team_lead, "Who is there on Sunday nights?")
    page = _page(client_for(caseworker), case, proposed)
    notice = page[page.index('id="sent-back"'):]
    assert "Sent back to draft by" in notice and "Who is there on Sunday nights?" in notice


def test_the_authoritys_pdf_shows_who_approved_when_and_with_what_comment(case, proposed, team_lead):
    team_lead.first_name, team_lead.last_name = "Tom", "Lead"
    team_lead.save()
    services.plan_transition(actor=team_lead, case=case, plan=proposed, to_status=PlanStatus.APPROVED,
                             comment="Sundays agreed with grandma.")
    case.language = "en"
    case.save(update_fields=["language"])
    pdf = PdfReader(io.BytesIO(plan_pdf(case, proposed, audience="authority")))
    first = pdf.pages[0].extract_text().replace("\n", " ")
    assert "Safety plan – version for the authority" in first
    assert "Approved by Tom Lead on" in first and "Sundays agreed with grandma." in first
    family = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(plan_pdf(case, proposed))).pages)
    assert "version for the authority" not in family and "Sundays agreed with grandma." not in family


def test_the_api_takes_the_comment_and_the_reason_and_names_the_missing_one(case, proposed, team_lead,
                                                                           api_client_for):
    client = api_client_for(team_lead)
    url = f"/api/v1/cases/{case.pk}/safety-plans/{proposed.pk}/transition"
    refused = client.post(url, {"status": "approved"}, content_type="application/json")
    assert refused.status_code == 400 and "comment" in refused.json()["errors"]
    refused = client.post(url, {"status": "draft"}, content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    response = client.post(url, {"status": "approved", "comment": "Agreed."}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["approval_comment"], body["approved_by"]["id"]) == ("approved", "Agreed.",
                                                                                     team_lead.pk)
