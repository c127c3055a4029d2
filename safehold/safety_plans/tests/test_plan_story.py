"""What the plan takes from the case's other tools: the Words & Pictures story that explains it to the
children (linked, shown and printed), and the network's coordinator for a first plan."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from safehold.safety_plans import services
from safehold.safety_plans.documents import plan_pdf
from safehold.testing.factories import CaseFactory
from safehold.words_pictures import services as stories
from safehold.words_pictures.models import Story


@pytest.fixture
def story(case, caseworker):
    story = stories.story_create(actor=caseworker, case=case)
    stories.story_update(actor=caseworker, case=case, story=story, expected_version=story.version,
                         title="Why Granny sleeps over")
    return story


@pytest.fixture
def plan(case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


def test_the_plan_links_the_story_and_shows_and_prints_it(case, caseworker, plan, story, client_for):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/safety-plans/{plan.pk}/edit/", {
        "story": story.pk, "review_every_days": 14, "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.story_id == story.pk
    page = client.get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()
    assert f"/cases/{case.pk}/words-pictures/{story.pk}/" in page and "Why Granny sleeps over" in page
    case.language = "en"
    case.save(update_fields=["language"])
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(plan_pdf(case, plan))).pages)
    assert "Why Granny sleeps over" in text


def test_a_story_of_another_case_is_refused(case, caseworker, plan, api_client_for):
    other = Story.objects.create(case=CaseFactory(organisation=case.organisation), version_no=1)
    with pytest.raises(ValidationError) as refused:
        services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version, story=other.pk)
    assert "story" in refused.value.message_dict
    response = api_client_for(caseworker).patch(f"/api/v1/cases/{case.pk}/safety-plans/{plan.pk}",
                                                {"version": plan.version, "story": other.pk},
                                                content_type="application/json")
    assert response.status_code == 400 and "story" in response.json()["errors"]
    plan.refresh_from_db()
    assert plan.story_id is None


def test_the_first_plan_starts_with_the_networks_coordinator(case, caseworker, parent):
    from safehold.network import services as network

    network.coordinator_set(actor=caseworker, case=case, person=parent.pk)
    plan = services.plan_create(actor=caseworker, case=case)
    assert plan.coordinator_id == parent.pk
