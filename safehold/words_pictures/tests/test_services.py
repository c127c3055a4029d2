"""The rules of a Words & Pictures story: versions, panels, agreement with the parents, reading with the
children. Every change goes through the services, and each leaves its record in the audit trail."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.perms import CaseClosed
from safehold.core import validation
from safehold.core.versioning import ConflictError
from safehold.testing.factories import PersonFactory, png_bytes
from safehold.uploads.models import StoredFile
from safehold.words_pictures import services
from safehold.words_pictures.models import Panel, Story, StoryStatus


def _panel(case, actor, story, section="other", text="Text", figures=()) -> Panel:
    return services.panel_create(actor=actor, case=case, story=story, section=section, text=text, figures=figures)


def _png(name="picture.png") -> io.BytesIO:
    upload = io.BytesIO(png_bytes((60, 40)))
    upload.name = name
    return upload


# --- versions ----------------------------------------------------------------------------------------------

def test_the_first_story_is_version_1_in_draft_and_audited(case, caseworker):
    story = services.story_create(actor=caseworker, case=case)
    assert (story.version_no, story.status, story.copied_from) == (1, StoryStatus.DRAFT, None)
    event = AuditEvent.objects.get(action="create", object_type="words_pictures.story")
    assert (event.case_id, event.actor) == (case.pk, caseworker)


def test_a_case_has_one_draft_at_a_time(case, caseworker, story):
    with pytest.raises(ValidationError, match="already has a story in draft"):
        services.story_create(actor=caseworker, case=case)


def test_the_database_refuses_a_second_draft_too(case, story):
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.create(case=case, version_no=2)


def test_a_new_version_copies_the_panels_keeping_their_lineage_pictures_and_figures(case, caseworker, parent,
                                                                                    six_panel_story):
    first = six_panel_story
    services.panel_picture_set(actor=caseworker, case=case, panel=first.panels.first(), upload=_png())
    services.story_update(actor=caseworker, case=case, story=first, expected_version=first.version,
                          title="Frejas historie")
    services.story_agree(actor=caseworker, case=case, story=first, people=[parent.pk])
    second = services.story_create(actor=caseworker, case=case)
    assert (second.version_no, second.copied_from_id, second.title) == (2, first.pk, "Frejas historie")
    old = list(first.panels.order_by("position"))
    new = list(second.panels.order_by("position"))
    assert [(p.lineage, p.text, p.section, p.figures, p.picture_id) for p in new] == [
        (p.lineage, p.text, p.section, p.figures, p.picture_id) for p in old]
    assert {p.pk for p in new}.isdisjoint({p.pk for p in old})


# --- panels ------------------------------------------------------------------------------------------------

def test_panels_are_added_at_the_end_and_move_up_and_down(case, caseworker, story):
    a, _b, c = (_panel(case, caseworker, story, text=t) for t in "ABC")
    assert services.panel_move(actor=caseworker, case=case, panel=c, offset=-1)
    assert list(story.panels.values_list("text", flat=True)) == ["A", "C", "B"]
    assert not services.panel_move(actor=caseworker, case=case, panel=a, offset=-1)
    assert services.panel_move(actor=caseworker, case=case, panel=a, offset=1)
    assert list(story.panels.values_list("text", flat=True)) == ["C", "A", "B"]
    assert AuditEvent.objects.filter(action="update", object_type="words_pictures.panel",
                                     changed_fields=["position"]).count() == 2


def test_a_panel_needs_text_a_known_section_and_at_most_four_figures_from_the_library(case, caseworker, story):
    with pytest.raises(ValidationError) as refused:
        services.panel_create(actor=caseworker, case=case, story=story, section="gossip", text="  \x00 ",
                              figures=["adult", "dragon"])
    assert set(refused.value.message_dict) == {"section", "text", "figures"}
    with pytest.raises(ValidationError) as too_many:
        _panel(case, caseworker, story, figures=["adult", "child", "baby", "house", "sun"])
    assert "at most 4" in too_many.value.message_dict["figures"][0]
    panel = _panel(case, caseworker, story, text="  Far\r\nog mor\x07 ", figures=["sun", "sun", "heart"])
    assert (panel.text, panel.figures) == ("Far\nog mor", ["sun", "heart"])


def test_a_panel_saved_by_someone_else_meanwhile_is_a_conflict(case, caseworker, story):
    panel = _panel(case, caseworker, story)
    services.panel_update(actor=caseworker, case=case, panel=panel, expected_version=1, text="Second")
    stale = Panel.objects.get(pk=panel.pk)
    stale.version = 1
    with pytest.raises(ConflictError) as conflict:
        services.panel_update(actor=caseworker, case=case, panel=stale, expected_version=1, text="Third")
    assert conflict.value.current.text == "Second"


def test_a_picture_is_stored_for_the_story_and_replacing_it_takes_the_old_one_off_the_case(case, caseworker,
                                                                                           story):
    panel = _panel(case, caseworker, story)
    services.panel_picture_set(actor=caseworker, case=case, panel=panel, upload=_png())
    first = panel.picture
    assert first is not None and first.purpose == "story_picture" and first.is_image
    services.panel_picture_set(actor=caseworker, case=case, panel=panel, upload=_png())
    first.refresh_from_db()
    assert first.deleted_at is not None and panel.picture_id != first.pk
    services.panel_picture_remove(actor=caseworker, case=case, panel=panel)
    panel.refresh_from_db()
    assert panel.picture is None
    assert StoredFile.objects.live().filter(case=case).count() == 0


def test_a_pdf_is_refused_as_a_picture(case, caseworker, story):
    from pypdf import PdfWriter

    panel = _panel(case, caseworker, story)
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(buffer)
    buffer.seek(0)
    buffer.name = "drawing.pdf"
    with pytest.raises(ValidationError) as refused:
        services.panel_picture_set(actor=caseworker, case=case, panel=panel, upload=buffer)
    assert "picture" in refused.value.message_dict
    assert StoredFile.objects.live().filter(case=case).count() == 0


def test_a_picture_an_agreed_version_shows_stays_when_the_new_version_removes_it(case, caseworker, parent,
                                                                                  six_panel_story):
    first_panel = six_panel_story.panels.first()
    services.panel_picture_set(actor=caseworker, case=case, panel=first_panel, upload=_png())
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
    second = services.story_create(actor=caseworker, case=case)
    services.panel_picture_remove(actor=caseworker, case=case, panel=second.panels.first())
    first_panel.refresh_from_db()
    assert first_panel.picture.deleted_at is None


# --- agreed with the parents ---------------------------------------------------------------------------

def test_the_parents_agree_and_the_text_they_agreed_to_is_frozen(case, caseworker, parent, father,
                                                                 six_panel_story):
    story = six_panel_story
    yesterday = timezone.localdate() - timedelta(days=1)
    services.story_agree(actor=caseworker, case=case, story=story, people=[parent.pk, father.pk],
                         agreed_on=yesterday)
    story.refresh_from_db()
    assert (story.status, story.agreed_on) == (StoryStatus.AGREED, yesterday)
    assert story.agreed_with_names == "Camilla Sørensen, Mads Sørensen"
    assert set(story.agreed_with.all()) == {parent, father}
    panel = story.panels.first()
    for change in (
        lambda: services.panel_update(actor=caseworker, case=case, panel=panel, expected_version=panel.version,
                                      text="Changed"),
        lambda: services.panel_create(actor=caseworker, case=case, story=story, section="other", text="More"),
        lambda: services.panel_delete(actor=caseworker, case=case, panel=panel),
        lambda: services.panel_move(actor=caseworker, case=case, panel=panel, offset=1),
        lambda: services.panel_picture_set(actor=caseworker, case=case, panel=panel, upload=_png()),
        lambda: services.story_update(actor=caseworker, case=case, story=story, expected_version=story.version,
                                      title="New"),
    ):
        with pytest.raises(ValidationError, match="agreed to this version"):
            change()
    assert story.panels.count() == 6 and StoredFile.objects.count() == 0


def test_a_stale_copy_of_a_draft_cannot_change_it_after_the_parents_agreed(case, caseworker, parent,
                                                                           six_panel_story):
    stale = Story.objects.get(pk=six_panel_story.pk)
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
    with pytest.raises(ValidationError):
        services.panel_create(actor=caseworker, case=case, story=stale, section="other", text="More")


def test_an_empty_story_cannot_be_agreed(case, caseworker, parent, story):
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=case, story=story, people=[parent.pk])
    assert "no panels" in refused.value.message_dict["panels"][0]


def test_agreeing_names_every_expected_section_the_story_does_not_tell(case, caseworker, parent, story):
    _panel(case, caseworker, story, section="what_happened")
    _panel(case, caseworker, story, section="other")
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=case, story=story, people=[parent.pk])
    message = refused.value.message_dict["panels"][0]
    assert "Who is worried and why" in message
    assert "What the grown-ups are doing to keep the children safe" in message
    assert "Who is in the safety network" in message
    assert "What happened" not in message
    assert Story.objects.get(pk=story.pk).status == StoryStatus.DRAFT


def test_only_parents_or_caregivers_of_the_case_agree(case, caseworker, child, six_panel_story):
    grandma = PersonFactory(case=case, role="network", first_name="Inge")
    other_parent = PersonFactory(role="parent", first_name="Stranger")  # a parent on another case
    for people in ([child.pk], [grandma.pk], [other_parent.pk], [], [True], [2**70]):
        with pytest.raises(ValidationError) as refused:
            services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=people)
        assert "agreed_with" in refused.value.message_dict, people
    caregiver = PersonFactory(case=case, role="caregiver", first_name="Lene")
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[caregiver.pk])
    assert six_panel_story.agreed_with_names == "Lene " + caregiver.last_name


def test_a_future_date_is_refused_for_agreeing_and_for_reading(case, caseworker, parent, six_panel_story):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk],
                             agreed_on=tomorrow)
    assert "future" in refused.value.message_dict["agreed_on"][0]
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
    with pytest.raises(ValidationError) as refused:
        services.story_mark_read(actor=caseworker, case=case, story=six_panel_story, read_on=tomorrow)
    assert "future" in refused.value.message_dict["read_on"][0]


def test_read_with_the_children_after_the_parents_agreed_never_before(case, caseworker, parent, six_panel_story):
    story = six_panel_story
    with pytest.raises(ValidationError, match="once the parents have agreed"):
        services.story_mark_read(actor=caseworker, case=case, story=story)
    agreed_on = timezone.localdate() - timedelta(days=3)
    services.story_agree(actor=caseworker, case=case, story=story, people=[parent.pk], agreed_on=agreed_on)
    with pytest.raises(ValidationError) as refused:
        services.story_mark_read(actor=caseworker, case=case, story=story, read_on=agreed_on - timedelta(days=1))
    assert "read_on" in refused.value.message_dict
    services.story_mark_read(actor=caseworker, case=case, story=story, read_on=agreed_on)
    story.refresh_from_db()
    assert (story.status, story.read_on) == (StoryStatus.READ_WITH_CHILDREN, agreed_on)
    assert AuditEvent.objects.filter(object_type="words_pictures.story", object_id=str(story.pk),
                                     changed_fields=["read_on", "status"]).exists()


def test_agreeing_a_new_version_supersedes_the_one_agreed_before(case, caseworker, parent, six_panel_story):
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
    services.story_mark_read(actor=caseworker, case=case, story=six_panel_story)
    second = services.story_create(actor=caseworker, case=case)
    services.story_agree(actor=caseworker, case=case, story=second, people=[parent.pk])
    six_panel_story.refresh_from_db()
    assert six_panel_story.status == StoryStatus.SUPERSEDED and six_panel_story.read_on is not None
    with pytest.raises(ValidationError):
        services.story_mark_read(actor=caseworker, case=case, story=six_panel_story)


def test_the_auditor_may_not_change_a_story(case, auditor):
    with pytest.raises(PermissionDenied):
        services.story_create(actor=auditor, case=case)


def test_a_closed_case_refuses_every_change_saying_why(caseworker, parent, six_panel_story, closed_case):
    story, panel = six_panel_story, six_panel_story.panels.first()
    ctx = {"actor": caseworker, "case": closed_case}
    for change in (
        lambda: services.story_create(**ctx),
        lambda: services.story_update(**ctx, story=story, expected_version=story.version, title="New"),
        lambda: services.story_change(**ctx, story=story, expected_version=story.version, title="New"),
        lambda: services.panel_create(**ctx, story=story, section="other", text="More"),
        lambda: services.panel_update(**ctx, panel=panel, expected_version=panel.version, text="Changed"),
        lambda: services.panel_move(**ctx, panel=panel, offset=1),
        lambda: services.panel_delete(**ctx, panel=panel),
        lambda: services.panel_picture_set(**ctx, panel=panel, upload=_png()),
        lambda: services.panel_picture_remove(**ctx, panel=panel),
        lambda: services.story_agree(**ctx, story=story, people=[parent.pk]),
        lambda: services.story_mark_read(**ctx, story=story),
    ):
        with pytest.raises(CaseClosed, match=r"This case is closed\. Reopen it to change it\."):
            change()
    assert story.panels.count() == 6 and StoredFile.objects.count() == 0


def test_a_date_no_calendar_of_the_case_can_mean_is_refused_with_a_message(case, caseworker, parent,
                                                                           six_panel_story):
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk],
                             agreed_on=date(1, 1, 1))
    assert refused.value.message_dict["agreed_on"] == ["Enter a date between 1900 and 2199."]
    services.story_agree(actor=caseworker, case=case, story=six_panel_story, people=[parent.pk])
    with pytest.raises(ValidationError) as refused:
        services.story_mark_read(actor=caseworker, case=case, story=six_panel_story, read_on=date(1, 1, 1))
    assert refused.value.message_dict["read_on"] == ["Enter a date between 1900 and 2199."]
    assert Story.objects.get(pk=six_panel_story.pk).status == StoryStatus.AGREED


# --- the whole draft in one go -----------------------------------------------------------------------------

def test_a_change_in_one_go_names_each_refused_item_and_saves_nothing(case, caseworker, story):
    kept = _panel(case, caseworker, story, text="Kept")
    with pytest.raises(ValidationError) as refused:
        services.story_change(actor=caseworker, case=case, story=story, expected_version=story.version,
                              title="x" * (validation.SHORT + 1), removed_panels=[kept.pk, kept.pk], panels=[
                                  services.PanelChange(section="other", text="Fine"),
                                  services.PanelChange(id=kept.pk, version=kept.version, text=" "),
                                  services.PanelChange(id=2**40),
                              ])
    assert refused.value.message_dict == {
        "title": ["Keep this to 300 characters."],
        "removed_panels.1": ["There is no such panel in this story."],
        "panels.1.id": ["There is no such panel in this story."],  # removed by this change
        "panels.2.id": ["There is no such panel in this story."],
        "panels.2.version": ["Send the version of the panel you read."],
    }
    assert list(story.panels.values_list("text", flat=True)) == ["Kept"]
    assert Story.objects.get(pk=story.pk).title == ""


def test_a_change_in_one_go_removes_adds_and_changes_panels_in_order(case, caseworker, story):
    first, second = _panel(case, caseworker, story, text="Et"), _panel(case, caseworker, story, text="To")
    services.story_change(actor=caseworker, case=case, story=story, expected_version=story.version,
                          title="Frejas bog", removed_panels=[first.pk], panels=[
                              services.PanelChange(id=second.pk, version=second.version, figures=["sun"]),
                              services.PanelChange(section="keeping_safe", text="Tre"),
                          ])
    assert [(p.text, p.figures) for p in story.panels.order_by("position")] == [("To", ["sun"]), ("Tre", [])]
    assert Story.objects.get(pk=story.pk).title == "Frejas bog"
