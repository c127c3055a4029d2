"""The Words & Pictures pages as a consultant uses them with the parents: the story as a storybook, panels
edited in place with htmx, pictures uploaded, the story agreed and read with the children."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.core import validation
from safehold.testing.factories import png_bytes
from safehold.words_pictures import services
from safehold.words_pictures.models import Panel, Story, StoryStatus

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, case, story=None, **kwargs):
    params = {"case_id": case.pk, **({"story_id": story.pk} if story else {}), **kwargs}
    return reverse(f"words_pictures:{name}", kwargs=params)


@pytest.fixture
def panel(case, caseworker, story):
    return services.panel_create(actor=caseworker, case=case, story=story, section="what_happened",
                                 text="Far blev vred.", figures=["adult", "house"])


def test_the_stories_page_starts_the_first_story(client_for, caseworker, case):
    client = client_for(caseworker)
    assert "Start the story" in client.get(url("stories", case)).content.decode()
    response = client.post(url("story_create", case))
    story = Story.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == url("story_detail", case, story)
    assert "Version 1" in client.get(url("stories", case)).content.decode()


def test_the_case_page_shows_the_story_section(client_for, caseworker, case, story):
    page = client_for(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Words &amp; Pictures" in page and url("story_detail", case, story) in page


def test_the_story_page_shows_the_panels_with_their_figures_and_is_audited(client_for, caseworker, case, story,
                                                                           panel):
    response = client_for(caseworker).get(url("story_detail", case, story))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Far blev vred." in page and "/static/safehold/figures/adult" in page
    assert 'alt="House"' in page
    assert "Who is worried and why" in page  # still to tell
    assert url("story_pdf", case, story) in page
    assert AuditEvent.objects.filter(actor=caseworker, case=case, action="view",
                                     object_type="words_pictures.story").count() == 1


def test_a_panel_is_added_in_place_with_htmx_and_the_panels_come_back(client_for, caseworker, case, story):
    client = client_for(caseworker)
    form = client.get(url("panel_create", case, story), **HTMX)
    assert form.status_code == 200 and 'name="figures"' in form.content.decode()
    assert "/static/safehold/figures/phone" in form.content.decode()  # the picker shows thumbnails
    response = client.post(url("panel_create", case, story),
                           {"section": "safety_network", "text": "Farmor Inge hjælper.", "figures": ["grandparent"]},
                           **HTMX)
    assert response.status_code == 200
    assert 'id="panels"' in response.content.decode() and "Farmor Inge hjælper." in response.content.decode()
    assert Panel.objects.get(story=story).figures == ["grandparent"]


def test_bad_input_comes_back_next_to_the_field_in_the_form_it_came_from(client_for, caseworker, case, story):
    response = client_for(caseworker).post(url("panel_create", case, story),
                                           {"section": "who_is_worried", "text": "   ", "figures": ["dragon"]},
                                           **HTMX)
    page = response.content.decode()
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#new-panel" and response["HX-Reswap"] == "outerHTML"
    assert 'id="new-panel-text_error"' in page and "in words a child understands" in page
    assert 'id="new-panel-figures_error"' in page
    assert not Panel.objects.exists()


def test_too_many_figures_are_refused_by_the_service_next_to_the_field(client_for, caseworker, case, story):
    response = client_for(caseworker).post(url("panel_create", case, story), {
        "section": "other", "text": "Hej", "figures": ["adult", "child", "baby", "house", "sun"]})
    assert response.status_code == 400
    assert "Choose at most 4 figures for one panel." in response.content.decode()


def test_a_panel_is_edited_in_place_and_a_stale_save_is_a_409_showing_both(client_for, caseworker, case,
                                                                            story, panel):
    client = client_for(caseworker)
    form = client.get(url("panel_edit", case, story, panel_id=panel.pk), **HTMX)
    assert form.status_code == 200 and "Far blev vred." in form.content.decode()
    services.panel_update(actor=caseworker, case=case, panel=panel, expected_version=1, text="Saved first.")
    response = client.post(url("panel_edit", case, story, panel_id=panel.pk),
                           {"section": "what_happened", "text": "Mine.", "version": 1}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 409 and response["HX-Retarget"] == f"#panel-{panel.pk}"
    assert "Saved first." in page and "Mine." in page
    assert 'name="version" value="2"' in page
    again = client.post(url("panel_edit", case, story, panel_id=panel.pk),
                        {"section": "what_happened", "text": "Mine.", "version": 2}, **HTMX)
    assert again.status_code == 200
    assert Panel.objects.get(pk=panel.pk).text == "Mine."


def test_panels_move_and_delete_in_place(client_for, caseworker, case, story, panel):
    second = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="Anden.")
    client = client_for(caseworker)
    moved = client.post(url("panel_move", case, story, panel_id=second.pk), {"direction": "up"}, **HTMX)
    assert moved.status_code == 200
    assert list(story.panels.values_list("pk", flat=True)) == [second.pk, panel.pk]
    page = client.get(url("story_detail", case, story)).content.decode()
    assert 'hx-confirm="Delete this panel?"' in page
    deleted = client.post(url("panel_delete", case, story, panel_id=panel.pk), **HTMX)
    assert deleted.status_code == 200 and "Far blev vred." not in deleted.content.decode()
    without_script = client.post(url("panel_delete", case, story, panel_id=second.pk))
    assert without_script.status_code == 302 and without_script["Location"].endswith("#panels")


def test_a_picture_is_uploaded_shown_through_the_file_view_and_removed(client_for, caseworker, case, story, panel):
    client = client_for(caseworker)
    assert client.get(url("panel_picture", case, story, panel_id=panel.pk)).status_code == 200
    upload = SimpleUploadedFile("tegning.png", png_bytes((50, 40)), content_type="image/png")
    response = client.post(url("panel_picture", case, story, panel_id=panel.pk), {"file": upload})
    assert response.status_code == 302
    panel.refresh_from_db()
    file_url = reverse("uploads:file", kwargs={"case_id": case.pk, "file_id": panel.picture_id})
    assert file_url in client.get(url("story_detail", case, story)).content.decode()
    assert client.get(file_url).status_code == 200
    removed = client.post(url("panel_picture_remove", case, story, panel_id=panel.pk), **HTMX)
    assert removed.status_code == 200 and file_url not in removed.content.decode()


def test_a_file_that_is_not_a_picture_is_refused_next_to_the_upload_field(client_for, caseworker, case, story,
                                                                          panel):
    upload = SimpleUploadedFile("tegning.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = client_for(caseworker).post(url("panel_picture", case, story, panel_id=panel.pk), {"file": upload})
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()


def test_the_story_is_agreed_with_the_parents_then_read_with_the_children(client_for, caseworker, case, parent,
                                                                          six_panel_story):
    story = six_panel_story
    client = client_for(caseworker)
    form = client.get(url("story_agree", case, story)).content.decode()
    assert "Camilla Sørensen" in form
    response = client.post(url("story_agree", case, story),
                           {"agreed_with": [parent.pk], "agreed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == StoryStatus.AGREED
    page = client.get(url("story_detail", case, story)).content.decode()
    assert "Edit the title" not in page and url("panel_create", case, story) not in page
    assert url("story_read", case, story) in page
    read = client.post(url("story_read", case, story), {"read_on": timezone.localdate().isoformat()})
    assert read.status_code == 302
    story.refresh_from_db()
    assert story.status == StoryStatus.READ_WITH_CHILDREN


def test_a_refused_agreement_names_the_missing_sections_and_the_future_date(client_for, caseworker, case, parent,
                                                                            story, panel):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(caseworker).post(url("story_agree", case, story),
                                           {"agreed_with": [parent.pk], "agreed_on": tomorrow})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The story does not yet tell" in page and "Who is in the safety network" in page
    assert 'id="id_agreed_on_error"' in page and "The date cannot be in the future." in page


def test_the_title_is_edited_and_a_stale_save_is_a_409(client_for, caseworker, case, story):
    client = client_for(caseworker)
    services.story_update(actor=caseworker, case=case, story=story, expected_version=1, title="Frejas bog")
    response = client.post(url("story_edit", case, story), {"title": "Min titel", "version": 1})
    assert response.status_code == 409 and "Frejas bog" in response.content.decode()
    response = client.post(url("story_edit", case, story), {"title": "Min titel", "version": 2})
    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).title == "Min titel"


def test_the_panels_fragment_is_for_htmx_and_audited(client_for, caseworker, case, story):
    client = client_for(caseworker)
    assert client.get(url("panels", case, story)).status_code == 302
    before = AuditEvent.objects.filter(action="view").count()
    assert client.get(url("panels", case, story), **HTMX).status_code == 200
    assert AuditEvent.objects.filter(action="view").count() == before + 1


def test_changing_needs_login_case_access_and_the_right_role(client, client_for, colleague, auditor, stranger,
                                                             case, story):
    target = url("panel_create", case, story)
    data = {"section": "other", "text": "Indtrængende"}
    assert client.post(target, data)["Location"].startswith("/accounts/login/")
    assert client_for(colleague).post(target, data).status_code == 404
    assert client_for(stranger).post(target, data).status_code == 404
    assert client_for(auditor).post(target, data).status_code == 403
    assert not Panel.objects.exists()


def test_every_change_of_a_closed_case_is_refused_with_the_reason(client_for, caseworker, parent, story, panel,
                                                                  closed_case):
    client = client_for(caseworker)
    panel_id = {"panel_id": panel.pk}
    for name, kwargs, data in (
        ("story_create", {}, {}),
        ("story_edit", {}, {"title": "Ny", "version": story.version}),
        ("story_agree", {}, {"agreed_with": [parent.pk]}),
        ("story_read", {}, {}),
        ("panel_create", {}, {"section": "other", "text": "Mere"}),
        ("panel_edit", panel_id, {"section": "other", "text": "Ændret", "version": panel.version}),
        ("panel_move", panel_id, {"direction": "up"}),
        ("panel_delete", panel_id, {}),
        ("panel_picture", panel_id, {"file": SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")}),
        ("panel_picture_remove", panel_id, {}),
    ):
        target = url(name, closed_case, None if name == "story_create" else story, **kwargs)
        for extra in ({}, HTMX):
            response = client.post(target, data, **extra)
            assert response.status_code == 403, (name, extra)
            assert "This case is closed. Reopen it to change it." in response.content.decode(), name
    assert list(Panel.objects.values_list("text", flat=True)) == ["Far blev vred."]
    assert Story.objects.get(pk=story.pk).status == StoryStatus.DRAFT


def test_a_date_no_calendar_of_the_case_can_mean_is_refused_next_to_its_field(client_for, caseworker, case, parent,
                                                                              six_panel_story):
    client = client_for(caseworker)
    response = client.post(url("story_agree", case, six_panel_story),
                           {"agreed_with": [parent.pk], "agreed_on": "0001-01-01"})
    assert response.status_code == 400
    assert 'id="id_agreed_on_error"' in response.content.decode()
    assert "Enter a date between 1900 and 2199." in response.content.decode()
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
    response = client.post(url("story_read", case, six_panel_story), {"read_on": "0001-01-01"})
    assert response.status_code == 400
    assert 'id="id_read_on_error"' in response.content.decode()
    assert "Enter a date between 1900 and 2199." in response.content.decode()
    assert Story.objects.get(pk=six_panel_story.pk).read_on is None


def test_a_text_longer_than_any_text_may_be_is_refused_next_to_its_field(client_for, caseworker, case, story):
    client = client_for(caseworker)
    response = client.post(url("panel_create", case, story),
                           {"section": "other", "text": "x" * (validation.TEXT + 1)}, **HTMX)
    assert response.status_code == 400 and 'id="new-panel-text_error"' in response.content.decode()
    response = client.post(url("story_edit", case, story), {"title": "x" * (validation.TEXT + 1), "version": 1})
    assert response.status_code == 400 and 'id="id_title_error"' in response.content.decode()
    assert not Panel.objects.exists() and Story.objects.get(pk=story.pk).title == ""
