"""Words & Pictures through the API: /api/v1/cases/{id}/words-pictures…: versions, panels upserted in a PATCH,
agreement with the parents, reading with the children and the booklet."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.words_pictures import services
from safehold.words_pictures.models import Panel, Story, StoryStatus

from .conftest import SIX_PANELS

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}


def stories_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/words-pictures"


def story_url(story, path: str = "") -> str:
    return f"/api/v1/cases/{story.case_id}/words-pictures/{story.pk}{path}"


@pytest.fixture
def alice(caseworker, api_client_for):
    return api_client_for(caseworker)


def test_a_story_is_written_agreed_read_and_printed_through_the_api(case, parent, alice):
    created = alice.post(stories_url(case))
    assert created.status_code == 201
    body = created.json()
    assert (body["version_no"], body["status"], body["panels"]) == (1, "draft", [])
    assert body["missing_sections"] == ["who_is_worried", "what_happened", "keeping_safe", "safety_network"]
    story = Story.objects.get(pk=body["id"])

    patched = alice.patch(story_url(story), {"version": body["version"], "title": "Frejas bog", "panels": [
        {"section": section, "text": text, "figures": ["house"]} for section, text in SIX_PANELS]},
        content_type=JSON)
    assert patched.status_code == 200, patched.json()
    body = patched.json()
    assert [p["text"] for p in body["panels"]] == [text for _s, text in SIX_PANELS]
    assert body["missing_sections"] == [] and body["title"] == "Frejas bog"

    agreed = alice.post(story_url(story, "/transition"), {"status": "agreed", "agreed_with": [parent.pk]},
                        content_type=JSON)
    assert agreed.status_code == 200, agreed.json()
    assert agreed.json()["agreed_with"] == [{"id": parent.pk, "name": "Camilla Sørensen"}]
    read = alice.post(story_url(story, "/transition"), {"status": "read_with_children"}, content_type=JSON)
    assert read.json()["status"] == "read_with_children"

    pdf = alice.get(read.json()["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 8
    assert AuditEvent.objects.filter(action="export", object_type="words_pictures.pdf", case=case).count() == 1

    listed = alice.get(stories_url(case)).json()
    assert listed["count"] == 1 and listed["items"][0]["status"] == "read_with_children"


def test_panels_are_changed_and_removed_in_a_patch(case, loaded, caseworker, story, alice):
    first = services.panel_create(actor=caseworker, case=loaded, story=story, section="other", text="Et")
    second = services.panel_create(actor=caseworker, case=loaded, story=story, section="other", text="To")
    response = alice.patch(story_url(story), {"version": story.version, "removed_panels": [second.pk], "panels": [
        {"id": first.pk, "version": 1, "text": "Et, igen", "figures": ["sun", "heart"]}]}, content_type=JSON)
    assert response.status_code == 200
    [panel] = response.json()["panels"]
    assert (panel["id"], panel["text"], panel["figures"], panel["version"]) == (first.pk, "Et, igen",
                                                                               ["sun", "heart"], 2)
    assert not Panel.objects.filter(pk=second.pk).exists()


def test_bad_panels_are_400_with_the_errors_named_after_the_item_and_nothing_is_saved(case, story, alice):
    response = alice.patch(story_url(story), {"version": story.version, "title": "Saved?", "panels": [
        {"section": "other", "text": "Fine"},
        {"section": "other", "text": "   ", "figures": ["dragon"]},
        {"section": "other", "text": "x", "figures": ["sun"] * 2 + ["adult", "child", "baby", "house"]},
    ]}, content_type=JSON)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"panels.1.text", "panels.1.figures", "panels.2.figures"}
    assert not Panel.objects.exists() and Story.objects.get(pk=story.pk).title == ""


def test_a_section_the_method_does_not_know_is_400_from_the_schema(story, alice):
    response = alice.patch(story_url(story), {"version": story.version, "panels": [
        {"section": "nonsense", "text": "x"}]}, content_type=JSON)
    assert response.status_code == 400 and "panels.0.section" in response.json()["errors"]


def test_agreeing_an_incomplete_story_is_400_naming_the_missing_sections(case, loaded, caseworker, child, story,
                                                                         alice):
    services.panel_create(actor=caseworker, case=loaded, story=story, section="what_happened", text="Et")
    response = alice.post(story_url(story, "/transition"), {"status": "agreed", "agreed_with": [child.pk]},
                          content_type=JSON)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "Who is worried and why" in errors["panels"][0] and "agreed_with" in errors


def test_a_stale_panel_is_a_409_showing_the_current_panel_and_nothing_is_saved(case, loaded, caseworker, story,
                                                                               alice):
    panel = services.panel_create(actor=caseworker, case=loaded, story=story, section="other", text="Et")
    services.panel_update(actor=caseworker, case=loaded, panel=panel, expected_version=1, text="Saved first")
    response = alice.patch(story_url(story), {"version": story.version, "panels": [
        {"section": "other", "text": "Would be saved"}, {"id": panel.pk, "version": 1, "text": "Mine"}]},
        content_type=JSON)
    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    assert (body["current"]["id"], body["current"]["text"], body["current"]["version"]) == (panel.pk,
                                                                                         "Saved first", 2)
    assert not Panel.objects.filter(text="Would be saved").exists()


def test_a_stale_title_is_a_409_showing_the_current_story(story, alice):
    assert alice.patch(story_url(story), {"version": 1, "title": "Et"}, content_type=JSON).status_code == 200
    response = alice.patch(story_url(story), {"version": 1, "title": "To"}, content_type=JSON)
    assert response.status_code == 409 and response.json()["current"]["title"] == "Et"


def test_an_agreed_story_cannot_be_patched(case, loaded, caseworker, parent, six_panel_story, alice):
    services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[parent.pk])
    response = alice.patch(story_url(six_panel_story), {"version": six_panel_story.version, "panels": [
        {"section": "other", "text": "More"}]}, content_type=JSON)
    assert response.status_code == 400 and "agreed to this version" in response.json()["message"]
    assert Story.objects.get(pk=six_panel_story.pk).status == StoryStatus.AGREED


def test_another_organisations_story_is_404(case, story, stranger, api_client_for):
    api = api_client_for(stranger)
    for response in (api.get(stories_url(case)), api.get(story_url(story)), api.get(story_url(story, "/pdf")),
                     api.patch(story_url(story), {"version": 1, "title": "x"}, content_type=JSON),
                     api.post(story_url(story, "/transition"), {"status": "read_with_children"},
                              content_type=JSON)):
        assert response.status_code == 404 and response.json() == NOT_FOUND


def test_a_story_of_another_case_is_404_on_this_case(case, organisation, team, caseworker, story, alice):
    from safehold.testing.factories import AssignmentFactory, CaseFactory

    other = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=other, user=caseworker)
    assert alice.get(f"/api/v1/cases/{other.pk}/words-pictures/{story.pk}").status_code == 404


def test_the_auditor_reads_no_story_and_changes_nothing(case, story, auditor, api_client_for):
    api = api_client_for(auditor)
    assert api.get(story_url(story)).status_code == 403
    assert api.post(stories_url(case)).status_code == 403


def test_reading_a_story_is_audited(case, story, alice, caseworker):
    alice.get(story_url(story))
    event = AuditEvent.objects.filter(actor=caseworker, action="view").latest("pk")
    assert (event.object_type, event.object_id) == ("words_pictures.story", str(story.pk))
