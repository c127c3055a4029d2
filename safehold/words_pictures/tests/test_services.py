"""The rules of a Words & Pictures story: versions, panels, agreement with the parents, reading with the
children. Every change goes through the services, and each leaves its record in the audit trail."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.perms import CaseClosed
from safehold.core.versioning import ConflictError
from safehold.testing.factories import PersonFactory, png_bytes
from safehold.uploads.models import StoredFile
from safehold.words_pictures import services
from safehold.words_pictures.models import Panel, Story, StoryStatus


def _panel(loaded, actor, story, section="other", text="Text", figures=None) -> Panel:
    return services.panel_create(actor=actor, case=loaded, story=story, section=section, text=text, figures=figures)


def _png(name="picture.png") -> io.BytesIO:
    upload = io.BytesIO(png_bytes((60, 40)))
    upload.name = name
    return upload


# --- versions ----------------------------------------------------------------------------------------------

def test_the_first_story_is_version_1_in_draft_and_audited(loaded, caseworker, case):
    story = services.story_create(actor=caseworker, case=loaded)
    assert (story.version_no, story.status, story.copied_from) == (1, StoryStatus.DRAFT, None)
    event = AuditEvent.objects.get(action="create", object_type="words_pictures.story")
    assert (event.case_id, event.actor) == (case.pk, caseworker)


def test_a_case_has_one_draft_at_a_time(loaded, caseworker, story):
    with pytest.raises(ValidationError, match="already has a story in draft"):
        services.story_create(actor=caseworker, case=loaded)


def test_the_database_refuses_a_second_draft_too(case, story):
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.create(case=case, version_no=2)


def test_a_new_version_copies_the_panels_keeping_their_lineage_pictures_and_figures(loaded, caseworker, parent,
                                                                                    six_panel_story):
    first = six_panel_story
    services.panel_picture_set(actor=caseworker, case=loaded, panel=first.panels.first(), upload=_png())
    services.story_update(actor=caseworker, case=loaded, story=first, expected_version=first.version,
                          title="Frejas historie")
    services.story_agree(actor=caseworker, case=loaded, story=first, people=[parent.pk])
    second = services.story_create(actor=caseworker, case=loaded)
    assert (second.version_no, second.copied_from_id, second.title) == (2, first.pk, "Frejas historie")
    old = list(first.panels.order_by("position"))
    new = list(second.panels.order_by("position"))
    assert [(p.lineage, p.text, p.section, p.figures, p.picture_id) for p in new] == [
        (p.lineage, p.text, p.section, p.figures, p.picture_id) for p in old]
    assert {p.pk for p in new}.isdisjoint({p.pk for p in old})


# --- panels ------------------------------------------------------------------------------------------------

def test_panels_are_added_at_the_end_and_move_up_and_down(loaded, caseworker, story):
    a, _b, c = (_panel(loaded, caseworker, story, text=t) for t in "ABC")
    assert services.panel_move(actor=caseworker, case=loaded, panel=c, offset=-1)
    assert list(story.panels.values_list("text", flat=True)) == ["A", "C", "B"]
    assert not services.panel_move(actor=caseworker, case=loaded, panel=a, offset=-1)
    assert services.panel_move(actor=caseworker, case=loaded, panel=a, offset=1)
    assert list(story.panels.values_list("text", flat=True)) == ["C", "A", "B"]
    assert AuditEvent.objects.filter(action="update", object_type="words_pictures.panel",
                                     changed_fields=["position"]).count() == 2


def test_a_panel_needs_text_a_known_section_and_at_most_four_figures_from_the_library(loaded, caseworker, story):
    with pytest.raises(ValidationError) as refused:
        services.panel_create(actor=caseworker, case=loaded, story=story, section="gossip", text="  \x00 ",
                              figures=["adult", "dragon"])
    assert set(refused.value.message_dict) == {"section", "text", "figures"}
    with pytest.raises(ValidationError) as too_many:
        _panel(loaded, caseworker, story, figures=["adult", "child", "baby", "house", "sun"])
    assert "at most 4" in too_many.value.message_dict["figures"][0]
    panel = _panel(loaded, caseworker, story, text="  Far\r\nog mor\x07 ", figures=["sun", "sun", "heart"])
    assert (panel.text, panel.figures) == ("Far\nog mor", ["sun", "heart"])


def test_a_panel_saved_by_someone_else_meanwhile_is_a_conflict(loaded, caseworker, story):
    panel = _panel(loaded, caseworker, story)
    services.panel_update(actor=caseworker, case=loaded, panel=panel, expected_version=1, text="Second")
    stale = Panel.objects.get(pk=panel.pk)
    stale.version = 1
    with pytest.raises(ConflictError) as conflict:
        services.panel_update(actor=caseworker, case=loaded, panel=stale, expected_version=1, text="Third")
    assert conflict.value.current.text == "Second"


def test_a_picture_is_stored_for_the_story_and_replacing_it_takes_the_old_one_off_the_case(loaded, caseworker,
                                                                                           story):
    panel = _panel(loaded, caseworker, story)
    services.panel_picture_set(actor=caseworker, case=loaded, panel=panel, upload=_png())
    first = panel.picture
    assert first is not None and first.purpose == "story_picture" and first.is_image
    services.panel_picture_set(actor=caseworker, case=loaded, panel=panel, upload=_png())
    first.refresh_from_db()
    assert first.deleted_at is not None and panel.picture_id != first.pk
    services.panel_picture_remove(actor=caseworker, case=loaded, panel=panel)
    panel.refresh_from_db()
    assert panel.picture is None
    assert StoredFile.objects.live().filter(case=loaded).count() == 0


def test_a_pdf_is_refused_as_a_picture(loaded, caseworker, story):
    from pypdf import PdfWriter

    panel = _panel(loaded, caseworker, story)
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(buffer)
    buffer.seek(0)
    buffer.name = "drawing.pdf"
    with pytest.raises(ValidationError) as refused:
        services.panel_picture_set(actor=caseworker, case=loaded, panel=panel, upload=buffer)
    assert "picture" in refused.value.message_dict
    assert StoredFile.objects.live().filter(case=loaded).count() == 0


def test_a_picture_an_agreed_version_shows_stays_when_the_new_version_removes_it(loaded, caseworker, parent,
                                                                                  six_panel_story):
    first_panel = six_panel_story.panels.first()
    services.panel_picture_set(actor=caseworker, case=loaded, panel=first_panel, upload=_png())
    services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[parent.pk])
    second = services.story_create(actor=caseworker, case=loaded)
    services.panel_picture_remove(actor=caseworker, case=loaded, panel=second.panels.first())
    first_panel.refresh_from_db()
    assert first_panel.picture.deleted_at is None


# --- agreed with the parents ---------------------------------------------------------------------------

def test_the_parents_agree_and_the_text_they_agreed_to_is_frozen(loaded, caseworker, parent, father,
                                                                 six_panel_story):
    story = six_panel_story
    yesterday = timezone.localdate() - timedelta(days=1)
    services.story_agree(actor=caseworker, case=loaded, story=story, people=[parent.pk, father.pk],
                         agreed_on=yesterday)
    story.refresh_from_db()
    assert (story.status, story.agreed_on) == (StoryStatus.AGREED, yesterday)
    assert story.agreed_with_names == "Camilla Sørensen, Mads Sørensen"
    assert set(story.agreed_with.all()) == {parent, father}
    panel = story.panels.first()
    for change in (
        lambda: services.panel_update(actor=caseworker, case=loaded, panel=panel, expected_version=panel.version,
                                      text="Changed"),
        lambda: services.panel_create(actor=caseworker, case=loaded, story=story, section="other", text="More"),
        lambda: services.panel_delete(actor=caseworker, case=loaded, panel=panel),
        lambda: services.panel_move(actor=caseworker, case=loaded, panel=panel, offset=1),
        lambda: services.panel_picture_set(actor=caseworker, case=loaded, panel=panel, upload=_png()),
        lambda: services.story_update(actor=caseworker, case=loaded, story=story, expected_version=story.version,
                                      title="New"),
    ):
        with pytest.raises(ValidationError, match="agreed to this version"):
            change()
    assert story.panels.count() == 6 and StoredFile.objects.count() == 0


def test_a_stale_copy_of_a_draft_cannot_change_it_after_the_parents_agreed(loaded, caseworker, parent,
                                                                           six_panel_story):
    stale = Story.objects.get(pk=six_panel_story.pk)
    services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[parent.pk])
    with pytest.raises(ValidationError):
        services.panel_create(actor=caseworker, case=loaded, story=stale, section="other", text="More")


def test_an_empty_story_cannot_be_agreed(loaded, caseworker, parent, story):
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=loaded, story=story, people=[parent.pk])
    assert "no panels" in refused.value.message_dict["panels"][0]


def test_agreeing_names_every_expected_section_the_story_does_not_tell(loaded, caseworker, parent, story):
    _panel(loaded, caseworker, story, section="what_happened")
    _panel(loaded, caseworker, story, section="other")
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=loaded, story=story, people=[parent.pk])
    message = refused.value.message_dict["panels"][0]
    assert "Who is worried and why" in message
    assert "What the grown-ups are doing to keep the children safe" in message
    assert "Who is in the safety network" in message
    assert "What happened" not in message
    assert Story.objects.get(pk=story.pk).status == StoryStatus.DRAFT


def test_only_parents_or_caregivers_of_the_case_agree(loaded, caseworker, child, six_panel_story, case):
    grandma = PersonFactory(case=case, role="network", first_name="Inge")
    other_parent = PersonFactory(role="parent", first_name="Stranger")  # a parent on another case
    for people in ([child.pk], [grandma.pk], [other_parent.pk], [], "7", None, [True], [2**70]):
        with pytest.raises(ValidationError) as refused:
            services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=people)
        assert "agreed_with" in refused.value.message_dict, people
    caregiver = PersonFactory(case=case, role="caregiver", first_name="Lene")
    services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[caregiver])
    assert six_panel_story.agreed_with_names == "Lene " + caregiver.last_name


def test_a_future_date_is_refused_for_agreeing_and_for_reading(loaded, caseworker, parent, six_panel_story):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[parent.pk],
                             agreed_on=tomorrow)
    assert "future" in refused.value.message_dict["agreed_on"][0]
    services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[parent.pk])
    with pytest.raises(ValidationError) as refused:
        services.story_mark_read(actor=caseworker, case=loaded, story=six_panel_story, read_on=tomorrow)
    assert "future" in refused.value.message_dict["read_on"][0]


def test_read_with_the_children_after_the_parents_agreed_never_before(loaded, caseworker, parent, six_panel_story):
    story = six_panel_story
    with pytest.raises(ValidationError, match="once the parents have agreed"):
        services.story_mark_read(actor=caseworker, case=loaded, story=story)
    agreed_on = timezone.localdate() - timedelta(days=3)
    services.story_agree(actor=caseworker, case=loaded, story=story, people=[parent.pk], agreed_on=agreed_on)
    with pytest.raises(ValidationError) as refused:
        services.story_mark_read(actor=caseworker, case=loaded, story=story, read_on=agreed_on - timedelta(days=1))
    assert "read_on" in refused.value.message_dict
    services.story_mark_read(actor=caseworker, case=loaded, story=story, read_on=agreed_on)
    story.refresh_from_db()
    assert (story.status, story.read_on) == (StoryStatus.READ_WITH_CHILDREN, agreed_on)
    assert AuditEvent.objects.filter(object_type="words_pictures.story", object_id=str(story.pk),
                                     changed_fields=["read_on", "status"]).exists()


def test_agreeing_a_new_version_supersedes_the_one_agreed_before(loaded, caseworker, parent, six_panel_story):
    services.story_agree(actor=caseworker, case=loaded, story=six_panel_story, people=[parent.pk])
    services.story_mark_read(actor=caseworker, case=loaded, story=six_panel_story)
    second = services.story_create(actor=caseworker, case=loaded)
    services.story_agree(actor=caseworker, case=loaded, story=second, people=[parent.pk])
    six_panel_story.refresh_from_db()
    assert six_panel_story.status == StoryStatus.SUPERSEDED and six_panel_story.read_on is not None
    with pytest.raises(ValidationError):
        services.story_mark_read(actor=caseworker, case=loaded, story=six_panel_story)


def test_the_auditor_may_not_change_a_story_and_a_closed_case_is_refused(case, auditor, caseworker, loaded, story):
    with pytest.raises(PermissionDenied):
        services.story_create(actor=auditor, case=case)
    case.status = "closed"
    case.save(update_fields=["status"])
    closed = legacy_access_case(caseworker, case.pk, Perm.VIEW)
    with pytest.raises(CaseClosed, match="closed"):
        services.panel_create(actor=caseworker, case=closed, story=story, section="other", text="More")
