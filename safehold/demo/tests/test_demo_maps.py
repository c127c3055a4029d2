"""The demo cases' assessment and planning maps (safehold/demo/maps.py): two per case, a few weeks apart."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.voices import VoiceKind
from safehold.mapping.compare import compare_maps
from safehold.mapping.models import Entry, GoalKind, Map, Part, ScaleKind, Stance
from safehold.meetings.models import MeetingKind

LANGUAGE = {"JA-2026-0147": "de", "BU-2026-0311": "da", "CP-2026-0058": "en", "OT-2026-0001": "da"}
# Small words every text in a language is full of, and the other two never use.
MARKERS = {"de": (" und ", " nicht "), "da": (" og ", " ikke "), "en": (" and ", " not ")}

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def maps(build_once) -> dict[str, list[Map]]:
    """The demo, seeded once for the module; what a test changes is rolled back after it."""
    with build_once():
        _seed()
        return {ref: list(Map.objects.filter(case__reference=ref).select_related("case", "meeting")
                          .order_by("drawn_on", "id")) for ref in LANGUAGE}


def _live(map_: Map, part: str | None = None) -> list[Entry]:
    entries = map_.entries.live()
    return list(entries.filter(part=part) if part else entries)


def _words(map_: Map) -> str:
    """Everything written on the map by people, not the sentence the service composes for danger statements."""
    texts = [map_.title]
    for entry in _live(map_):
        texts += [entry.worried, entry.behaviour, entry.impact] if entry.is_danger_statement else [entry.text]
    texts += Stance.objects.filter(entry__map=map_).values_list("words", flat=True)
    texts += map_.scales.values_list("reason", flat=True)
    return " ".join(texts)


def test_each_demo_case_has_two_maps_a_few_weeks_apart_and_none_in_the_future(maps):
    today = timezone.localdate()
    for reference, (first, second) in maps.items():
        assert 14 <= (second.drawn_on - first.drawn_on).days <= 35, reference
        assert first.drawn_on >= first.case.opened_on - timedelta(days=365)
        assert second.drawn_on <= today
        assert second.copied_from == first
        assert first.meeting.kind in (MeetingKind.ASSESSMENT, MeetingKind.REVIEW)
        assert second.meeting.kind in (MeetingKind.NETWORK, MeetingKind.SAFETY_PLAN)
        assert first.meeting.participants.count() >= 3


def test_the_first_map_fills_every_part_with_at_least_two_entries(maps):
    for reference, (first, _second) in maps.items():
        for part in Part.values:
            assert len(_live(first, part)) >= 2, (reference, part)


def test_two_danger_statements_are_each_answered_by_a_safety_goal_on_both_maps(maps):
    for reference, pair in maps.items():
        for map_ in pair:
            statements = [e for e in _live(map_, Part.FUTURE_DANGER) if e.is_danger_statement]
            goals = _live(map_, Part.GOALS)
            assert len(statements) == 2, reference
            for statement in statements:
                assert [g for g in goals if g.goal_kind == GoalKind.SAFETY and g.answers_id == statement.pk]
            assert [g for g in goals if g.goal_kind == GoalKind.FAMILY], reference


def test_every_next_step_says_who_and_by_when(maps):
    for reference, pair in maps.items():
        for map_ in pair:
            steps = _live(map_, Part.NEXT_STEPS)
            assert steps, reference
            assert all(step.responsible and step.due_on for step in steps), reference


def test_a_parent_disputes_an_entry_in_their_own_words(maps):
    for reference, (first, _second) in maps.items():
        disputes = Stance.objects.filter(entry__map=first, agrees=False,
                                         voice_kind__in=[VoiceKind.PARENT, VoiceKind.CAREGIVER])
        assert disputes.exists(), reference
        assert all(len(stance.words) > 40 for stance in disputes)


def test_safety_is_scaled_by_three_or_more_voices_and_a_parent_is_scaled_on_the_other_scales(maps):
    for reference, (first, second) in maps.items():
        for map_ in (first, second):
            safety = map_.scales.filter(kind=ScaleKind.SAFETY)
            assert safety.values("voice_key").distinct().count() >= 3, reference
            assert {VoiceKind.WORKER, VoiceKind.PARENT} <= set(safety.values_list("voice_kind", flat=True))
            assert all(scale.reason for scale in map_.scales.all())
        parent_scales = first.scales.exclude(kind=ScaleKind.SAFETY).filter(about__role="parent")
        assert set(parent_scales.values_list("kind", flat=True)) == {
            ScaleKind.WILLINGNESS, ScaleKind.CAPACITY, ScaleKind.CONFIDENCE}, reference


def test_the_second_map_records_new_safety_a_resolved_worry_a_next_step_and_moved_scores(maps):
    for reference, (first, second) in maps.items():
        comparison = compare_maps(first, second)
        changes = {(c.change, c.entry.part) for c in comparison.entries}
        assert ("added", Part.EXISTING_SAFETY) in changes, reference
        assert ("added", Part.GREY_AREAS) in changes, reference
        assert [c for c in comparison.entries if c.change == "removed"], reference
        assert [c for c in comparison.entries if c.change == "changed" and c.entry.part == Part.NEXT_STEPS
                and "text" in c.fields], reference
        deltas = [c.delta for c in comparison.scales if c.delta]
        ups, downs = sum(d > 0 for d in deltas), sum(d < 0 for d in deltas)
        assert ups > downs >= 1, reference


def test_the_maps_are_written_in_the_language_of_the_case(maps):
    for reference, pair in maps.items():
        language = LANGUAGE[reference]
        for map_ in pair:
            words = _words(map_)
            assert all(marker in words for marker in MARKERS[language]), reference
            others = [m for lang, markers in MARKERS.items() if lang != language for m in markers]
            assert not [m for m in others if m in words], reference
    becker = " ".join(_words(m) for m in maps["JA-2026-0147"])
    sorensen = " ".join(_words(m) for m in maps["BU-2026-0311"])
    assert "Jugendamt" in becker and "Sorgen" in becker
    assert "sikkerhedsplan" in sorensen and "netværk" in sorensen


def test_the_maps_are_written_through_the_services_and_so_on_the_audit_trail(maps):
    for reference, pair in maps.items():
        created = AuditEvent.objects.filter(case_reference=reference, object_type="mapping.map", action="create")
        assert set(created.values_list("object_id", flat=True)) == {str(m.pk) for m in pair}


def test_seeding_again_adds_no_maps_and_changes_none(maps):
    before = {ref: [(m.pk, len(_live(m)), m.scales.count()) for m in pair] for ref, pair in maps.items()}
    _seed()
    after = {ref: [(m.pk, len(_live(m)), m.scales.count())
                   for m in Map.objects.filter(case__reference=ref).order_by("drawn_on", "id")] for ref in LANGUAGE}
    assert after == before
