"""What changed between two maps, and how each voice's scores moved over all the case's maps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.mapping import services
from safehold.mapping.compare import compare_maps
from safehold.mapping.history import scaling_history
from safehold.mapping.models import Entry, Map, Part
from safehold.testing.factories import PersonFactory, voice_key


def _days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def before(case, caseworker, parent, child):
    map_ = services.map_create(actor=caseworker, case=case, drawn_on=_days_ago(28))
    for part, text, who in (
        (Part.PAST_HARM, "Papa hat Freja geschlagen", caseworker),
        (Part.STRENGTHS, "Oma holt Freja ab", parent),
        (Part.STRENGTHS, "Mama kocht", parent),
        (Part.GREY_AREAS, "Wer wohnt im Haus?", caseworker),
        (Part.COMPLICATING, "Umzug", caseworker),
        (Part.NEXT_STEPS, "Suchtberatung", caseworker),
    ):
        services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(who), part=part, text=text)
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(parent), score=3)
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(child), score=5)
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker), score=2,
                       kind="willingness", about=parent.pk)
    return map_


def _entry(map_: Map, text: str) -> Entry:
    return map_.entries.live().get(text=text)


def _upd(actor, case, entry: Entry, **changes) -> None:
    services.entry_update(actor=actor, case=case, entry=entry, expected_version=entry.version, **changes)


def test_a_fresh_copy_has_nothing_changed(case, caseworker, before):
    after = services.map_create(actor=caseworker, case=case)
    comparison = compare_maps(before, after)
    assert comparison.is_empty
    assert comparison.unchanged == 6


def test_the_comparison_lists_what_was_added_removed_changed_and_moved(case, caseworker, before, parent,
                                                                       child):
    after = services.map_create(actor=caseworker, case=case)
    _upd(caseworker, case, _entry(after, "Papa hat Freja geschlagen"), text="Papa hat Freja zweimal geschlagen")
    _upd(caseworker, case, _entry(after, "Oma holt Freja ab"), part=Part.EXISTING_SAFETY)
    _upd(caseworker, case, _entry(after, "Mama kocht"), voice=voice_key(child))
    services.stance_set(actor=caseworker, case=case, entry=_entry(after, "Wer wohnt im Haus?"),
                        voice=voice_key(parent), agrees=False, words="Nur wir")
    services.entry_delete(actor=caseworker, case=case, entry=_entry(after, "Umzug"))
    services.entry_create(actor=caseworker, case=case, map_=after, voice=voice_key(parent), part=Part.GOALS,
                          text="Wir wohnen zusammen", goal_kind="family")
    services.scale_set(actor=caseworker, case=case, map_=after, voice=voice_key(parent), score=6)
    services.scale_delete(actor=caseworker, case=case, scale=after.scales.get(voice_key=voice_key(child)))
    services.scale_set(actor=caseworker, case=case, map_=after, voice=voice_key(caseworker), score=4)

    comparison = compare_maps(before, after)
    assert comparison.unchanged == 1  # the next step
    changes = {(c.change, c.entry.text): c for c in comparison.entries}
    assert set(changes) == {
        ("changed", "Papa hat Freja zweimal geschlagen"), ("changed", "Oma holt Freja ab"),
        ("changed", "Mama kocht"), ("changed", "Wer wohnt im Haus?"), ("removed", "Umzug"),
        ("added", "Wir wohnen zusammen"),
    }
    assert changes["changed", "Papa hat Freja zweimal geschlagen"].fields == ["text"]
    assert changes["changed", "Papa hat Freja zweimal geschlagen"].before.text == "Papa hat Freja geschlagen"
    moved = changes["changed", "Oma holt Freja ab"]
    assert moved.moved
    assert (moved.before.part, moved.after.part) == (Part.STRENGTHS, Part.EXISTING_SAFETY)
    assert changes["changed", "Mama kocht"].fields == ["voice_key"]
    assert changes["changed", "Wer wohnt im Haus?"].fields == ["stances"]
    assert not changes["changed", "Mama kocht"].moved
    # In the order of the map: worries, then what's working, then what needs to happen, then grey areas.
    assert [c.entry.text for c in comparison.entries] == [
        "Papa hat Freja zweimal geschlagen", "Umzug", "Mama kocht", "Oma holt Freja ab", "Wir wohnen zusammen",
        "Wer wohnt im Haus?"]

    scales = {(c.change, c.scale.kind, c.scale.voice_key): c for c in comparison.scales}
    assert set(scales) == {("changed", "safety", voice_key(parent)), ("removed", "safety", voice_key(child)),
                           ("added", "safety", voice_key(caseworker))}
    assert scales["changed", "safety", voice_key(parent)].delta == 3
    assert scales["removed", "safety", voice_key(child)].delta is None
    assert scales["added", "safety", voice_key(caseworker)].delta is None


def test_a_score_that_went_down_has_a_negative_delta(case, caseworker, before, parent):
    after = services.map_create(actor=caseworker, case=case)
    services.scale_set(actor=caseworker, case=case, map_=after, voice=voice_key(caseworker), score=0,
                       kind="willingness", about=parent.pk)
    [change] = compare_maps(before, after).scales
    assert (change.change, change.delta) == ("changed", -2)


def test_a_new_reason_for_the_same_score_is_a_change(case, caseworker, before, parent):
    after = services.map_create(actor=caseworker, case=case)
    services.scale_set(actor=caseworker, case=case, map_=after, voice=voice_key(parent), score=3,
                       reason="Immer noch Angst")
    [change] = compare_maps(before, after).scales
    assert (change.change, change.delta) == ("changed", 0)


def test_maps_drawn_separately_share_nothing(case, caseworker, before):
    fresh = services.map_create(actor=caseworker, case=case, copy_latest=False)
    services.entry_create(actor=caseworker, case=case, map_=fresh, voice=voice_key(caseworker),
                          part=Part.PAST_HARM, text="Papa hat Freja geschlagen")
    comparison = compare_maps(before, fresh)
    assert sorted(c.change for c in comparison.entries) == ["added"] + ["removed"] * 6
    assert comparison.unchanged == 0


# --- history of the scores --------------------------------------------------------------------------------


def test_each_voice_has_one_series_with_a_point_per_map_in_date_order(case, caseworker, before, parent, child):
    after = services.map_create(actor=caseworker, case=case)
    services.scale_set(actor=caseworker, case=case, map_=after, voice=voice_key(parent), score=7)
    history = scaling_history(case)
    assert [m.pk for m in history.maps] == [before.pk, after.pk]
    safety = {s.key: s for s in history.safety}
    assert set(safety) == {f"safety:{voice_key(parent)}:", f"safety:{voice_key(child)}:"}
    assert [(p.map.pk, p.index, p.score) for p in safety[f"safety:{voice_key(parent)}:"].points] == [
        (before.pk, 0, 3), (after.pk, 1, 7)]
    assert [p.score for p in safety[f"safety:{voice_key(child)}:"].points] == [5, 5]
    [willingness] = history.of("willingness")
    assert willingness.label == f"{caseworker.get_full_name()} → Camilla Sørensen"
    assert len(willingness.points) == 2


def test_a_map_drawn_earlier_but_added_later_takes_its_place_in_time(case, caseworker, before, parent):
    earlier = services.map_create(actor=caseworker, case=case, drawn_on=_days_ago(60), copy_latest=False)
    services.scale_set(actor=caseworker, case=case, map_=earlier, voice=voice_key(parent), score=1)
    series = next(s for s in scaling_history(case).safety if s.key == f"safety:{voice_key(parent)}:")
    assert [(p.map.pk, p.score) for p in series.points] == [(earlier.pk, 1), (before.pk, 3)]


def test_a_parent_scale_has_a_series_per_person_scored(case, caseworker, before, parent):
    other = PersonFactory(case=case, role="parent", first_name="Lars")
    services.scale_set(actor=caseworker, case=case, map_=before, voice=voice_key(caseworker), score=8,
                       kind="willingness", about=other.pk)
    history = scaling_history(case, kinds=("willingness",))
    assert sorted((s.about_name, [p.score for p in s.points]) for s in history.series) == [
        ("Camilla Sørensen", [2]), ("Lars Sørensen", [8])]
    assert history.safety == []


def test_a_series_is_named_as_the_voice_is_called_on_the_latest_map(case, caseworker, parent):
    """Someone's name corrected between two maps: the chart uses the newer spelling."""
    first = services.map_create(actor=caseworker, case=case, drawn_on=_days_ago(10))
    services.scale_set(actor=caseworker, case=case, map_=first, voice=voice_key(parent), score=3)
    parent.first_name = "Anna"  # was Camilla: sorts before it
    parent.save()
    second = services.map_create(actor=caseworker, case=case)  # its scales are copies, under the old name
    services.scale_set(actor=caseworker, case=case, map_=second, voice=voice_key(parent), score=5)
    third = services.map_create(actor=caseworker, case=case, drawn_on=_days_ago(20), copy_latest=False)
    services.scale_set(actor=caseworker, case=case, map_=third, voice=voice_key(parent), score=1)
    [series] = scaling_history(case).safety
    assert series.voice_name == "Anna Sørensen"
    assert [p.score for p in series.points] == [1, 3, 5]


def test_the_history_of_a_case_without_maps_is_empty(case):
    history = scaling_history(case)
    assert (history.maps, history.series) == ([], [])
