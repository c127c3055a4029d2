"""Words & Pictures through the API: /api/v1/cases/{id}/words-pictures…: versions, panels upserted in a PATCH,
agreement with the parents, reading with the children, the booklet and the panels' pictures."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.testing.factories import png_bytes
from safehold.words_pictures import services
from safehold.words_pictures.models import Panel, Story, StoryStatus
from safehold.words_pictures.tests.samples import SIX_PANELS, write_six_panels

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}


def stories_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/words-pictures"


def story_url(story, path: str = "") -> str:
    return f"/api/v1/cases/{story.case_id}/words-pictures/{story.pk}{path}"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its uploads in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def story(case, caseworker):
    return services.story_create(actor=caseworker, case=case)


@pytest.fixture
def six_panel_story(case, caseworker, story):
    return write_six_panels(caseworker, case, story)


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


def test_panels_are_changed_and_removed_in_a_patch(case, caseworker, story, alice):
    first = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="Et")
    second = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="To")
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


def test_agreeing_an_incomplete_story_is_400_naming_the_missing_sections(case, caseworker, child, story,
                                                                         alice):
    services.panel_create(actor=caseworker, case=case, story=story, section="what_happened", text="Et")
    response = alice.post(story_url(story, "/transition"), {"status": "agreed", "agreed_with": [child.pk]},
                          content_type=JSON)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "Who is worried and why" in errors["panels"][0] and "agreed_with" in errors


def test_a_stale_panel_is_a_409_showing_the_current_panel_and_nothing_is_saved(case, caseworker, story,
                                                                               alice):
    panel = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="Et")
    services.panel_update(actor=caseworker, case=case, panel=panel, expected_version=1, text="Saved first")
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


def test_an_agreed_story_cannot_be_patched(case, caseworker, parent, six_panel_story, alice):
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
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


def test_a_closed_case_is_read_but_no_story_of_it_is_changed(case, parent, six_panel_story, alice, closed_case):
    closed = {"message": "This case is closed. Reopen it to change it.", "errors": {}}
    assert alice.get(story_url(six_panel_story)).status_code == 200
    for response in (
        alice.post(stories_url(closed_case)),
        alice.patch(story_url(six_panel_story), {"version": six_panel_story.version, "title": "Ny"},
                    content_type=JSON),
        alice.post(story_url(six_panel_story, "/transition"), {"status": "agreed", "agreed_with": [parent.pk]},
                   content_type=JSON),
        alice.post(story_url(six_panel_story, "/transition"), {"status": "read_with_children"}, content_type=JSON),
    ):
        assert (response.status_code, response.json()) == (403, closed)
    assert Story.objects.get().status == StoryStatus.DRAFT and Story.objects.get().title == ""


def test_a_date_no_calendar_of_the_case_can_mean_is_400_naming_the_field(parent, six_panel_story, alice):
    transition = story_url(six_panel_story, "/transition")
    response = alice.post(transition, {"status": "agreed", "agreed_with": [parent.pk], "agreed_on": "0001-01-01"},
                          content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"agreed_on": ["Enter a date between 1900 and 2199."]}
    assert alice.post(transition, {"status": "agreed", "agreed_with": [parent.pk]},
                      content_type=JSON).status_code == 200
    response = alice.post(transition, {"status": "read_with_children", "read_on": "0001-01-01"}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"read_on": ["Enter a date between 1900 and 2199."]}


def test_null_is_refused_where_a_field_must_keep_a_value(case, caseworker, story, alice):
    panel = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="Et")
    response = alice.patch(story_url(story), {"version": story.version, "title": None, "panels": [
        {"id": panel.pk, "version": panel.version, "text": None}, {"id": None, "section": "other", "text": "To"}]},
        content_type=JSON)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors == {"title": ["This field cannot be empty."], "panels.0.text": ["This field cannot be empty."]}
    assert list(story.panels.values_list("text", flat=True)) == ["Et"]


def test_texts_longer_than_the_page_allows_are_400_from_the_schema(story, alice):
    response = alice.patch(story_url(story), {"version": story.version, "title": "x" * 301, "panels": [
        {"section": "other", "text": "x" * 1001}]}, content_type=JSON)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "panels.0.text"}


def test_the_answer_links_to_the_picture_and_the_booklet_through_the_api(case, caseworker, story, alice):
    panel = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="Et")
    upload = io.BytesIO(png_bytes((40, 30)))
    upload.name = "tegning.png"
    services.panel_picture_set(actor=caseworker, case=case, panel=panel, upload=upload)
    body = alice.get(story_url(story)).json()
    assert body["pdf_url"] == reverse("api-v1:story_pdf", kwargs={"case_id": case.pk, "story_id": story.pk})
    picture = body["panels"][0]["picture"]
    panel.refresh_from_db()
    assert picture["url"] == reverse("api-v1:case_file", kwargs={"case_id": case.pk, "file_id": panel.picture_id})
    assert (picture["width"], picture["height"]) == (40, 30)
    fetched = alice.get(picture["url"])
    assert fetched.status_code == 200 and fetched["Content-Type"] == "image/png"


def test_the_patch_documents_null_only_where_the_api_accepts_it(alice):
    schemas = alice.get("/api/v1/openapi.json").json()["components"]["schemas"]

    def nullable(name: str) -> set[str]:
        return {field for field, spec in schemas[name]["properties"].items()
                if any(option.get("type") == "null" for option in spec.get("anyOf", []))}

    assert nullable("StoryPatch") == set()
    assert nullable("PanelIn") == {"id", "version"}  # a new panel; its version is asked for only to change one
    assert "StoryTransitionIn" in schemas
