"""The assessment and planning map through the API: /api/v1/cases/{id}/maps…, its PDF and /scaling."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.cases.models import CaseStatus
from safehold.mapping import services
from safehold.mapping.models import Entry, Map, Scale, Stance
from safehold.testing.factories import AssignmentFactory, CaseFactory

JSON = "application/json"
NOT_FOUND = {"message": "Not found.", "errors": {}}
FORBIDDEN = {"message": "You may not do this.", "errors": {}}
TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


def voice(obj) -> str:
    """The voice key of a person or a worker."""
    return f"{'user' if hasattr(obj, 'username') else 'person'}:{obj.pk}"


def maps_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/maps"


def map_url(map_) -> str:
    return f"/api/v1/cases/{map_.case_id}/maps/{map_.pk}"


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


@pytest.fixture
def first_map(case, caseworker, child, parent):
    """Yesterday's map: a past harm in the child's words, a danger statement, a goal answering it, a view that
    disagrees, and a safety score."""
    map_ = services.map_create(actor=caseworker, case=case, drawn_on=YESTERDAY, title="First meeting",
                               meeting_kind="assessment", participants=[voice(parent), voice(caseworker)])
    harm = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice(child), part="past_harm",
                                 text="Dad shouted and threw the plate.")
    danger = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice(caseworker),
                                   part="future_danger", worried="The school", behaviour="Freja is hit",
                                   impact="she will be hurt")
    services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice(parent), part="goals",
                          text="Freja feels safe at home.", answers=danger.pk)
    services.stance_set(actor=caseworker, case=case, entry=harm, voice=voice(parent), agrees=False,
                        words="It was an accident.")
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice(parent), score=7, reason="Better now")
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice(caseworker), score=3)
    return Map.objects.get(pk=map_.pk)


def entry_of(map_, part: str) -> Entry:
    return Entry.objects.get(map=map_, part=part, deleted_at__isnull=True)


# --- listing and reading ------------------------------------------------------------------------------

def test_the_list_shows_each_map_with_its_meeting_and_number_of_entries(case, caseworker, parent, first_map,
                                                                       alice):
    second = services.map_create(actor=caseworker, case=case, title="Review")

    response = alice.get(maps_url(case))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, latest = body["items"]
    assert first["id"] == first_map.pk
    assert (first["drawn_on"], first["title"], first["meeting_kind"]) == (YESTERDAY.isoformat(), "First meeting",
                                                                          "assessment")
    assert [p["key"] for p in first["participants"]] == [voice(parent), voice(caseworker)]
    assert first["participants"][0] == {"key": voice(parent), "kind": "parent", "name": "Camilla Sørensen"}
    assert (first["entry_count"], first["version"], first["copied_from"]) == (3, 1, None)
    assert (latest["id"], latest["copied_from"], latest["entry_count"]) == (second.pk, first_map.pk, 3)
    assert (latest["meeting_kind"], latest["participants"]) == ("", [])


def test_reading_the_list_is_audited_once(case, first_map, alice):
    since = last_event_id()

    alice.get(maps_url(case))

    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type) == ("view", case.pk, "mapping.map_list")


def test_a_map_is_read_with_its_entries_views_scales_and_participants(case, child, parent, caseworker, first_map,
                                                                     alice):
    response = alice.get(map_url(first_map))

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["title"], body["entry_count"]) == (first_map.pk, "First meeting", 3)
    assert [p["key"] for p in body["participants"]] == [voice(parent), voice(caseworker)]
    harm, danger, goal = body["entries"]  # in the order of the map: worries, then what needs to happen
    assert (harm["part"], harm["text"], harm["position"]) == ("past_harm", "Dad shouted and threw the plate.", 1)
    assert harm["voice"] == {"key": voice(child), "kind": "child", "name": "Freja Sørensen"}
    assert harm["contested"] is True
    [stance] = harm["stances"]
    assert (stance["voice"]["key"], stance["agrees"], stance["words"]) == (voice(parent), False,
                                                                          "It was an accident.")
    assert danger["is_danger_statement"] is True
    assert (danger["worried"], danger["behaviour"], danger["impact"]) == ("The school", "Freja is hit",
                                                                          "she will be hurt")
    # In the parent's words and sent without a kind: a family goal.
    assert (goal["part"], goal["goal_kind"], goal["answers"]) == ("goals", "family", danger["id"])
    assert goal["contested"] is False
    assert {"id", "version", "lineage", "responsible", "due_on"} <= set(goal)
    scales = {s["voice"]["key"]: s for s in body["scales"]}
    assert (scales[voice(parent)]["score"], scales[voice(parent)]["reason"]) == (7, "Better now")
    assert (scales[voice(caseworker)]["kind"], scales[voice(caseworker)]["score"]) == ("safety", 3)
    assert scales[voice(parent)]["about"] is None


def test_reading_a_map_is_audited_as_a_view_of_that_map(case, first_map, alice):
    since = last_event_id()

    alice.get(map_url(first_map))

    [event] = new_events(since)
    assert (event.action, event.case_id) == ("view", case.pk)
    assert (event.object_type, event.object_id) == ("mapping.map", str(first_map.pk))


def test_deleted_entries_are_not_shown(case, caseworker, first_map, alice):
    services.entry_delete(actor=caseworker, case=case, entry=entry_of(first_map, "past_harm"))

    body = alice.get(map_url(first_map)).json()

    assert [e["part"] for e in body["entries"]] == ["future_danger", "goals"]
    assert body["entry_count"] == 2


def test_a_map_of_another_case_is_not_found(case, organisation, caseworker, alice):
    other_case = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other_case, user=caseworker)
    other_map = services.map_create(actor=caseworker, case=other_case)

    for path in ("", "/pdf"):
        response = alice.get(f"{maps_url(case)}/{other_map.pk}{path}")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = alice.patch(f"{maps_url(case)}/{other_map.pk}", {"title": "x", "version": 1}, content_type=JSON)
    assert response.status_code == 404
    assert Map.objects.get(pk=other_map.pk).title == ""


# --- creating a map -------------------------------------------------------------------------------------

def test_a_new_map_starts_as_a_copy_of_the_latest(case, first_map, alice):
    response = alice.post(maps_url(case), {"title": "Review"}, content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    new = Map.objects.get(pk=body["id"])
    assert (new.case, new.copied_from, new.title, new.drawn_on) == (case, first_map, "Review", TODAY)
    assert (body["copied_from"], body["entry_count"]) == (first_map.pk, 3)
    old_entries = {e.lineage: e.text for e in first_map.entries.all()}
    assert {e["lineage"]: e["text"] for e in body["entries"]} == {str(k): v for k, v in old_entries.items()}
    assert {e["id"] for e in body["entries"]}.isdisjoint(e.pk for e in first_map.entries.all())
    assert sorted(s["score"] for s in body["scales"]) == [3, 7]
    goal = next(e for e in body["entries"] if e["part"] == "goals")
    danger = next(e for e in body["entries"] if e["part"] == "future_danger")
    assert goal["answers"] == danger["id"]  # the copy answers the copy, not the old statement
    assert next(e for e in body["entries"] if e["part"] == "past_harm")["contested"] is True


def test_a_new_map_may_start_empty(case, first_map, alice):
    response = alice.post(maps_url(case), {"copy_latest": False}, content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    assert (body["copied_from"], body["entries"], body["scales"], body["entry_count"]) == (None, [], [], 0)


def test_a_map_is_created_with_its_meeting_and_who_took_part(case, child, consultant, alice):
    response = alice.post(maps_url(case), {
        "drawn_on": YESTERDAY.isoformat(), "title": "Network", "meeting_kind": "network",
        "participants": [voice(child), voice(consultant)],
    }, content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    assert (body["drawn_on"], body["meeting_kind"]) == (YESTERDAY.isoformat(), "network")
    assert [p["key"] for p in body["participants"]] == [voice(child), voice(consultant)]


@pytest.mark.parametrize(("payload", "field"), [
    ({"participants": ["person:1"]}, "participants"),
    ({"meeting_kind": "assessment", "participants": ["user:999999"]}, "participants"),
    ({"drawn_on": (TODAY + timedelta(days=1)).isoformat()}, "drawn_on"),
    ({"meeting_kind": "party"}, "meeting_kind"),
    ({"title": "x" * 201}, "title"),
])
def test_a_map_with_wrong_details_is_refused(case, alice, payload, field):
    response = alice.post(maps_url(case), payload, content_type=JSON)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Map.objects.exists()


@pytest.mark.parametrize("drawn_on", ["0001-01-01", "2999-12-31"])
def test_a_map_dated_when_no_case_can_be_is_refused_on_the_date(case, alice, drawn_on):
    response = alice.post(maps_url(case), {"drawn_on": drawn_on}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"drawn_on": ["Enter a date between 1900 and 2199."]}
    assert not Map.objects.exists()


def test_creating_a_map_is_audited_by_the_service(case, alice):
    since = last_event_id()

    body = alice.post(maps_url(case), {}, content_type=JSON).json()

    [event] = new_events(since)
    assert (event.action, event.object_type, event.object_id) == ("create", "mapping.map", str(body["id"]))


# --- changing a map with PATCH --------------------------------------------------------------------------

def test_one_patch_adds_changes_and_removes_entries(case, child, parent, caseworker, first_map, alice):
    harm = entry_of(first_map, "past_harm")
    goal = entry_of(first_map, "goals")

    response = alice.patch(map_url(first_map), {
        "entries": [
            {"part": "strengths", "text": "  Grandma picks Freja up every day. ", "voice": voice(parent)},
            {"id": harm.pk, "version": harm.version, "text": "Dad threw the plate at the wall."},
            {"part": "next_steps", "text": "Call the school", "voice": voice(caseworker),
             "responsible": "Alice", "due_on": TODAY.isoformat()},
        ],
        "removed_entries": [goal.pk],
    }, content_type=JSON)

    assert response.status_code == 200, response.content
    body = response.json()
    assert [e["part"] for e in body["entries"]] == ["past_harm", "future_danger", "strengths", "next_steps"]
    changed = body["entries"][0]
    assert (changed["id"], changed["text"], changed["version"]) == (harm.pk, "Dad threw the plate at the wall.", 2)
    added = body["entries"][2]
    assert (added["text"], added["voice"]["key"]) == ("Grandma picks Freja up every day.", voice(parent))
    assert (body["entries"][3]["responsible"], body["entries"][3]["due_on"]) == ("Alice", TODAY.isoformat())
    goal.refresh_from_db()
    assert goal.deleted_at is not None and goal.deleted_by == caseworker  # hidden, not gone
    assert body["entry_count"] == 4


def test_a_patch_sets_views_on_entries(case, child, consultant, first_map, alice):
    danger = entry_of(first_map, "future_danger")

    response = alice.patch(map_url(first_map), {"entries": [
        {"id": danger.pk, "version": danger.version,
         "stances": [{"voice": voice(child), "agrees": True}, {"voice": voice(consultant), "agrees": False,
                                                                 "words": "Too strong."}]},
    ]}, content_type=JSON)

    assert response.status_code == 200, response.content
    entry = next(e for e in response.json()["entries"] if e["id"] == danger.pk)
    assert entry["contested"] is True
    assert [(s["voice"]["key"], s["agrees"], s["words"]) for s in entry["stances"]] == [
        (voice(child), True, ""), (voice(consultant), False, "Too strong.")]
    assert entry["version"] == danger.version  # a view is not a change of the entry's words


def test_a_disagreement_without_words_is_refused_under_the_view(case, child, first_map, alice):
    danger = entry_of(first_map, "future_danger")

    response = alice.patch(map_url(first_map), {"entries": [
        {"id": danger.pk, "version": danger.version, "stances": [{"voice": voice(child), "agrees": False}]},
    ]}, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["entries.0.stances.0.words"]
    assert not Stance.objects.filter(entry=danger).exists()


def test_a_goal_answers_a_danger_statement_of_the_same_map(case, parent, caseworker, first_map, alice):
    danger = entry_of(first_map, "future_danger")
    other_map = services.map_create(actor=caseworker, case=case, copy_latest=False)
    foreign = services.entry_create(actor=caseworker, case=case, map_=other_map, voice=voice(caseworker),
                                    part="future_danger", worried="We", behaviour="x", impact="y")

    good = {"part": "goals", "text": "Safe", "voice": voice(parent), "goal_kind": "family", "answers": danger.pk}
    response = alice.patch(map_url(first_map), {"entries": [good, {**good, "answers": foreign.pk}]},
                           content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"entries.1.answers": ["Choose a danger statement of this map."]}

    response = alice.patch(map_url(first_map), {"entries": [good]}, content_type=JSON)

    assert response.status_code == 200
    added = [e for e in response.json()["entries"] if e["text"] == "Safe"]
    assert [(e["goal_kind"], e["answers"]) for e in added] == [("family", danger.pk)]


def test_a_stale_entry_version_is_a_conflict_showing_the_current_entry(case, consultant, first_map, alice,
                                                                      api_client_for):
    harm = entry_of(first_map, "past_harm")
    api_client_for(consultant).patch(map_url(first_map), {"entries": [
        {"id": harm.pk, "version": 1, "text": "Carla's words."}]}, content_type=JSON)

    response = alice.patch(map_url(first_map), {"entries": [
        {"part": "strengths", "text": "Would be saved with the rest", "voice": voice(consultant)},
        {"id": harm.pk, "version": 1, "text": "Alice's words."},
    ]}, content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    assert body["message"].startswith("Someone else saved this")
    assert (body["current"]["id"], body["current"]["text"], body["current"]["version"]) == (
        harm.pk, "Carla's words.", 2)
    assert body["current"]["stances"][0]["words"] == "It was an accident."
    harm.refresh_from_db()
    assert harm.text == "Carla's words."
    assert not Entry.objects.filter(text="Would be saved with the rest").exists()  # all or nothing


def test_changing_an_entry_needs_its_version(case, first_map, alice):
    harm = entry_of(first_map, "past_harm")

    response = alice.patch(map_url(first_map), {"entries": [{"id": harm.pk, "text": "New"}]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"entries.0.version": ["Send the version of the entry you read."]}


@pytest.mark.parametrize("score", [11, -1, "abc", 2**70, True, 7.5])
def test_a_score_that_is_not_a_whole_number_from_0_to_10_is_refused(case, parent, first_map, alice, score):
    response = alice.patch(map_url(first_map), {
        "title": "Renamed", "version": 1,
        "scales": [{"voice": voice(parent), "score": 8}, {"voice": voice(parent), "kind": "willingness",
                                                          "about": None, "score": score}],
    }, content_type=JSON)

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert "scales.1.score" in body["errors"]
    assert Scale.objects.get(map=first_map, voice_key=voice(parent)).score == 7
    first_map.refresh_from_db()
    assert (first_map.title, first_map.version) == ("First meeting", 1)


def test_the_service_names_the_score_out_of_range(case, parent, first_map, alice):
    response = alice.patch(map_url(first_map), {"scales": [{"voice": voice(parent), "score": 11}]},
                           content_type=JSON)

    assert response.json()["errors"] == {"scales.0.score": ["Choose a whole number from 0 to 10."]}


def test_an_entry_without_a_voice_is_refused(case, first_map, alice):
    response = alice.patch(map_url(first_map), {"entries": [{"part": "strengths", "text": "Grandma"}]},
                           content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"entries.0.voice": ["Say whose voice this is."]}
    assert not Entry.objects.filter(text="Grandma").exists()


def test_an_empty_entry_is_refused_and_nothing_of_the_patch_is_saved(case, parent, caseworker, first_map, alice):
    harm = entry_of(first_map, "past_harm")
    since = last_event_id()

    response = alice.patch(map_url(first_map), {
        "title": "Renamed", "version": 1,
        "entries": [
            {"part": "strengths", "text": "Grandma", "voice": voice(parent)},
            {"id": harm.pk, "version": 1, "text": "Changed"},
            {"part": "strengths", "text": "   ", "voice": voice(parent)},
        ],
        "removed_entries": [entry_of(first_map, "goals").pk],
        "scales": [{"voice": voice(caseworker), "score": 9}],
    }, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"entries.2.text": ["Write the statement: an entry cannot be empty."]}
    assert response.json()["message"] == "Write the statement: an entry cannot be empty."
    first_map.refresh_from_db()
    harm.refresh_from_db()
    assert (first_map.title, harm.text, harm.version) == ("First meeting", "Dad shouted and threw the plate.", 1)
    assert first_map.entries.live().count() == 3
    assert Scale.objects.get(map=first_map, voice_key=voice(caseworker)).score == 3
    assert new_events(since) == []  # the services' audit records went with the rollback


def test_every_refused_item_is_named_at_once(case, parent, first_map, alice):
    response = alice.patch(map_url(first_map), {
        "title": "New", "entries": [
            {"part": "strengths", "voice": voice(parent)},
            {"part": "strengths", "text": "ok", "voice": "person:0"},
            {"id": 0, "version": 1},
        ],
        "removed_entries": [0], "removed_scales": [0],
        "scales": [{"voice": voice(parent), "kind": "capacity", "score": 5}],
    }, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "version", "entries.0.text", "entries.1.voice", "entries.2.id", "removed_entries.0", "removed_scales.0",
        "scales.0.about",
    }


def test_a_wrong_part_or_a_null_character_is_refused_before_anything_runs(case, parent, first_map, alice):
    response = alice.patch(map_url(first_map), {"entries": [
        {"part": "dreams", "text": "x", "voice": voice(parent)},
        {"part": "strengths", "text": "a\x00b", "voice": voice(parent)},
    ]}, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"entries.0.part", "entries.1.text"}


def test_a_danger_statement_is_written_from_its_three_parts(case, caseworker, first_map, alice):
    response = alice.patch(map_url(first_map), {"entries": [
        {"part": "future_danger", "voice": voice(caseworker), "worried": "Alice", "behaviour": "Dad drinks"},
    ]}, content_type=JSON)
    assert response.json()["errors"]["entries.0.impact"] == ["Say what it could mean for the child."]

    response = alice.patch(map_url(first_map), {"entries": [
        {"part": "future_danger", "voice": voice(caseworker), "worried": "Alice", "behaviour": "Dad drinks",
         "impact": "Freja is alone at night"},
    ]}, content_type=JSON)

    assert response.status_code == 200
    statements = [e for e in response.json()["entries"] if e["is_danger_statement"]]
    assert statements[-1]["text"].startswith("Alice")
    assert "Dad drinks" in statements[-1]["text"]
    assert statements[-1]["worried_number"] == "one"


def test_a_danger_statement_says_whether_one_or_several_are_worried(case, caseworker, first_map, alice):
    case.language = "en"
    case.save(update_fields=["language"])
    danger = entry_of(first_map, "future_danger")
    assert alice.get(map_url(first_map)).json()["entries"][1]["worried_number"] == "one"

    response = alice.patch(map_url(first_map), {"entries": [
        {"id": danger.pk, "version": danger.version, "worried": "The school and Alice", "worried_number": "several"},
        {"part": "future_danger", "voice": voice(caseworker), "worried": "Alice", "worried_number": "lots",
         "behaviour": "Dad drinks", "impact": "Freja is alone at night"},
    ]}, content_type=JSON)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["entries.1.worried_number"]

    response = alice.patch(map_url(first_map), {"entries": [
        {"id": danger.pk, "version": danger.version, "worried": "The school and Alice", "worried_number": "several"},
    ]}, content_type=JSON)

    assert response.status_code == 200
    [changed] = [e for e in response.json()["entries"] if e["id"] == danger.pk]
    assert changed["worried_number"] == "several"
    assert changed["text"] == ("The school and Alice are worried that Freja is hit. If nothing changes, there is a "
                               "danger that she will be hurt.")


def test_dates_no_case_can_mean_are_refused_where_they_are_sent(case, caseworker, first_map, alice):
    response = alice.patch(map_url(first_map), {
        "version": 1, "drawn_on": "0001-01-01",
        "entries": [{"part": "next_steps", "text": "Call the school", "voice": voice(caseworker),
                     "due_on": "0001-01-01"}],
    }, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"drawn_on": ["Enter a date between 1900 and 2199."],
                                         "entries.0.due_on": ["Enter a date between 1900 and 2199."]}
    first_map.refresh_from_db()
    assert (first_map.drawn_on, first_map.version) == (YESTERDAY, 1)


def test_a_goal_answering_no_entry_of_this_map_is_refused_on_answers(case, parent, first_map, alice):
    response = alice.patch(map_url(first_map), {"entries": [
        {"part": "goals", "text": "Safe", "voice": voice(parent), "answers": 0},
        {"part": "goals", "text": "Safe", "voice": voice(parent), "answers": 2**63 - 1},
    ]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"entries.0.answers": ["Choose a danger statement of this map."],
                                         "entries.1.answers": ["Choose a danger statement of this map."]}


def test_a_removed_entry_may_be_removed_again(case, first_map, alice):
    goal = entry_of(first_map, "goals")

    for _ in range(2):
        response = alice.patch(map_url(first_map), {"removed_entries": [goal.pk]}, content_type=JSON)
        assert response.status_code == 200
    assert [e["part"] for e in response.json()["entries"]] == ["past_harm", "future_danger"]


def test_a_null_for_a_field_that_must_have_a_value_is_refused(case, first_map, alice):
    harm = entry_of(first_map, "past_harm")

    response = alice.patch(map_url(first_map), {"title": None, "version": 1,
                                                "entries": [{"id": harm.pk, "version": 1, "text": None}]},
                           content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "entries.0.text"}


# --- the map's own details -------------------------------------------------------------------------------

def test_the_header_is_changed_with_the_version_read(case, child, first_map, alice):
    response = alice.patch(map_url(first_map), {"version": 1, "title": "Renamed",
                                                "participants": [voice(child)]}, content_type=JSON)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["version"], body["meeting_kind"]) == ("Renamed", 2, "assessment")
    assert [p["key"] for p in body["participants"]] == [voice(child)]
    assert body["drawn_on"] == YESTERDAY.isoformat()


def test_the_header_cannot_be_changed_without_the_version(case, first_map, alice):
    response = alice.patch(map_url(first_map), {"title": "Renamed"}, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["version"]
    first_map.refresh_from_db()
    assert first_map.title == "First meeting"


def test_a_stale_map_version_is_a_conflict_showing_the_current_map(case, first_map, alice):
    assert alice.patch(map_url(first_map), {"version": 1, "title": "One"}, content_type=JSON).status_code == 200

    response = alice.patch(map_url(first_map), {"version": 1, "title": "Two"}, content_type=JSON)

    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["id"], current["title"], current["version"], len(current["entries"])) == (first_map.pk, "One",
                                                                                              2, 3)


def test_an_empty_meeting_kind_unties_the_map_from_its_meeting(case, first_map, alice):
    response = alice.patch(map_url(first_map), {"version": 1, "meeting_kind": "", "participants": []},
                           content_type=JSON)

    assert response.status_code == 200, response.content
    assert (response.json()["meeting_kind"], response.json()["participants"]) == ("", [])


# --- scales ------------------------------------------------------------------------------------------------

def test_scales_are_set_replaced_and_removed(case, parent, caseworker, first_map, alice):
    mine = Scale.objects.get(map=first_map, voice_key=voice(caseworker))
    theirs = Scale.objects.get(map=first_map, voice_key=voice(parent))

    response = alice.patch(map_url(first_map), {
        "scales": [
            {"voice": voice(caseworker), "score": 4, "reason": "School reports", "version": mine.version},
            {"kind": "willingness", "voice": voice(caseworker), "about": parent.pk, "score": 8},
        ],
        "removed_scales": [theirs.pk],
    }, content_type=JSON)

    assert response.status_code == 200, response.content
    scales = response.json()["scales"]
    assert [(s["kind"], s["score"], s["about"], s["about_name"]) for s in scales] == [
        ("safety", 4, None, ""), ("willingness", 8, parent.pk, "Camilla Sørensen")]
    assert (scales[0]["id"], scales[0]["version"], scales[0]["reason"]) == (mine.pk, 2, "School reports")
    assert not Scale.objects.filter(pk=theirs.pk).exists()


def test_a_stale_scale_version_is_a_conflict_showing_the_current_scale(case, caseworker, first_map, alice):
    mine = Scale.objects.get(map=first_map, voice_key=voice(caseworker))
    services.scale_set(actor=caseworker, case=case, map_=first_map, voice=voice(caseworker), score=5)

    response = alice.patch(map_url(first_map), {"scales": [{"voice": voice(caseworker), "score": 6,
                                                            "version": 1}]}, content_type=JSON)

    assert response.status_code == 409
    assert (response.json()["current"]["id"], response.json()["current"]["score"]) == (mine.pk, 5)


# --- closed cases ------------------------------------------------------------------------------------------

def test_a_closed_case_is_read_but_not_changed(case, parent, first_map, alice):
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status"])

    assert alice.get(map_url(first_map)).status_code == 200
    refused = alice.patch(map_url(first_map), {"entries": [
        {"part": "strengths", "text": "x", "voice": voice(parent)}]}, content_type=JSON)
    created = alice.post(maps_url(case), {}, content_type=JSON)

    assert refused.status_code == created.status_code == 403
    assert refused.json()["message"] == "This case is closed. Reopen it to change it."
    assert Map.objects.count() == 1


# --- PDF ---------------------------------------------------------------------------------------------------

def test_the_map_is_printed_as_a_pdf(case, first_map, alice):
    response = alice.get(f"{map_url(first_map)}/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="Mapping-JA-2026-0001-{YESTERDAY:%Y-%m-%d}.pdf"'
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dad shouted" in text


def test_printing_the_map_is_audited_as_an_export(case, caseworker, first_map, alice):
    since = last_event_id()

    alice.get(f"{map_url(first_map)}/pdf")

    [event] = new_events(since)
    assert (event.action, event.actor, event.case_id) == ("export", caseworker, case.pk)
    assert (event.object_type, event.object_id) == ("mapping.map", str(first_map.pk))


# --- scaling history ---------------------------------------------------------------------------------------

def test_the_scaling_history_has_a_point_per_map_for_each_voice(case, parent, caseworker, first_map, alice):
    second = services.map_create(actor=caseworker, case=case)  # copies yesterday's scores
    services.scale_set(actor=caseworker, case=case, map_=second, voice=voice(caseworker), score=5,
                       reason="Dad is in treatment")
    since = last_event_id()

    response = alice.get(f"/api/v1/cases/{case.pk}/scaling")

    assert response.status_code == 200
    body = response.json()
    assert body["maps"] == [{"id": first_map.pk, "drawn_on": YESTERDAY.isoformat()},
                            {"id": second.pk, "drawn_on": TODAY.isoformat()}]
    series = {s["voice"]["key"]: s for s in body["series"]}
    assert set(series) == {voice(parent), voice(caseworker)}
    assert series[voice(parent)]["voice"] == {"key": voice(parent), "kind": "parent", "name": "Camilla Sørensen"}
    assert [(p["map_id"], p["score"]) for p in series[voice(parent)]["points"]] == [(first_map.pk, 7),
                                                                                   (second.pk, 7)]
    assert [(p["score"], p["reason"]) for p in series[voice(caseworker)]["points"]] == [
        (3, ""), (5, "Dad is in treatment")]
    assert series[voice(caseworker)]["points"][1]["drawn_on"] == TODAY.isoformat()
    assert all(s["kind"] == "safety" and s["about_name"] == "" for s in body["series"])
    [event] = new_events(since)
    assert (event.action, event.case_id, event.object_type) == ("view", case.pk, "mapping.scaling_history")


def test_a_case_without_maps_has_an_empty_history(case, alice):
    response = alice.get(f"/api/v1/cases/{case.pk}/scaling")

    assert response.json() == {"maps": [], "series": []}


# --- who may do what ---------------------------------------------------------------------------------------

ENDPOINTS = {
    "list maps": ("get", "/maps", None),
    "create a map": ("post", "/maps", {"title": "Intruder"}),
    "read a map": ("get", "/maps/{map}", None),
    "change a map": ("patch", "/maps/{map}", {"version": 1, "title": "Intruder"}),
    "print a map": ("get", "/maps/{map}/pdf", None),
    "read the scaling history": ("get", "/scaling", None),
}


def call(client, endpoint, map_):
    method, path, body = endpoint
    url = f"/api/v1/cases/{map_.case_id}" + path.format(map=map_.pk)
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type=JSON)


def untouched(map_) -> tuple:
    return Map.objects.count(), Map.objects.get(pk=map_.pk).title


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
@pytest.mark.parametrize("role", ["stranger", "colleague", "org_admin"])
def test_whoever_is_not_on_the_case_is_told_it_does_not_exist(request, first_map, api_client_for, role,
                                                              endpoint):
    since = last_event_id()

    response = call(api_client_for(request.getfixturevalue(role)), endpoint, first_map)

    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert untouched(first_map) == (1, "First meeting")
    assert not AuditEvent.objects.filter(pk__gt=since, case=first_map.case).exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_an_auditor_may_not_see_or_change_maps(auditor, first_map, api_client_for, endpoint):
    response = call(api_client_for(auditor), endpoint, first_map)

    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert untouched(first_map) == (1, "First meeting")


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
@pytest.mark.parametrize("role", ["consultant", "team_lead"])
def test_the_consultant_and_the_team_lead_work_on_maps_too(request, first_map, api_client_for, role, endpoint):
    response = call(api_client_for(request.getfixturevalue(role)), endpoint, first_map)

    assert response.status_code in (200, 201)


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_every_map_endpoint_needs_a_token(anonymous, first_map, endpoint):
    response = call(anonymous, endpoint, first_map)

    assert response.status_code == 401
    assert untouched(first_map) == (1, "First meeting")


# --- queries -----------------------------------------------------------------------------------------------

# Token, last-used stamp, memberships, case, assignment, map, audit row, entries, their views, scales,
# participants.
MAP_QUERIES = 12  # with the read audit's chain head (audit/chain.py)


def fill(map_, count: int, *voices: str) -> None:
    """count more entries on the map, each with a view, and a goal answering a danger statement."""
    names = dict(zip(voices, ("Freja Sørensen", "Camilla Sørensen"), strict=True))
    entries = Entry.objects.bulk_create([
        Entry(map=map_, part=("past_harm", "strengths", "goals", "grey_areas")[i % 4], position=1000 + i,
              text=f"Entry {i}", voice_kind="child", voice_key=voices[0], voice_name=names[voices[0]])
        for i in range(count)
    ])
    Stance.objects.bulk_create([
        Stance(entry=e, agrees=False, words="No", voice_kind="parent", voice_key=voices[1],
               voice_name=names[voices[1]]) for e in entries
    ])
    danger = map_.entries.get(part="future_danger")
    Entry.objects.filter(pk__in=[e.pk for e in entries if e.part == "goals"]).update(answers=danger)


@pytest.mark.parametrize("count", [5, 200])
def test_reading_a_map_runs_a_fixed_number_of_queries(case, child, parent, first_map, api_client_for, caseworker,
                                                     django_assert_max_num_queries, count):
    fill(first_map, count, voice(child), voice(parent))
    client = api_client_for(caseworker)

    with django_assert_max_num_queries(MAP_QUERIES):
        response = client.get(map_url(first_map))

    assert response.status_code == 200
    assert len(response.json()["entries"]) == count + 3


def test_two_hundred_entries_cost_as_many_queries_as_five(case, child, parent, first_map, caseworker,
                                                          api_client_for):
    def queries_to_read_it() -> int:
        client = api_client_for(caseworker)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(map_url(first_map)).status_code == 200
        return len(queries)

    fill(first_map, 5, voice(child), voice(parent))
    few = queries_to_read_it()
    fill(first_map, 195, voice(child), voice(parent))

    assert queries_to_read_it() == few


def test_the_map_list_runs_a_fixed_number_of_queries(case, caseworker, first_map, api_client_for):
    def queries_to_list() -> int:
        client = api_client_for(caseworker)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(maps_url(case)).status_code == 200
        return len(queries)

    one = queries_to_list()
    for _ in range(5):
        services.map_create(actor=caseworker, case=case)

    assert queries_to_list() == one


# --- OpenAPI -----------------------------------------------------------------------------------------------

def test_the_schema_describes_the_map_endpoints(alice):
    schema = alice.get("/api/v1/openapi.json").json()

    assert {path: set(ops) for path, ops in schema["paths"].items() if "/maps" in path or "/scaling" in path} == {
        "/api/v1/cases/{case_id}/maps": {"get", "post"},
        "/api/v1/cases/{case_id}/maps/{map_id}": {"get", "patch"},
        "/api/v1/cases/{case_id}/maps/{map_id}/pdf": {"get"},
        "/api/v1/cases/{case_id}/scaling": {"get"},
    }
    patch = schema["paths"]["/api/v1/cases/{case_id}/maps/{map_id}"]["patch"]
    assert patch["responses"]["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MapConflict"}
    assert patch["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MapOut"}
    pdf = schema["paths"]["/api/v1/cases/{case_id}/maps/{map_id}/pdf"]["get"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    score = schema["components"]["schemas"]["ScaleIn"]["properties"]["score"]
    assert (score["minimum"], score["maximum"]) == (0, 10)


def test_a_new_goal_sent_without_a_kind_is_of_the_kind_its_speaker_would_mean(parent, caseworker, first_map,
                                                                               alice):
    entries = [{"part": "goals", "text": "We eat together", "voice": voice(parent)},
               {"part": "goals", "text": "Freja is safe at night", "voice": voice(caseworker)}]

    response = alice.patch(map_url(first_map), {"entries": entries}, content_type=JSON)

    assert response.status_code == 200
    kinds = {e["text"]: e["goal_kind"] for e in response.json()["entries"]}
    assert (kinds["We eat together"], kinds["Freja is safe at night"]) == ("family", "safety")
