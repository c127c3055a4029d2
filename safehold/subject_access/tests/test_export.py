"""What a person's export holds: every tool's records about them, and of the child's voice only what the child
agreed the person's side may see."""

from __future__ import annotations

import json

import pytest

from safehold.child_voice import services as child_voice
from safehold.subject_access.documents import json_document
from safehold.subject_access.export import subject_export
from safehold.subject_access.tests.world import fill
from safehold.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(case, caseworker, child, parent):
    fill(case, caseworker, child, parent)
    return case


def _text(case, person) -> str:
    return json_document(subject_export(case, person)).content


def _sections(case, person) -> dict[str, str]:
    data = subject_export(case, person).as_json()
    return {s["key"]: json.dumps(s["records"], ensure_ascii=False) for s in data["sections"]}


def test_the_parents_export_holds_each_tools_records_about_the_parent(filled, parent):
    sections = _sections(filled, parent)
    assert '"first_name": "Camilla"' in sections["cases"]
    assert '"kind": "parent"' in sections["network"] and '"circle": "inner"' in sections["network"]
    assert '"coordinator": true' in sections["network"]
    assert "Town hall (TOOLWORD0)" in sections["meetings"]  # the meeting the parent took part in
    assert "MAP-NAMES-PARENT-0" in sections["mapping"]  # an entry that names them
    assert "MAP-PARENT-VIEW-0" in sections["mapping"] and "MAP-PARENT-SCORE-0" in sections["mapping"]
    assert "Said about TOOLWORD0" in sections["screening"]  # the answers in the parent's words
    assert "HOUSE-ITEM-PARENTS-0" in sections["child_voice"]  # the child's Safety House names them
    assert "PLAN-PARENT-RULE-0" in sections["safety_plans"]
    assert "They played TOOLWORD0 together" in sections["perspective"]  # a contact they were at
    assert "Situation TOOLWORD0" in sections["perspective"]  # the Hilfeplan they signed
    assert "Help with TOOLWORD0 in the evenings" in sections["resources"]


def test_the_childs_export_holds_each_tools_records_about_the_child(filled, child):
    sections = _sections(filled, child)
    assert '"first_name": "Freja"' in sections["cases"]
    assert '"kind": "parent"' in sections["network"]
    assert "More TOOLWORD0 with mum" in sections["meetings"]  # the child's expectation
    assert "MAP-CHILD-SAID-0" in sections["mapping"]
    assert "Screened because of TOOLWORD0" in sections["screening"]
    assert "VOICE-STATEMENT-PARENTS-0" in sections["child_voice"]
    assert "HOUSE-ITEM-NETWORK-0" in sections["child_voice"]
    assert "Calls when Freja is absent PLAN-AGREEMENT-0" in sections["safety_plans"]
    assert "STORY-PANEL-0" in sections["words_pictures"]
    assert "Jugendamt TOOLWORD0" in sections["perspective"]  # the child's placement
    assert '"purpose"' in sections["files"]  # the drawing the child agreed the parents may see


def test_what_the_child_kept_for_the_worker_is_in_no_family_export(filled, child, parent):
    for person in (child, parent):
        text = _text(filled, person)
        for kept in ("VOICE-STATEMENT-WORKER", "HOUSE-ITEM-WORKER", "VOICE-DRAWING-WORKER", "VOICE-WORKER-NOTE",
                     "HOUSE-WORKER-NOTE"):
            assert kept not in text, f"{kept} in {person.role}'s export"
    assert "HOUSE-ITEM-PARENTS-0" in _text(filled, parent)  # …while what the child released is there


def test_the_childs_safety_scale_kept_for_the_worker_is_left_out(filled, child):
    [house] = [r for s in subject_export(filled, child).as_json()["sections"] for r in s["records"]
               if r["type"] == "child_voice.safetyhouse"]
    assert house["fields"]["safety_score"] is None


def test_a_network_member_sees_only_what_the_child_released_to_the_network(filled, case, caseworker, child):
    grandma = PersonFactory(case=case, role="network", first_name="Inge", last_name="Berg")
    house = case.safety_houses.get()
    for visibility in ("parents", "network"):
        child_voice.house_item_create(actor=caseworker, case=case, house=house, area="visitors", person=grandma.pk,
                                      text=f"GRANDMA-{visibility.upper()}", visibility=visibility)
    text = _text(case, grandma)
    assert "GRANDMA-NETWORK" in text
    assert "GRANDMA-PARENTS" not in text


def test_what_is_about_someone_else_is_not_in_the_export(filled, case, parent):
    neighbour = PersonFactory(case=case, role="network", first_name="Ole", last_name="Hansen")
    text = _text(case, neighbour)
    for other in ("MAP-CHILD-SAID", "PLAN-PARENT-RULE", "HOUSE-ITEM", "VOICE-STATEMENT", "Situation TOOLWORD0",
                  "Help with TOOLWORD0", "STORY-PANEL"):
        assert other not in text
    assert "Sørensen" not in text.replace(case.reference, "")  # not even the family's name


def test_the_export_is_labelled_in_the_cases_language(filled, parent):
    filled.language = "de"
    export = subject_export(filled, parent)
    [person] = [r for s in export.sections for r in s.records if r.type == "cases.person"]
    labels = {i.name: (i.label, i.shown) for i in person.items}
    assert labels["first_name"][0] == "Vorname" and labels["role"][1] == "Elternteil"
    assert export.as_json()["sections"][0]["records"][0]["fields"]["role"] == "parent"  # the JSON keeps the code
