"""The child's voice as the services keep it: who a record may be about, what is refused, what each audience
may see, and the audit trail."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from safehold.audit.models import AuditEvent
from safehold.cases.perms import CaseClosed
from safehold.child_voice import services
from safehold.child_voice.models import Area, Conversation, Setting, Statement, Tool, Visibility, visible_to
from safehold.child_voice.selectors import (
    case_conversation,
    child_conversations,
    conversation_for,
    safety_house_for,
)
from safehold.core.validation import Errors
from safehold.core.versioning import ConflictError
from safehold.testing.factories import CaseFactory, PersonFactory

TODAY = timezone.localdate()


@pytest.fixture
def conversation(case, caseworker, child):
    return services.conversation_create(actor=caseworker, case=case, child=child.pk, held_on=TODAY)


def png(name: str = "drawing.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 80)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_visibility_levels_include_the_narrower_audiences():
    assert [visible_to(Visibility.WORKER, a) for a in ("worker", "parents", "network")] == [True, False, False]
    assert [visible_to(Visibility.PARENTS, a) for a in ("worker", "parents", "network")] == [True, True, False]
    assert [visible_to(Visibility.NETWORK, a) for a in ("worker", "parents", "network")] == [True, True, True]


def test_a_conversation_is_about_a_child_of_the_case(caseworker, parent, case):
    with pytest.raises(ValidationError) as refused:
        services.conversation_create(actor=caseworker, case=case, child=parent.pk)
    assert refused.value.message_dict["child"] == ["Choose a child of this case."]
    someone_elses = PersonFactory(case=CaseFactory(organisation=case.organisation), role="child")
    for wrong in (someone_elses.pk, None, "x", 2**70, True):
        with pytest.raises(ValidationError) as refused:
            services.conversation_create(actor=caseworker, case=case, child=wrong)
        assert "child" in refused.value.message_dict
    assert not Conversation.objects.exists()


def test_a_conversation_in_the_future_or_with_an_unnamed_trusted_person_is_refused(case, caseworker, child):
    with pytest.raises(ValidationError) as refused:
        services.conversation_create(actor=caseworker, case=case, child=child.pk,
                                     held_on=TODAY + timedelta(days=1), setting=Setting.TRUSTED_PERSON)
    assert set(refused.value.message_dict) == {"held_on", "trusted_person"}


def test_statements_are_kept_verbatim_in_order_per_house_and_audited(case, caseworker, conversation):
    first = services.statement_create(actor=caseworker, case=case, conversation=conversation,
                                      area=Area.WORRIES, text="  When dad shouts I hide under the bed  ",
                                      written_by="child")
    second = services.statement_create(actor=caseworker, case=case, conversation=conversation,
                                       area=Area.WORRIES, text="Mum cries", visibility=Visibility.PARENTS)
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area=Area.DREAMS,
                              text="A dog")
    assert first.text == "When dad shouts I hide under the bed"
    assert (first.position, second.position) == (1, 2)
    assert first.visibility == Visibility.WORKER  # nothing is shown to anyone else unless the child agrees
    events = AuditEvent.objects.filter(actor=caseworker, object_type="child_voice.statement", action="create")
    assert events.count() == 3


@pytest.mark.parametrize(("data", "field"), [
    ({"area": "attic", "text": "x"}, "area"),
    ({"area": "worries", "text": "   "}, "text"),
    ({"area": "worries", "text": "x" * 2001}, "text"),
    ({"area": "worries", "text": "x", "visibility": "everyone"}, "visibility"),
    ({"area": "worries", "text": "x", "written_by": "mum"}, "written_by"),
])
def test_a_bad_statement_is_refused_naming_the_field(case, caseworker, conversation, data, field):
    with pytest.raises(ValidationError) as refused:
        services.statement_create(actor=caseworker, case=case, conversation=conversation, **data)
    assert field in refused.value.message_dict
    assert not Statement.objects.exists()


def test_a_statement_edited_from_an_old_version_is_refused(caseworker, consultant, case, conversation):
    statement = services.statement_create(actor=caseworker, case=case, conversation=conversation,
                                          area=Area.GOOD, text="Football")
    stale = Statement.objects.get(pk=statement.pk)
    services.statement_update(actor=caseworker, case=case, statement=statement, expected_version=1,
                              visibility=Visibility.NETWORK)
    with pytest.raises(ConflictError):
        services.statement_update(actor=consultant, case=case, statement=stale, expected_version=1,
                                  text="Football with dad")
    statement.refresh_from_db()
    assert (statement.text, statement.visibility, statement.version) == ("Football", Visibility.NETWORK, 2)


def test_moving_a_statement_to_another_house_puts_it_at_the_end(case, caseworker, conversation):
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area=Area.DREAMS, text="A")
    moved = services.statement_create(actor=caseworker, case=case, conversation=conversation, area=Area.WORRIES,
                                      text="B")
    services.statement_update(actor=caseworker, case=case, statement=moved, expected_version=1, area=Area.DREAMS)
    moved.refresh_from_db()
    assert (moved.area, moved.position) == (Area.DREAMS, 2)


def test_each_audience_sees_only_what_the_child_released(caseworker, conversation, case):
    for text, visibility in (("secret", Visibility.WORKER), ("for mum", Visibility.PARENTS),
                             ("for all", Visibility.NETWORK)):
        services.statement_create(actor=caseworker, case=case, conversation=conversation, area=Area.WORRIES,
                                  text=text, visibility=visibility)
    loaded_conversation = case_conversation(case, conversation.pk)
    seen = {audience: [s.text for s in conversation_for(loaded_conversation, audience).areas[Area.WORRIES]]
            for audience in ("worker", "parents", "network")}
    assert seen == {"worker": ["secret", "for mum", "for all"], "parents": ["for mum", "for all"],
                    "network": ["for all"]}
    assert conversation_for(loaded_conversation, "network").hidden == 2


def test_fairies_and_wizards_name_the_areas_in_their_own_words(case, caseworker, child):
    fairy = services.conversation_create(actor=caseworker, case=case, child=child.pk,
                                         tool=Tool.FAIRIES_WIZARDS)
    houses = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    assert fairy.area_label(Area.DREAMS) != houses.area_label(Area.DREAMS)
    assert houses.area_label(Area.WORRIES) == "House of worries"


def test_a_closed_case_or_a_reader_cannot_add_words(caseworker, auditor, conversation, case):
    from django.core.exceptions import PermissionDenied

    from safehold.cases.models import Case, CaseStatus

    with pytest.raises(PermissionDenied):
        services.statement_create(actor=auditor, case=case, conversation=conversation, area=Area.GOOD, text="x")
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    case.refresh_from_db()
    with pytest.raises(CaseClosed):
        services.statement_create(actor=caseworker, case=case, conversation=conversation, area=Area.GOOD, text="x")
    assert not Statement.objects.exists()


def test_the_safety_house_names_people_of_the_case_and_keeps_the_childs_score(caseworker, child, parent,
                                                                               case):
    house = services.safety_house_create(actor=caseworker, case=case, child=child.pk, safety_score=7,
                                         score_visibility=Visibility.PARENTS)
    inside = services.house_item_create(actor=caseworker, case=case, house=house, area="inside",
                                        person=parent.pk, visibility=Visibility.NETWORK)
    assert inside.text == parent.full_name  # the person's name unless the child words it otherwise
    services.house_item_create(actor=caseworker, case=case, house=house, area="outside",
                               text="The man from the pub")
    stranger_person = PersonFactory(case=CaseFactory(organisation=case.organisation), role="parent")
    with pytest.raises(ValidationError) as refused:
        services.house_item_create(actor=caseworker, case=case, house=house, area="inside",
                                   person=stranger_person.pk)
    assert "person" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.house_item_create(actor=caseworker, case=case, house=house, area="roof", person=parent.pk,
                                   text="No shouting")
    assert "person" in refused.value.message_dict
    for score in (-1, 11, True, "7"):
        with pytest.raises(ValidationError):
            services.safety_house_update(actor=caseworker, case=case, house=house, expected_version=house.version,
                                         safety_score=score)
    house.refresh_from_db()
    parents_view = safety_house_for(house, "parents")
    assert parents_view.show_score and [i.text for i in parents_view.areas["inside"]] == [parent.full_name]
    assert parents_view.areas["outside"] == [] and parents_view.hidden == 1
    assert not safety_house_for(house, "network").show_score


def test_a_drawing_is_checked_kept_and_deleted_with_its_file(caseworker, conversation, case):
    drawing = services.drawing_add(actor=caseworker, case=case, upload=png(), conversation=conversation,
                                   caption="My houses", visibility=Visibility.PARENTS)
    assert drawing.file.content_type == "image/png" and drawing.file.case_id == case.pk
    with pytest.raises(ValidationError) as refused:
        services.drawing_add(actor=caseworker, case=case, conversation=conversation,
                             upload=SimpleUploadedFile("drawing.png", b"MZ\x90\x00" + b"\x00" * 200))
    assert "file" in refused.value.message_dict
    services.drawing_delete(actor=caseworker, case=case, drawing=drawing)
    drawing.refresh_from_db()
    drawing.file.refresh_from_db()
    assert drawing.deleted_at is not None and drawing.file.deleted_at is not None
    assert conversation_for(case_conversation(case, conversation.pk), "worker").drawings == []
    assert AuditEvent.objects.filter(object_type="child_voice.drawing", action="delete").count() == 1


def test_the_conversations_of_a_case_load_in_a_fixed_number_of_queries(caseworker, child, case,
                                                                       django_assert_max_num_queries):
    for n in range(5):
        conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk)
        for area in (Area.WORRIES, Area.GOOD, Area.DREAMS):
            services.statement_create(actor=caseworker, case=case, conversation=conversation, area=area,
                                      text=f"{area} {n}")
    with django_assert_max_num_queries(3):
        conversations = child_conversations(case, child)
        views = [conversation_for(c, "parents") for c in conversations]
    assert len(views) == 5 and all(v.hidden == 3 for v in views)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_is_kept_cleaned_or_refused_with_a_message(text):
    # Outside the database: the cleaning is what decides, and it never crashes.
    errors = Errors()
    fields = services._clean_statement({"area": "worries", "text": text, "written_by": "child",
                                        "visibility": "worker"}, errors)
    if errors:
        assert set(errors) == {"text"}
    else:
        assert fields["text"] and fields["text"] == fields["text"].strip()
