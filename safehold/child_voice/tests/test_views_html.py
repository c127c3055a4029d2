"""The child's voice pages as a worker uses them on a home visit: in place with htmx, and as plain pages."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from safehold.audit.models import AuditEvent
from safehold.child_voice import services
from safehold.child_voice.models import Conversation, Drawing, SafetyHouse, Statement

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def conversation(case, caseworker, child):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk,
                                                setting="trusted_person", trusted_person="Granny Inge")
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area="worries",
                              text="When dad shouts at night", written_by="child")
    return conversation


@pytest.fixture
def house(case, caseworker, child):
    return services.safety_house_create(actor=caseworker, case=case, child=child.pk)


def url(name, case, **kwargs):
    return reverse(f"child_voice:{name}", kwargs={"case_id": case.pk, **kwargs})


def png(size=(12, 9)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(data, "PNG")
    return SimpleUploadedFile("house.png", data.getvalue(), content_type="image/png")


def _viewed(user, case, object_type: str) -> bool:
    return AuditEvent.objects.filter(actor=user, case=case, action="view", object_type=object_type).exists()


# --- pages -----------------------------------------------------------------------------------------------

def test_the_overview_lists_each_child_with_their_conversations(client_for, caseworker, case, child, conversation):
    response = client_for(caseworker).get(url("overview", case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Freja Sørensen" in page and url("conversation", case, conversation_id=conversation.pk) in page
    assert "Start a conversation" in page and "Start a Safety House" in page


def test_the_conversation_page_shows_the_three_houses_and_is_audited(client_for, caseworker, case, conversation):
    response = client_for(caseworker).get(url("conversation", case, conversation_id=conversation.pk))
    page = response.content.decode()
    assert response.status_code == 200
    for heading in ("House of worries", "House of good things", "House of dreams"):
        assert heading in page
    assert "When dad shouts at night" in page and "The child wrote it" in page
    assert "Only the worker" in page  # the badge, in words
    assert "<svg" in page  # the picture
    assert url("conversation_pdf", case, conversation_id=conversation.pk, audience="parents") in page
    assert _viewed(caseworker, case, "child_voice.conversation")


def test_the_picture_previews_what_the_parents_would_see(client_for, caseworker, case, conversation):
    response = client_for(caseworker).get(url("conversation", case, conversation_id=conversation.pk),
                                          {"audience": "parents"})
    assert response.status_code == 200
    assert "1 thing the child did not agree to share is left out." in response.content.decode()


def test_the_case_page_shows_the_childs_voice(client_for, caseworker, case, conversation):
    page = client_for(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "The child&#x27;s voice" in page
    assert url("conversation", case, conversation_id=conversation.pk) in page


# --- starting a conversation -------------------------------------------------------------------------------

def test_a_conversation_is_started_for_a_child(client_for, caseworker, case, child):
    response = client_for(caseworker).post(url("conversation_create", case), {
        "child": child.pk, "tool": "fairies_wizards", "held_on": timezone.localdate().isoformat(),
        "setting": "alone"})
    conversation = Conversation.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == url("conversation", case, conversation_id=conversation.pk)
    assert conversation.tool == "fairies_wizards"


def test_a_person_who_is_not_a_child_of_the_case_is_refused_next_to_the_field(client_for, caseworker, case,
                                                                               parent):
    response = client_for(caseworker).post(url("conversation_create", case), {
        "child": parent.pk, "tool": "three_houses", "held_on": timezone.localdate().isoformat(),
        "setting": "alone"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="conversation-child_error"' in page and "Choose a child of this case." in page
    assert not Conversation.objects.exists()


def test_a_conversation_in_the_future_is_refused(client_for, caseworker, case, child):
    response = client_for(caseworker).post(url("conversation_create", case), {
        "child": child.pk, "tool": "three_houses", "setting": "alone",
        "held_on": (timezone.localdate() + timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert not Conversation.objects.exists()


def test_the_second_save_of_the_header_is_refused_showing_both_versions(client_for, caseworker, consultant, case,
                                                                        conversation):
    form = {"tool": "three_houses", "held_on": conversation.held_on.isoformat(), "setting": "trusted_person",
            "version": conversation.version}
    edit = url("conversation_edit", case, conversation_id=conversation.pk)
    assert client_for(caseworker).post(edit, {**form, "trusted_person": "Granny Inge Berg"}).status_code == 302
    response = client_for(consultant).post(edit, {**form, "trusted_person": "Aunt Lene"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Granny Inge Berg" in page and "Aunt Lene" in page
    conversation.refresh_from_db()
    assert conversation.trusted_person == "Granny Inge Berg"


def test_deleting_a_conversation_asks_first(client_for, caseworker, case, conversation):
    client = client_for(caseworker)
    delete = url("conversation_delete", case, conversation_id=conversation.pk)
    assert "Delete this conversation?" in client.get(delete).content.decode()
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    response = client.post(delete)
    assert response.status_code == 302 and response["Location"] == url("overview", case)
    assert not Conversation.objects.filter(pk=conversation.pk).exists()


def test_deleting_a_safety_house_asks_first_and_takes_its_drawings_off_the_case(client_for, caseworker, case,
                                                                              house):
    services.house_item_create(actor=caseworker, case=case, house=house, area="roof", text="Nobody shouts")
    drawing = services.drawing_add(actor=caseworker, case=case, upload=png(), house=house)
    client = client_for(caseworker)
    delete = url("house_delete", case, house_id=house.pk)
    question = client.get(delete).content.decode()
    assert "Delete this Safety House?" in question and "1 entries and 1 drawings" in question
    assert SafetyHouse.objects.filter(pk=house.pk).exists()
    response = client.post(delete)
    assert response.status_code == 302 and response["Location"] == url("overview", case)
    assert not SafetyHouse.objects.filter(pk=house.pk).exists()
    drawing.file.refresh_from_db()
    assert drawing.file.deleted_at is not None
    assert AuditEvent.objects.filter(actor=caseworker, action="delete", object_type="child_voice.safetyhouse").exists()


# --- statements in place -----------------------------------------------------------------------------------

def test_adding_a_statement_in_place_answers_with_the_areas(client_for, caseworker, case, conversation):
    response = client_for(caseworker).post(url("statement_create", case, conversation_id=conversation.pk), {
        "area": "good", "text": "Playing football with dad", "written_by": "worker", "visibility": "parents"},
        **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="areas"' in page and "Playing football with dad" in page and "Parents too" in page
    assert conversation.statements.get(area="good").visibility == "parents"


def test_an_empty_statement_is_refused_next_to_the_field_and_the_form_stays(client_for, caseworker, case,
                                                                           conversation):
    response = client_for(caseworker).post(url("statement_create", case, conversation_id=conversation.pk), {
        "area": "dreams", "text": "  ", "written_by": "worker", "visibility": "worker"}, **HTMX)
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#new-dreams"
    assert "Write down what the child said." in response.content.decode()
    assert conversation.statements.count() == 1


def test_a_statement_is_added_without_script_too(client_for, caseworker, case, conversation):
    response = client_for(caseworker).post(url("statement_create", case, conversation_id=conversation.pk), {
        "area": "dreams", "text": "A dog", "written_by": "child", "visibility": "network"})
    assert response.status_code == 302
    assert response["Location"].endswith("#area-dreams")


def test_editing_a_statement_in_place(client_for, caseworker, case, conversation):
    statement = conversation.statements.get()
    edit = url("statement_edit", case, conversation_id=conversation.pk, statement_id=statement.pk)
    client = client_for(caseworker)
    assert 'id="statement-' in client.get(edit, **HTMX).content.decode()
    response = client.post(edit, {"area": "worries", "text": "When dad shouts", "written_by": "child",
                                  "visibility": "worker", "version": statement.version}, **HTMX)
    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.text == "When dad shouts"


def test_a_stale_statement_edit_is_refused_in_place_showing_both(client_for, caseworker, consultant, case,
                                                                 conversation):
    statement = conversation.statements.get()
    edit = url("statement_edit", case, conversation_id=conversation.pk, statement_id=statement.pk)
    form = {"area": "worries", "written_by": "child", "visibility": "worker", "version": statement.version}
    client_for(caseworker).post(edit, {**form, "text": "Dad shouts"}, **HTMX)
    response = client_for(consultant).post(edit, {**form, "text": "Dad is loud"}, **HTMX)
    assert response.status_code == 409
    assert response["HX-Retarget"] == f"#statement-{statement.pk}"
    assert "Dad shouts" in response.content.decode() and "Dad is loud" in response.content.decode()


def test_who_may_see_a_statement_changes_in_one_click(client_for, caseworker, case, conversation):
    statement = conversation.statements.get()
    response = client_for(caseworker).post(
        url("statement_visibility", case, conversation_id=conversation.pk, statement_id=statement.pk),
        {"visibility": "network", "version": statement.version}, **HTMX)
    assert response.status_code == 200
    assert "Network too" in response.content.decode()
    statement.refresh_from_db()
    assert statement.visibility == "network"
    assert AuditEvent.objects.filter(action="update", object_type="child_voice.statement",
                                     changed_fields=["visibility"]).exists()


def test_deleting_a_statement_in_place(client_for, caseworker, case, conversation):
    statement = conversation.statements.get()
    response = client_for(caseworker).post(
        url("statement_delete", case, conversation_id=conversation.pk, statement_id=statement.pk), **HTMX)
    assert response.status_code == 200 and 'id="areas"' in response.content.decode()
    assert not Statement.objects.filter(pk=statement.pk).exists()


def test_the_delete_button_asks_first(client_for, caseworker, case, conversation):
    page = client_for(caseworker).get(url("conversation", case, conversation_id=conversation.pk)).content.decode()
    assert 'hx-confirm="Delete this statement?"' in page


# --- drawings ----------------------------------------------------------------------------------------------

def test_a_drawing_is_uploaded_and_shown_through_the_file_view(client_for, caseworker, case, conversation):
    client = client_for(caseworker)
    response = client.post(url("conversation_drawing_add", case, conversation_id=conversation.pk),
                           {"file": png(), "caption": "My three houses", "visibility": "parents"})
    assert response.status_code == 302
    drawing = Drawing.objects.get(conversation=conversation)
    page = client.get(url("conversation", case, conversation_id=conversation.pk)).content.decode()
    file_url = reverse("uploads:file", kwargs={"case_id": case.pk, "file_id": drawing.file_id})
    assert f'src="{file_url}"' in page and 'alt="My three houses"' in page
    served = client.get(file_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_a_phone_photo_with_its_location_comes_back_without_any_exif(client_for, caseworker, case, conversation):
    from safehold.uploads.tests.samples import jpeg_with_gps, metadata_of

    original = jpeg_with_gps()
    assert metadata_of(original)["gps"]  # the photo says where the family lives
    client = client_for(caseworker)
    response = client.post(url("conversation_drawing_add", case, conversation_id=conversation.pk), {
        "file": SimpleUploadedFile("IMG_2041.jpg", original, content_type="image/jpeg"), "visibility": "worker"})
    assert response.status_code == 302
    drawing = Drawing.objects.get(conversation=conversation)
    served = client.get(reverse("uploads:file", kwargs={"case_id": case.pk, "file_id": drawing.file_id}))
    served_bytes = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/jpeg"
    assert metadata_of(served_bytes)["exif"] == {} and metadata_of(served_bytes)["gps"] == {}
    assert b"Exif" not in served_bytes[:4096]


def test_a_program_named_png_is_refused_next_to_the_field(client_for, caseworker, case, conversation):
    program = b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2 + b"PE\x00\x00" + b"\x00" * 200
    response = client_for(caseworker).post(url("conversation_drawing_add", case, conversation_id=conversation.pk), {
        "file": SimpleUploadedFile("house.png", program, content_type="image/png"), "visibility": "worker"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="drawing-file_error"' in page and "is not a picture" in page
    assert not Drawing.objects.exists()


def test_deleting_a_drawing_asks_for_confirmation_and_is_audited(client_for, caseworker, case, conversation):
    drawing = services.drawing_add(actor=caseworker, case=case, conversation=conversation, upload=png(),
                                   caption="My houses")
    client = client_for(caseworker)
    delete = url("drawing_delete", case, drawing_id=drawing.pk)
    question = client.get(delete)
    assert question.status_code == 200 and "Delete this drawing?" in question.content.decode()
    drawing.refresh_from_db()
    assert drawing.deleted_at is None
    response = client.post(delete)
    assert response["Location"] == url("conversation", case, conversation_id=conversation.pk) + "#drawings"
    drawing.refresh_from_db()
    assert drawing.deleted_at is not None
    assert AuditEvent.objects.filter(actor=caseworker, action="delete", object_type="child_voice.drawing",
                                     object_id=str(drawing.pk)).exists()
    file_url = reverse("uploads:file", kwargs={"case_id": case.pk, "file_id": drawing.file_id})
    assert client.get(file_url).status_code == 404


def test_who_may_see_a_drawing_changes_in_one_click(client_for, caseworker, case, conversation):
    drawing = services.drawing_add(actor=caseworker, case=case, conversation=conversation, upload=png(),
                                   caption="My houses")
    response = client_for(caseworker).post(url("drawing_edit", case, drawing_id=drawing.pk),
                                           {"visibility": "network"}, **HTMX)
    assert response.status_code == 200 and "Network too" in response.content.decode()
    drawing.refresh_from_db()
    assert drawing.visibility == "network" and drawing.caption == "My houses"


# --- the Safety House --------------------------------------------------------------------------------------

def test_the_safety_house_page_shows_its_five_areas(client_for, caseworker, case, house):
    response = client_for(caseworker).get(url("house", case, house_id=house.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "On the roof" in page and "Outside, in the red circle" in page and "<svg" in page
    assert _viewed(caseworker, case, "child_voice.safetyhouse")


def test_a_person_of_the_case_is_put_inside_the_house(client_for, caseworker, case, house, parent):
    response = client_for(caseworker).post(url("item_create", case, house_id=house.pk), {
        "area": "inside", "person": parent.pk, "text": "", "written_by": "worker", "visibility": "parents"}, **HTMX)
    assert response.status_code == 200
    assert "Camilla Sørensen" in response.content.decode()
    assert house.items.get().person_id == parent.pk


def test_a_person_of_another_case_is_refused_next_to_the_field(client_for, caseworker, case, house, stranger):
    from safehold.testing.factories import CaseFactory, PersonFactory

    other = PersonFactory(case=CaseFactory(organisation=stranger.organisation), role="parent")
    response = client_for(caseworker).post(url("item_create", case, house_id=house.pk), {
        "area": "outside", "person": other.pk, "written_by": "worker", "visibility": "worker"}, **HTMX)
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#new-outside"
    assert "Choose a person on this case." in response.content.decode()


def test_the_safety_scale_is_set_with_who_may_see_it(client_for, caseworker, case, house):
    response = client_for(caseworker).post(url("house_score", case, house_id=house.pk), {
        "safety_score": "7", "score_visibility": "parents", "version": house.version}, **HTMX)
    assert response.status_code == 200
    house.refresh_from_db()
    assert (house.safety_score, house.score_visibility) == (7, "parents")


def test_a_stale_safety_scale_is_refused_with_409(client_for, caseworker, consultant, case, house):
    form = {"score_visibility": "worker", "version": house.version}
    client_for(caseworker).post(url("house_score", case, house_id=house.pk), {**form, "safety_score": "7"}, **HTMX)
    response = client_for(consultant).post(url("house_score", case, house_id=house.pk),
                                           {**form, "safety_score": "3"}, **HTMX)
    assert response.status_code == 409
    house.refresh_from_db()
    assert house.safety_score == 7


def test_a_safety_house_is_started_for_a_child(client_for, caseworker, case, child):
    response = client_for(caseworker).post(url("house_create", case), {
        "child": child.pk, "drawn_on": timezone.localdate().isoformat()})
    house = SafetyHouse.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == url("house", case, house_id=house.pk)


# --- access --------------------------------------------------------------------------------------------------

def test_another_organisation_gets_404(client_for, stranger, case, conversation, house):
    client = client_for(stranger)
    assert client.get(url("conversation", case, conversation_id=conversation.pk)).status_code == 404
    assert client.get(url("house", case, house_id=house.pk)).status_code == 404
    assert client.post(url("statement_create", case, conversation_id=conversation.pk),
                       {"area": "good", "text": "x", "written_by": "worker", "visibility": "worker"}).status_code == 404
    assert conversation.statements.count() == 1


def test_a_closed_case_is_read_only(client_for, caseworker, case, conversation):
    case.status = "closed"
    case.save(update_fields=["status"])
    client = client_for(caseworker)
    page = client.get(url("conversation", case, conversation_id=conversation.pk)).content.decode()
    assert "This case is closed." in page
    assert url("statement_create", case, conversation_id=conversation.pk) not in page
    response = client.post(url("statement_create", case, conversation_id=conversation.pk), {
        "area": "good", "text": "Football", "written_by": "worker", "visibility": "worker"}, **HTMX)
    assert response.status_code == 403 and "This case is closed." in response.content.decode()
    assert conversation.statements.count() == 1


# --- the map ------------------------------------------------------------------------------------------------

def test_the_map_shows_what_the_child_says_with_a_link(client_for, caseworker, case, conversation):
    from safehold.mapping import services as mapping

    map_ = mapping.map_create(actor=caseworker, case=case)
    page = client_for(caseworker).get(reverse("mapping:map_detail", kwargs={"case_id": case.pk,
                                                                            "map_id": map_.pk})).content.decode()
    assert "What the child says" in page and "When dad shouts at night" in page
    statement = conversation.statements.get()
    assert url("conversation", case, conversation_id=conversation.pk) + f"#statement-{statement.pk}" in page


# --- queries ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("count", [3, 30])
def test_the_conversation_page_runs_a_constant_number_of_queries(client_for, caseworker, case, conversation, count,
                                                                 django_assert_max_num_queries):
    Statement.objects.bulk_create([
        Statement(conversation=conversation, area=("worries", "good", "dreams")[n % 3], text=f"Said {n}",
                  position=n + 10, visibility=("worker", "parents", "network")[n % 3]) for n in range(count)])
    client = client_for(caseworker)
    with django_assert_max_num_queries(14):
        response = client.get(url("conversation", case, conversation_id=conversation.pk))
    assert response.content.decode().count('class="sh-entry cv-statement') == count + 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_safety_house_page_runs_a_constant_number_of_queries(client_for, caseworker, case, house, parent,
                                                                 count, django_assert_max_num_queries):
    for n in range(count):
        services.house_item_create(actor=caseworker, case=case, house=house, area="inside", person=parent.pk,
                                   text=f"Person {n}")
    client = client_for(caseworker)
    with django_assert_max_num_queries(14):
        response = client.get(url("house", case, house_id=house.pk))
    assert response.content.decode().count('class="sh-entry cv-statement') == count


# --- a closed case -------------------------------------------------------------------------------------------

WRITES = {"conversation_create", "conversation_edit", "conversation_delete", "statement_create", "statement_edit",
          "statement_visibility", "statement_delete", "conversation_drawing_add", "house_create", "house_edit",
          "house_delete", "house_score", "item_create", "item_edit", "item_visibility", "item_delete",
          "house_drawing_add", "drawing_edit", "drawing_delete"}


@pytest.fixture
def recorded(case, caseworker, conversation, house):
    """One of everything the child's voice records, on the case while it was open."""
    item = services.house_item_create(actor=caseworker, case=case, house=house, area="roof", text="Nobody shouts")
    drawing = services.drawing_add(actor=caseworker, case=case, conversation=conversation, upload=png())
    return {"case_id": case.pk, "conversation_id": conversation.pk,
            "statement_id": conversation.statements.get().pk, "house_id": house.pk, "item_id": item.pk,
            "drawing_id": drawing.pk, "audience": "parents"}


def test_every_change_on_a_closed_case_is_refused_saying_why(recorded, closed_case, caseworker, client_for):
    from django.urls import get_resolver

    from safehold.audit.models import AuditEvent as Event

    client = client_for(caseworker)
    changes_before = Event.objects.exclude(action__in=["view", "export", "refused"]).count()
    refused = set()
    for pattern in get_resolver("safehold.child_voice.urls").url_patterns:
        kwargs = {"case_id": recorded["case_id"],
                  **{name: recorded[name] for name in pattern.pattern.regex.groupindex}}
        for headers in ({}, HTMX):
            response = client.post(reverse(f"child_voice:{pattern.name}", kwargs=kwargs), {
                "area": "good", "text": "Football", "written_by": "worker", "visibility": "network",
                "version": 1, "child": "1", "held_on": timezone.localdate().isoformat(), "setting": "alone",
                "tool": "three_houses", "safety_score": "5", "score_visibility": "worker", "file": png()},
                **headers)
            assert response.status_code in (403, 405), pattern.name
            if response.status_code == 403:
                assert "This case is closed. Reopen it to change it." in response.content.decode(), pattern.name
                refused.add(pattern.name)
    assert refused == WRITES
    assert Event.objects.exclude(action__in=["view", "export", "refused"]).count() == changes_before


# --- dates a calendar holds ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "field"), [("conversation_create", "held_on"), ("house_create", "drawn_on")])
def test_a_date_in_the_year_one_is_refused_next_to_the_field(client_for, caseworker, case, child, name, field):
    response = client_for(caseworker).post(url(name, case), {
        "child": child.pk, "tool": "three_houses", "setting": "alone", field: "0001-01-01"})

    assert response.status_code == 400
    assert "Enter a date between 1900 and 2199." in response.content.decode()
    assert not Conversation.objects.exists() and not SafetyHouse.objects.exists()


def test_a_conversation_moved_to_the_year_one_is_refused(client_for, caseworker, case, conversation):
    response = client_for(caseworker).post(url("conversation_edit", case, conversation_id=conversation.pk), {
        "tool": "three_houses", "held_on": "0001-01-01", "setting": "alone", "version": conversation.version})

    assert response.status_code == 400
    assert "Enter a date between 1900 and 2199." in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.held_on == timezone.localdate()
