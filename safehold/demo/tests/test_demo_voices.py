"""The demo cases' children's voices (safehold/demo/voices.py): Three Houses with the older child, Fairies &
Wizards with the younger, a Safety House, drawings, and statements the parents or the network may not see, in
the case's language."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from safehold.child_voice.models import Conversation, SafetyHouse, Tool, Visibility
from safehold.uploads.models import StoredFile

LANGUAGE = {"JA-2026-0147": "de", "BU-2026-0311": "da", "CP-2026-0058": "en"}
MARKERS = {"de": (" und ", " ich ", " nicht "), "da": (" og ", " jeg ", " ikke "), "en": (" and ", " I ", " not ")}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(build_once):
    """The demo, seeded once for the module; what a test changes is rolled back after it."""
    with build_once():
        call_command("seed_demo", stdout=io.StringIO())


def test_each_demo_case_holds_both_tools_and_a_safety_house_about_its_children(seeded):
    for reference in LANGUAGE:
        conversations = list(Conversation.objects.filter(case__reference=reference).select_related("child"))
        assert {c.tool for c in conversations} == {Tool.THREE_HOUSES, Tool.FAIRIES_WIZARDS}, reference
        assert all(c.child.role == "child" for c in conversations)
        three_houses = next(c for c in conversations if c.tool == Tool.THREE_HOUSES)
        assert {s.area for s in three_houses.statements.all()} == {"worries", "good", "dreams"}
        house = SafetyHouse.objects.get(case__reference=reference)
        assert {i.area for i in house.items.all()} == {"inside", "roof", "path", "visitors", "outside"}
        assert house.safety_score is not None


def test_the_child_kept_some_words_from_the_parents_and_released_others(seeded):
    for reference in LANGUAGE:
        statements = [s for c in Conversation.objects.filter(case__reference=reference)
                      for s in c.statements.all()]
        assert {s.visibility for s in statements} == set(Visibility.values), reference


def test_the_drawings_are_real_pictures_on_the_private_storage(seeded):
    files = StoredFile.objects.filter(case__reference__in=list(LANGUAGE))
    assert files.count() == 3 * 3  # two conversations and a Safety House per case
    assert {f.content_type for f in files} == {"image/png"}


def test_the_childrens_words_are_in_the_language_of_the_case(seeded):
    for reference, language in LANGUAGE.items():
        words = " ".join(s.text for c in Conversation.objects.filter(case__reference=reference)
                         for s in c.statements.all())
        words = f" {words} "
        assert any(marker in words for marker in MARKERS[language]), reference
        others = [m for lang, markers in MARKERS.items() if lang != language for m in markers if m != " I "]
        assert not any(marker in words for marker in others), (reference, [m for m in others if m in words])


def test_seeding_again_adds_nothing(seeded):
    before = (Conversation.objects.count(), SafetyHouse.objects.count(), StoredFile.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Conversation.objects.count(), SafetyHouse.objects.count(), StoredFile.objects.count()) == before


def test_each_demo_case_holds_an_agreed_words_and_pictures_story_in_its_language(seeded):
    from safehold.words_pictures.models import Story, StoryStatus

    for reference, language in LANGUAGE.items():
        story = Story.objects.get(case__reference=reference)
        assert story.status in (StoryStatus.AGREED, StoryStatus.READ_WITH_CHILDREN), reference
        assert story.agreed_on is not None and story.agreed_with.filter(role__in=["parent", "caregiver"]).exists()
        panels = list(story.panels.all())
        assert {p.section for p in panels} >= {"who_is_worried", "what_happened", "keeping_safe", "safety_network"}
        words = f" {' '.join(p.text for p in panels)} "
        assert any(marker in words for marker in MARKERS[language]), reference


def test_each_demo_plan_names_the_story_that_explains_it_to_the_children(seeded):
    from safehold.safety_plans.models import PlanStatus, SafetyPlan

    for reference in LANGUAGE:
        plan = SafetyPlan.objects.select_related("story").get(case__reference=reference, status=PlanStatus.ACTIVE)
        assert plan.story is not None and plan.story.case_id == plan.case_id, reference
