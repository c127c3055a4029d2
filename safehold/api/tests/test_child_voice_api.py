"""The child's voice through the API: /api/v1/cases/{id}/children/{person_id}/three-houses… and …/safety-house…"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.child_voice import services
from safehold.child_voice.models import Conversation, Drawing, HouseItem, SafetyHouse, Statement
from safehold.testing.factories import CaseFactory, PersonFactory, StoredFileFactory

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}
FORBIDDEN = {"message": "You may not do this.", "errors": {}}
TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)



def conversations_url(child) -> str:
    return f"/api/v1/cases/{child.case_id}/children/{child.pk}/three-houses"


def conversation_url(conversation, path: str = "") -> str:
    return (f"/api/v1/cases/{conversation.case_id}/children/{conversation.child_id}/three-houses/"
            f"{conversation.pk}{path}")


def houses_url(child) -> str:
    return f"/api/v1/cases/{child.case_id}/children/{child.pk}/safety-house"


def house_url(house, path: str = "") -> str:
    return f"/api/v1/cases/{house.case_id}/children/{house.child_id}/safety-house/{house.pk}{path}"


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", " ")


@pytest.fixture
def grandma(case):
    return PersonFactory(case=case, role="network", first_name="Inge", last_name="Holm")


@pytest.fixture
def conversation(case, child, caseworker):
    """A Three Houses conversation yesterday: a worry only the worker may see, a good thing for the parents."""
    made = services.conversation_create(actor=caseworker, case=case, child=child.pk, held_on=YESTERDAY, note="Shy")
    services.statement_create(actor=caseworker, case=case, conversation=made, area="worries",
                              text="Dad shouts at night.")
    services.statement_create(actor=caseworker, case=case, conversation=made, area="good",
                              text="Football with Mum.", written_by="child", visibility="parents")
    return Conversation.objects.get(pk=made.pk)


@pytest.fixture
def house(case, child, grandma, caseworker):
    made = services.safety_house_create(actor=caseworker, case=case, child=child.pk, drawn_on=YESTERDAY,
                                        safety_score=6, score_visibility="parents")
    services.house_item_create(actor=caseworker, case=case, house=made, area="inside", person=grandma.pk,
                               visibility="network")
    services.house_item_create(actor=caseworker, case=case, house=made, area="roof", text="No shouting.")
    return SafetyHouse.objects.get(pk=made.pk)


def add_drawing(case, caseworker, **on) -> Drawing:
    return Drawing.objects.create(file=StoredFileFactory(case=case), caption="My houses", visibility="parents",
                                  added_by=caseworker, **on)


# --- conversations: reading ----------------------------------------------------------------------------

def test_the_childs_conversations_are_listed_newest_first_with_statements_and_drawings(
        case, child, caseworker, conversation, alice):
    drawing = add_drawing(case, caseworker, conversation=conversation)
    newer = services.conversation_create(actor=caseworker, case=case, child=child.pk, tool="fairies_wizards")

    response = alice.get(conversations_url(child))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    latest, first = body["items"]
    assert (latest["id"], latest["tool"], latest["statements"]) == (newer.pk, "fairies_wizards", [])
    assert (first["id"], first["held_on"], first["note"], first["version"]) == (conversation.pk,
                                                                                str(YESTERDAY), "Shy", 1)
    assert first["child"] == {"id": child.pk, "name": "Freja Sørensen"}
    assert first["recorded_by"] == caseworker.pk
    worry, good = first["statements"]
    assert (worry["area"], worry["area_label"], worry["text"], worry["written_by"], worry["visibility"]) == (
        "worries", "House of worries", "Dad shouts at night.", "worker", "worker")
    assert (good["area"], good["written_by"], good["visibility"], good["version"]) == ("good", "child", "parents", 1)
    [picture] = first["drawings"]
    assert (picture["id"], picture["caption"], picture["visibility"]) == (drawing.pk, "My houses", "parents")
    assert picture["url"] == f"/api/v1/cases/{case.pk}/files/{drawing.file_id}"
    assert first["pdf"] == {audience: conversation_url(conversation, f"/pdf?audience={audience}")
                            for audience in ("worker", "parents", "network")}


def test_the_list_keeps_one_tool_when_asked(case, child, caseworker, conversation, alice):
    services.conversation_create(actor=caseworker, case=case, child=child.pk, tool="fairies_wizards")

    body = alice.get(conversations_url(child), {"tool": "three_houses"}).json()

    assert [item["id"] for item in body["items"]] == [conversation.pk]


def test_an_unknown_tool_is_refused_naming_the_parameter(child, alice):
    response = alice.get(conversations_url(child), {"tool": "crystal_ball"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"tool"}


def test_the_fairies_and_wizards_call_the_areas_in_their_own_words(case, child, caseworker, alice):
    made = services.conversation_create(actor=caseworker, case=case, child=child.pk, tool="fairies_wizards")
    services.statement_create(actor=caseworker, case=case, conversation=made, area="worries", text="Shouting")

    [statement] = alice.get(conversation_url(made)).json()["statements"]

    assert statement["area_label"] == "What the wand should take away"


def test_another_childs_conversations_are_not_listed(case, child, caseworker, conversation, alice):
    brother = PersonFactory(case=case, role="child", first_name="Emil")

    body = alice.get(conversations_url(brother)).json()

    assert body == {"items": [], "count": 0}


def test_reading_the_list_is_audited_once_as_a_view_of_the_childs_conversations(case, child, conversation, alice):
    since = last_event_id()

    alice.get(conversations_url(child))

    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type, event.object_id) == (
        "view", case.pk, "child_voice.conversation_list", str(child.pk))


def test_reading_a_conversation_is_audited_as_a_view_of_it(case, conversation, alice):
    since = last_event_id()

    response = alice.get(conversation_url(conversation))

    assert response.status_code == 200
    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_id) == ("view", case.pk, str(conversation.pk))


def test_a_person_who_is_not_a_child_has_no_conversations(case, parent, alice):
    since = last_event_id()

    listed = alice.get(conversations_url(parent))
    created = alice.post(conversations_url(parent), {"statements": [{"area": "good", "text": "Hi"}]},
                         content_type=JSON)

    assert (listed.status_code, listed.json()) == (404, NOT_FOUND)
    assert (created.status_code, created.json()) == (404, NOT_FOUND)
    assert not Conversation.objects.exists()
    # Nothing read or written: only the two refusals (safehold/audit/refusals.py).
    assert [e.action for e in new_events(since)] == ["refused", "refused"]


def test_a_conversation_is_found_only_under_its_own_child(case, conversation, alice):
    brother = PersonFactory(case=case, role="child", first_name="Emil")
    url = f"/api/v1/cases/{case.pk}/children/{brother.pk}/three-houses/{conversation.pk}"

    assert alice.get(url).status_code == 404
    assert alice.get(url + "/pdf").status_code == 404


def test_a_conversation_of_another_case_is_not_found(organisation, caseworker, conversation, alice):
    other = CaseFactory(organisation=organisation)
    other.assignments.create(user=caseworker, role="caseworker")
    other_child = PersonFactory(case=other, role="child")

    response = alice.get(f"/api/v1/cases/{other.pk}/children/{other_child.pk}/three-houses/{conversation.pk}")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- conversations: writing ----------------------------------------------------------------------------

def test_a_conversation_is_created_with_its_statements_in_one_go(case, child, caseworker, alice):
    since = last_event_id()

    response = alice.post(conversations_url(child), {
        "held_on": str(YESTERDAY), "tool": "three_houses", "setting": "trusted_person",
        "trusted_person": "Her teacher", "note": "Calm",
        "statements": [
            {"area": "worries", "text": "  Dad shouts.  "},
            {"area": "dreams", "text": "A dog", "written_by": "child", "visibility": "network"},
        ],
    }, content_type=JSON)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["held_on"], body["setting"], body["trusted_person"], body["note"]) == (
        str(YESTERDAY), "trusted_person", "Her teacher", "Calm")
    worries, dreams = body["statements"]
    assert (worries["text"], worries["visibility"], worries["written_by"]) == ("Dad shouts.", "worker", "worker")
    assert (dreams["text"], dreams["visibility"], dreams["written_by"]) == ("A dog", "network", "child")
    assert body["drawings"] == []
    made = Conversation.objects.get()
    assert (made.child, made.recorded_by) == (child, caseworker)
    assert [e.action for e in new_events(since)] == ["create", "create", "create"]  # by the services


def test_a_conversation_without_a_date_was_held_today(child, alice):
    response = alice.post(conversations_url(child), {}, content_type=JSON)

    assert response.status_code == 201
    assert (response.json()["held_on"], response.json()["tool"]) == (str(TODAY), "three_houses")


def test_a_conversation_in_the_future_is_refused(child, alice):
    response = alice.post(conversations_url(child), {"held_on": str(TODAY + timedelta(days=1))},
                          content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"held_on": ["The date cannot be in the future."]}
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(("path", "field"), [("three-houses", "held_on"), ("safety-house", "drawn_on")])
def test_a_date_in_the_year_one_is_refused_with_a_message(child, alice, path, field):
    response = alice.post(f"/api/v1/cases/{child.case_id}/children/{child.pk}/{path}", {field: "0001-01-01"},
                          content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {field: ["Enter a date between 1900 and 2199."]}
    assert not Conversation.objects.exists() and not SafetyHouse.objects.exists()


def test_a_patch_to_the_year_one_is_refused_with_a_message(conversation, house, alice):
    refused = alice.patch(conversation_url(conversation), {"version": 1, "held_on": "0001-12-31"},
                          content_type=JSON)
    refused_house = alice.patch(house_url(house), {"version": 1, "drawn_on": "0001-01-01"}, content_type=JSON)

    assert refused.json()["errors"] == {"held_on": ["Enter a date between 1900 and 2199."]}
    assert refused_house.json()["errors"] == {"drawn_on": ["Enter a date between 1900 and 2199."]}
    assert refused.status_code == refused_house.status_code == 400


@pytest.mark.parametrize(("payload", "field"), [
    ({"tool": "crystal_ball"}, "tool"),
    ({"setting": "garden"}, "setting"),
    ({"statements": [{"area": "attic", "text": "x"}]}, "statements.0.area"),
    ({"statements": [{"area": "good", "text": "x", "visibility": "everyone"}]}, "statements.0.visibility"),
    ({"statements": [{"area": "good", "text": "x", "written_by": "mum"}]}, "statements.0.written_by"),
    ({"statements": [{"area": "good", "text": "x" * 2001}]}, "statements.0.text"),
    ({"trusted_person": "x" * 121}, "trusted_person"),
])
def test_a_wrong_value_is_refused_naming_the_field(child, alice, payload, field):
    response = alice.post(conversations_url(child), payload, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {field}
    assert not Conversation.objects.exists()


def test_every_refused_statement_is_named_and_nothing_is_saved(child, alice):
    since = last_event_id()

    response = alice.post(conversations_url(child), {"statements": [
        {"area": "good", "text": "Fine"},
        {"area": "worries", "text": "   "},
        {"area": "dreams", "text": "\x07"},
    ]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"statements.1.text": ["Write down what the child said."],
                                         "statements.2.text": ["Write down what the child said."]}
    assert not Conversation.objects.exists() and not Statement.objects.exists()
    assert not new_events(since)


def test_a_patch_changes_the_conversation_and_adds_changes_and_removes_statements(case, child, conversation,
                                                                                  alice):
    good, worry = Statement.objects.get(area="good"), Statement.objects.get(area="worries")

    response = alice.patch(conversation_url(conversation), {
        "version": 1, "note": "Laughed a lot",
        "statements": [
            {"id": good.pk, "version": 1, "visibility": "network"},
            {"area": "dreams", "text": "A dog"},
        ],
        "removed_statements": [worry.pk],
    }, content_type=JSON)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["note"], body["version"]) == ("Laughed a lot", 2)
    assert [(s["area"], s["text"], s["visibility"], s["version"]) for s in body["statements"]] == [
        ("good", "Football with Mum.", "network", 2), ("dreams", "A dog", "worker", 1)]
    assert not Statement.objects.filter(pk=worry.pk).exists()


def test_a_stale_conversation_version_is_a_conflict_showing_the_current_one(conversation, alice):
    assert alice.patch(conversation_url(conversation), {"version": 1, "note": "One"},
                       content_type=JSON).status_code == 200

    response = alice.patch(conversation_url(conversation), {"version": 1, "note": "Two"}, content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    current = body["current"]
    assert (current["id"], current["note"], current["version"], len(current["statements"])) == (
        conversation.pk, "One", 2, 2)


def test_a_stale_statement_version_is_a_conflict_and_nothing_is_saved(case, caseworker, conversation, alice):
    good = Statement.objects.get(area="good")
    services.statement_update(actor=caseworker, case=case, statement=good, expected_version=1, text="Football!")

    response = alice.patch(conversation_url(conversation), {"version": 1, "note": "Would be saved", "statements": [
        {"area": "dreams", "text": "Would be saved too"},
        {"id": good.pk, "version": 1, "text": "Alice's words"},
    ]}, content_type=JSON)

    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["id"], current["text"], current["version"], current["area_label"]) == (
        good.pk, "Football!", 2, "House of good things")
    conversation.refresh_from_db()
    assert (conversation.note, conversation.version) == ("Shy", 1)
    assert not Statement.objects.filter(text="Would be saved too").exists()


def test_a_null_is_refused_on_its_field_before_anything_is_looked_at(case, conversation, alice):
    response = alice.patch(conversation_url(conversation), {
        "version": 1, "held_on": None, "statements": [{"id": 0, "text": None}]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"held_on": ["This field cannot be empty."],
                                         "statements.0.text": ["This field cannot be empty."]}


def test_a_patch_names_every_refused_item(case, conversation, alice):
    response = alice.patch(conversation_url(conversation), {
        "version": 1, "held_on": "2999-01-01",
        "statements": [{"id": 0, "text": "x"}, {"text": "No area"}],
        "removed_statements": [0],
    }, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "held_on": ["Enter a date between 1900 and 2199."],
        "removed_statements.0": ["There is no such statement in this conversation."],
        "statements.0.id": ["There is no such statement in this conversation."],
        "statements.0.version": ["Send the version of the statement you read."],
        "statements.1.area": ["Choose the house."],
    }


def test_a_statement_of_another_conversation_cannot_be_changed(case, child, caseworker, conversation, alice):
    other = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    good = Statement.objects.get(area="good")

    response = alice.patch(conversation_url(other), {"version": 1, "statements": [
        {"id": good.pk, "version": 1, "text": "Stolen"}], "removed_statements": [good.pk]}, content_type=JSON)

    assert response.status_code == 400
    assert Statement.objects.get(pk=good.pk).text == "Football with Mum."


def test_a_closed_case_is_read_but_not_changed(case, child, conversation, alice):
    case.status = "closed"
    case.save(update_fields=["status"])

    assert alice.get(conversation_url(conversation)).status_code == 200
    refused = alice.patch(conversation_url(conversation), {"version": 1, "note": "x"}, content_type=JSON)
    created = alice.post(conversations_url(child), {}, content_type=JSON)

    assert refused.status_code == created.status_code == 403
    assert refused.json()["message"] == "This case is closed. Reopen it to change it."
    assert Conversation.objects.count() == 1


# --- Safety Houses -----------------------------------------------------------------------------------------

def test_the_childs_safety_houses_are_listed_with_entries_score_and_drawings(case, child, grandma, caseworker,
                                                                             house, alice):
    add_drawing(case, caseworker, house=house)

    response = alice.get(houses_url(child))

    assert response.status_code == 200
    [body] = response.json()["items"]
    assert (body["id"], body["drawn_on"], body["safety_score"], body["score_visibility"]) == (
        house.pk, str(YESTERDAY), 6, "parents")
    inside, roof = body["items"]
    assert inside["person"] == {"id": grandma.pk, "name": "Inge Holm"}
    assert (inside["area"], inside["text"], inside["visibility"]) == ("inside", "Inge Holm", "network")
    assert (roof["area"], roof["text"], roof["person"]) == ("roof", "No shouting.", None)
    assert roof["area_label"] == "On the roof: the rules that keep me safe"
    assert [d["caption"] for d in body["drawings"]] == ["My houses"]
    assert body["pdf"]["parents"] == house_url(house, "/pdf?audience=parents")


def test_a_safety_house_is_created_with_its_entries_in_one_go(child, grandma, alice):
    response = alice.post(houses_url(child), {
        "drawn_on": str(YESTERDAY), "safety_score": 3, "score_visibility": "network",
        "items": [{"area": "outside", "person": grandma.pk, "text": "Granny's friend"},
                  {"area": "path", "text": "Mum calls first", "written_by": "child"}],
    }, content_type=JSON)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["safety_score"], body["score_visibility"]) == (3, "network")
    path, outside = body["items"]
    assert (outside["person"]["id"], outside["text"]) == (grandma.pk, "Granny's friend")
    assert (path["text"], path["written_by"], path["visibility"]) == ("Mum calls first", "child", "worker")


def test_an_entry_naming_someone_not_on_the_case_is_refused(organisation, child, alice):
    stranger = PersonFactory(case=CaseFactory(organisation=organisation), role="network")

    response = alice.post(houses_url(child), {"items": [{"area": "inside", "person": stranger.pk, "text": "Granny"}]},
                          content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"items.0.person": ["Choose a person on this case."]}
    assert not SafetyHouse.objects.exists()


@pytest.mark.parametrize(("payload", "field"), [
    ({"safety_score": 11}, "safety_score"),
    ({"safety_score": "7"}, "safety_score"),
    ({"safety_score": True}, "safety_score"),
    ({"score_visibility": "all"}, "score_visibility"),
    ({"drawn_on": str(TODAY + timedelta(days=1))}, "drawn_on"),
    ({"items": [{"area": "garden", "text": "x"}]}, "items.0.area"),
])
def test_a_safety_house_with_a_wrong_value_is_refused_naming_the_field(child, alice, payload, field):
    response = alice.post(houses_url(child), payload, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {field}
    assert not SafetyHouse.objects.exists()


def test_a_safety_house_patch_changes_the_score_and_entries(case, house, grandma, alice):
    inside, roof = HouseItem.objects.get(area="inside"), HouseItem.objects.get(area="roof")

    response = alice.patch(house_url(house), {
        "version": 1, "safety_score": None,
        "items": [{"id": inside.pk, "version": 1, "person": None, "text": "Granny"},
                  {"area": "visitors", "person": grandma.pk}],
        "removed_items": [roof.pk],
    }, content_type=JSON)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["safety_score"], body["version"]) == (None, 2)
    assert [(i["area"], i["text"], i["person"], i["version"]) for i in body["items"]] == [
        ("inside", "Granny", None, 2), ("visitors", "Inge Holm", {"id": grandma.pk, "name": "Inge Holm"}, 1)]


def test_a_stale_safety_house_is_a_conflict_showing_the_current_one(case, caseworker, house, alice):
    services.safety_house_update(actor=caseworker, case=case, house=house, expected_version=1, safety_score=8)

    response = alice.patch(house_url(house), {"version": 1, "safety_score": 2}, content_type=JSON)

    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["id"], current["safety_score"], current["version"], len(current["items"])) == (
        house.pk, 8, 2, 2)


def test_reading_a_safety_house_is_audited(case, house, alice):
    since = last_event_id()

    assert alice.get(house_url(house)).status_code == 200

    [event] = new_events(since)
    assert (event.action, event.object_id) == ("view", str(house.pk))


# --- PDF -------------------------------------------------------------------------------------------------------

def test_the_parents_printout_leaves_out_what_the_child_kept_for_the_worker(case, conversation, alice):
    since = last_event_id()

    response = alice.get(conversation_url(conversation, "/pdf"), {"audience": "parents"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Football with Mum." in text
    assert "Dad shouts" not in text
    [event] = new_events(since)
    assert (event.action, event.object_id) == ("export", str(conversation.pk))
    assert event.object_type == "child_voice.pdf.parents"


def test_the_workers_printout_holds_everything(conversation, alice):
    response = alice.get(conversation_url(conversation, "/pdf"), {"audience": "worker"})

    assert "Dad shouts" in pdf_text(response.content)


def _in_language(case, text: str) -> str:
    from django.utils import translation

    with translation.override(case.language):
        return translation.gettext(text)


def test_the_workers_printout_marks_what_the_child_kept_from_the_parents(case, conversation, alice):
    text = pdf_text(alice.get(conversation_url(conversation, "/pdf"), {"audience": "worker"}).content)

    assert text.count(_in_language(case, "Not for the parents")) == 1  # the worry; the good thing is the parents'
    assert _in_language(case, "For the worker only — not for the parents") in text


def test_the_parents_printout_says_the_worries_are_kept_private(case, conversation, alice):
    text = pdf_text(alice.get(conversation_url(conversation, "/pdf"), {"audience": "parents"}).content)

    assert _in_language(case, "Some things here I keep to myself.") in text
    assert _in_language(case, "Not for the parents") not in text


def test_the_safety_house_is_printed_for_an_audience(house, alice):
    since = last_event_id()

    response = alice.get(house_url(house, "/pdf"), {"audience": "network"})

    assert response.status_code == 200
    assert "No shouting" not in pdf_text(response.content)  # the worker's only
    [event] = new_events(since)
    assert (event.action, event.object_type) == ("export", "child_voice.pdf.network")


def test_without_an_audience_the_networks_printout_is_made(case, conversation, alice):
    since = last_event_id()

    response = alice.get(conversation_url(conversation, "/pdf"))

    assert response.status_code == 200
    assert case.language == "de"  # the file is named in the case's language
    assert response["Content-Disposition"].endswith(f'-{YESTERDAY.isoformat()}-Netzwerk.pdf"')
    assert "Football with Mum." not in pdf_text(response.content)  # the parents' only
    [event] = new_events(since)
    assert event.object_type == "child_voice.pdf.network"


def test_an_unknown_audience_is_refused(conversation, alice):
    response = alice.get(conversation_url(conversation, "/pdf"), {"audience": "everyone"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"audience"}


# --- who may do what ---------------------------------------------------------------------------------------

ENDPOINTS = {
    "list conversations": ("get", "three-houses", None),
    "create a conversation": ("post", "three-houses", {"note": "Intruder"}),
    "read a conversation": ("get", "three-houses/{conversation}", None),
    "change a conversation": ("patch", "three-houses/{conversation}", {"version": 1, "note": "Intruder"}),
    "list Safety Houses": ("get", "safety-house", None),
    "create a Safety House": ("post", "safety-house", {"note": "Intruder"}),
    "read a Safety House": ("get", "safety-house/{house}", None),
    "change a Safety House": ("patch", "safety-house/{house}", {"version": 1, "note": "Intruder"}),
}
PDF_ENDPOINTS = {
    "print a conversation": ("get", "three-houses/{conversation}/pdf", None),
    "print a Safety House": ("get", "safety-house/{house}/pdf", None),
}


def call(client, endpoint, conversation, house):
    method, path, body = endpoint
    url = (f"/api/v1/cases/{conversation.case_id}/children/{conversation.child_id}/"
           + path.format(conversation=conversation.pk, house=house.pk))
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type=JSON)


def untouched(conversation, house) -> tuple:
    return (Conversation.objects.count(), Conversation.objects.get(pk=conversation.pk).version,
            SafetyHouse.objects.count(), SafetyHouse.objects.get(pk=house.pk).version)


ALL_ENDPOINTS = {**ENDPOINTS, **PDF_ENDPOINTS}


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS.values(), ids=ALL_ENDPOINTS.keys())
@pytest.mark.parametrize("role", ["stranger", "colleague", "org_admin"])
def test_whoever_is_not_on_the_case_is_told_it_does_not_exist(request, api_client_for, conversation, house, role,
                                                              endpoint):
    before = untouched(conversation, house)
    since = last_event_id()

    response = call(api_client_for(request.getfixturevalue(role)), endpoint, conversation, house)

    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert untouched(conversation, house) == before
    assert not AuditEvent.objects.filter(pk__gt=since, case=conversation.case).exists()


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS.values(), ids=ALL_ENDPOINTS.keys())
def test_an_auditor_may_not_see_or_change_what_the_child_said(auditor, api_client_for, conversation, house,
                                                             endpoint):
    before = untouched(conversation, house)

    response = call(api_client_for(auditor), endpoint, conversation, house)

    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert untouched(conversation, house) == before


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
@pytest.mark.parametrize("role", ["caseworker", "consultant", "team_lead"])
def test_everyone_on_the_case_works_with_what_the_child_said(request, api_client_for, conversation, house, role,
                                                            endpoint):
    response = call(api_client_for(request.getfixturevalue(role)), endpoint, conversation, house)

    assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS.values(), ids=ALL_ENDPOINTS.keys())
def test_every_child_voice_endpoint_needs_a_token(anonymous, conversation, house, endpoint):
    before = untouched(conversation, house)

    response = call(anonymous, endpoint, conversation, house)

    assert response.status_code == 401
    assert untouched(conversation, house) == before


# --- queries -----------------------------------------------------------------------------------------------

def fill(conversation, count: int) -> None:
    Statement.objects.bulk_create([
        Statement(conversation=conversation, area=("worries", "good", "dreams")[i % 3], text=f"Said {i}",
                  position=100 + i) for i in range(count)
    ])


def queries_to_read(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Token, last-used stamp, memberships, case, assignment, child, conversation(s), statements, drawings, audit row.
READ_QUERIES = 11  # with the read audit's chain head (audit/chain.py)


@pytest.mark.parametrize("count", [1, 28])
def test_reading_a_conversation_runs_a_fixed_number_of_queries(case, caseworker, conversation, api_client_for,
                                                               django_assert_max_num_queries, count):
    fill(conversation, count)  # with the conversation's two: 3 and 30 statements
    client = api_client_for(caseworker)

    with django_assert_max_num_queries(READ_QUERIES):
        response = client.get(conversation_url(conversation))

    assert len(response.json()["statements"]) == count + 2


def test_thirty_statements_cost_as_many_queries_as_three(case, child, caseworker, conversation, api_client_for):
    fill(conversation, 1)
    few = queries_to_read(api_client_for(caseworker), conversations_url(child))
    fill(conversation, 27)
    services.conversation_create(actor=caseworker, case=case, child=child.pk)

    assert queries_to_read(api_client_for(caseworker), conversations_url(child)) == few


def test_the_safety_house_list_runs_a_fixed_number_of_queries(case, child, grandma, caseworker, house,
                                                             api_client_for):
    one = queries_to_read(api_client_for(caseworker), houses_url(child))
    for _ in range(3):
        made = services.safety_house_create(actor=caseworker, case=case, child=child.pk)
        services.house_item_create(actor=caseworker, case=case, house=made, area="visitors", person=grandma.pk)

    assert queries_to_read(api_client_for(caseworker), houses_url(child)) == one


# --- OpenAPI -----------------------------------------------------------------------------------------------

def test_the_schema_describes_the_child_voice_endpoints(alice):
    schema = alice.get("/api/v1/openapi.json").json()

    base = "/api/v1/cases/{case_id}/children/{person_id}"
    paths = {path: set(ops) for path, ops in schema["paths"].items() if "/children/" in path}
    assert paths == {
        f"{base}/three-houses": {"get", "post"},
        f"{base}/three-houses/{{conversation_id}}": {"get", "patch"},
        f"{base}/three-houses/{{conversation_id}}/pdf": {"get"},
        f"{base}/safety-house": {"get", "post"},
        f"{base}/safety-house/{{house_id}}": {"get", "patch"},
        f"{base}/safety-house/{{house_id}}/pdf": {"get"},
    }
    listing = schema["paths"][f"{base}/three-houses"]["get"]
    assert "uploaded through the web pages" in listing["description"]
    pdf = schema["paths"][f"{base}/three-houses/{{conversation_id}}/pdf"]["get"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    assert {p["name"] for p in pdf["parameters"]} >= {"audience"}
