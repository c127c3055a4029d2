"""Reading a map, comparing two and charting the scores take the same few queries whatever the size."""

import pytest

from safehold.mapping.compare import compare_maps
from safehold.mapping.history import scaling_history
from safehold.mapping.models import Map, Part
from safehold.mapping.selectors import case_map, case_maps, map_content
from safehold.meetings.models import Meeting, Participant
from safehold.testing.factories import EntryFactory, MapFactory, ScaleFactory, StanceFactory

PARTS = Part.values


def _fill(map_: Map, entries: int) -> None:
    """`entries` entries across all parts, each third contested, goals answering a danger statement, and a
    score from one voice in ten."""
    danger = EntryFactory(map=map_, part=Part.FUTURE_DANGER, worried="Wir", behaviour="Schläge", impact="Angst")
    for index in range(entries - 1):
        entry = EntryFactory(map=map_, part=PARTS[index % len(PARTS)],
                             answers=danger if PARTS[index % len(PARTS)] == Part.GOALS else None)
        if index % 3 == 0:
            StanceFactory(entry=entry, voice_key=f"person:{index}")
        if index % 10 == 0:
            ScaleFactory(map=map_, voice_key=f"person:{index}", score=index % 11)


@pytest.fixture
def maps(case):
    """make(entries) → two maps of the case (the second a copy-like successor) with a meeting each."""

    def make(entries: int) -> tuple[Map, Map]:
        made = []
        for _ in range(2):
            meeting = Meeting.objects.create(case=case, kind="review")
            Participant.objects.create(meeting=meeting, voice_kind="parent", voice_name="Mama", voice_key="p:1")
            map_ = MapFactory(case=case, meeting=meeting)
            _fill(map_, entries)
            made.append(case_map(case, map_.pk))
        return made[0], made[1]

    return make


@pytest.mark.parametrize("entries", [5, 200])
def test_a_map_reads_in_a_fixed_number_of_queries(entries, maps, django_assert_max_num_queries):
    map_, _ = maps(entries)
    with django_assert_max_num_queries(4):
        content = map_content(map_)
        # What the map page and the PDF use of each entry, all from what was loaded.
        for entry in content.entries:
            _ = (entry.is_contested, entry.answers and entry.answers.text, entry.voice_label)
        _ = [p.voice_name for p in content.participants], content.safety_scales, content.danger_statements
    assert len(content.entries) == entries


@pytest.mark.parametrize("entries", [5, 200])
def test_two_maps_compare_in_a_fixed_number_of_queries(entries, maps, django_assert_max_num_queries):
    before, after = maps(entries)
    with django_assert_max_num_queries(6):
        comparison = compare_maps(before, after)
        for change in comparison.entries:
            _ = (change.entry.text, change.moved)
    assert len(comparison.entries) == 2 * entries


@pytest.mark.parametrize("entries", [5, 200])
def test_the_scaling_history_takes_a_fixed_number_of_queries(entries, maps, case, django_assert_max_num_queries):
    maps(entries)
    with django_assert_max_num_queries(2):
        history = scaling_history(case)
        _ = [(s.label, [p.map.drawn_on for p in s.points]) for s in history.series]
    assert history.series
    with django_assert_max_num_queries(2):
        scaling_history(case, maps=case_maps(case))


@pytest.mark.parametrize("entries", [5, 200])
def test_the_list_of_maps_takes_one_query(entries, maps, case, django_assert_num_queries):
    maps(entries)
    with django_assert_num_queries(1):
        listed = case_maps(case)
        _ = [(m.meeting.kind, m.entry_count) for m in listed]
    assert [m.entry_count for m in listed] == [entries, entries]
