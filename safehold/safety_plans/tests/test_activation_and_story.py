"""Putting a plan into force moves a case still in assessment on to monitoring (when the worker leaves the box
ticked), and a story written after the approval is linked to the approved version without a new one."""

from __future__ import annotations

import pytest

from safehold.audit.models import AuditEvent
from safehold.cases.models import CaseStatus, StatusChange
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.models import PlanStatus, SafetyPlan
from safehold.testing.factories import CaseFactory
from safehold.words_pictures import services as stories
from safehold.words_pictures.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(case, caseworker, team_lead, child):
    case.status = CaseStatus.ASSESSMENT
    case.save(update_fields=["status"])
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Grandma stays", responsible=child.pk,
                         periods=list(CELLS))
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED)
    plan.refresh_from_db()
    return plan


def _activate(client, case, plan, **extra):
    return client.post(f"/cases/{case.pk}/safety-plans/{plan.pk}/status/", {"to_status": "active", **extra},
                       follow=True)


def test_the_page_offers_to_move_the_case_to_monitoring_ticked(client_for, case, approved, caseworker):
    page = client_for(caseworker).get(f"/cases/{case.pk}/safety-plans/{approved.pk}/").content.decode()
    assert 'name="move_case" id="move-case" checked' in page
    assert "Move the case to monitoring (it is in “Assessment”)" in page


def test_activating_with_the_box_ticked_moves_the_case_to_monitoring_and_says_so(client_for, case, approved,
                                                                               caseworker):
    response = _activate(client_for(caseworker), case, approved, move_case="on")
    assert "The plan is now “Active”, and the case has moved to “Monitoring”." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.MONITORING
    assert list(StatusChange.objects.filter(case=case).values_list("from_status", "to_status")) == [
        ("assessment", "safety_planning"), ("safety_planning", "monitoring")]


def test_activating_without_the_box_leaves_the_case_where_it_is(client_for, case, approved, caseworker):
    response = _activate(client_for(caseworker), case, approved)
    assert "The plan is now “Active”." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT
    assert SafetyPlan.objects.get(pk=approved.pk).status == PlanStatus.ACTIVE


def test_the_api_moves_the_case_when_asked(case, approved, caseworker, api_client_for):
    response = api_client_for(caseworker).post(
        f"/api/v1/cases/{case.pk}/safety-plans/{approved.pk}/transition",
        {"status": "active", "move_case_to_monitoring": True}, content_type="application/json")
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.MONITORING


# --- a story linked to an approved version -----------------------------------------------------------------

@pytest.fixture
def story(case, caseworker):
    story = stories.story_create(actor=caseworker, case=case)
    stories.story_update(actor=caseworker, case=case, story=story, expected_version=story.version,
                         title="Why Granny sleeps over")
    return story


def test_a_story_is_linked_to_the_approved_version_without_a_new_one(client_for, case, approved, caseworker,
                                                                    story):
    client = client_for(caseworker)
    page = client.get(f"/cases/{case.pk}/safety-plans/{approved.pk}/").content.decode()
    assert 'id="story-link"' in page
    response = client.post(f"/cases/{case.pk}/safety-plans/{approved.pk}/edit/",
                           {"story": story.pk, "version": approved.version})
    assert response.status_code == 302
    saved = SafetyPlan.objects.get(pk=approved.pk)
    assert (saved.story_id, saved.status, saved.approved_at) == (story.pk, PlanStatus.APPROVED, approved.approved_at)
    assert SafetyPlan.objects.filter(case=case).count() == 1
    assert any(event.changed_fields == ["story"]
               for event in AuditEvent.objects.filter(object_id=str(approved.pk), action="update"))


def test_linking_on_a_stale_version_is_a_conflict(client_for, case, approved, caseworker, story):
    response = client_for(caseworker).post(f"/cases/{case.pk}/safety-plans/{approved.pk}/edit/",
                                           {"story": story.pk, "version": approved.version - 1})
    assert response.status_code == 409
    assert SafetyPlan.objects.get(pk=approved.pk).story_id is None


def test_an_ended_version_and_another_cases_story_are_refused(case, approved, caseworker, story):
    from django.core.exceptions import ValidationError

    other = Story.objects.create(case=CaseFactory(organisation=case.organisation), version_no=1)
    with pytest.raises(ValidationError) as refused:
        services.plan_story_link(actor=caseworker, case=case, plan=approved, story=other.pk,
                                 expected_version=approved.version)
    assert "story" in refused.value.message_dict
    services.plan_transition(actor=caseworker, case=case, plan=approved, to_status=PlanStatus.ENDED)
    approved.refresh_from_db()
    with pytest.raises(ValidationError):
        services.plan_story_link(actor=caseworker, case=case, plan=approved, story=story.pk,
                                 expected_version=approved.version)


def test_the_api_links_the_story_with_a_patch_of_only_the_story(case, approved, caseworker, story, api_client_for):
    client = api_client_for(caseworker)
    url = f"/api/v1/cases/{case.pk}/safety-plans/{approved.pk}"
    response = client.patch(url, {"version": approved.version, "story": story.pk}, content_type="application/json")
    assert response.status_code == 200 and response.json()["story"] == story.pk
    stale = client.patch(url, {"version": approved.version, "story": None}, content_type="application/json")
    assert stale.status_code == 409
    refused = client.patch(url, {"version": approved.version + 1, "minimum_requirements": "More"},
                           content_type="application/json")
    assert refused.status_code == 400
