"""Loading one map, entry or score goes through its case (and map): anything else does not exist here."""

import pytest
from django.http import Http404
from django.utils import timezone

from safehold.mapping.models import Part
from safehold.mapping.selectors import case_map, case_maps, map_entry, map_scale
from safehold.testing.factories import CaseFactory, EntryFactory, MapFactory, ScaleFactory


@pytest.fixture
def own(case):
    map_ = MapFactory(case=case)
    return {"map": map_, "entry": EntryFactory(map=map_), "scale": ScaleFactory(map=map_)}


@pytest.fixture
def foreign(organisation):
    map_ = MapFactory(case=CaseFactory(organisation=organisation))
    return {"map": map_, "entry": EntryFactory(map=map_), "scale": ScaleFactory(map=map_)}


def test_a_map_entry_and_score_load_through_their_case_and_map(case, own):
    map_ = case_map(case, str(own["map"].pk))
    assert map_ == own["map"]
    assert map_entry(map_, own["entry"].pk) == own["entry"]
    assert map_scale(map_, own["scale"].pk) == own["scale"]


@pytest.mark.parametrize("bad", ["abc", "", None, "1.5", -1, 10**30])
def test_a_malformed_id_does_not_exist(bad, case, own):
    for load in (lambda: case_map(case, bad), lambda: map_entry(own["map"], bad),
                 lambda: map_scale(own["map"], bad)):
        with pytest.raises(Http404):
            load()


def test_a_map_entry_or_score_of_another_case_does_not_exist_here(case, own, foreign):
    with pytest.raises(Http404):
        case_map(case, foreign["map"].pk)
    with pytest.raises(Http404):
        map_entry(own["map"], foreign["entry"].pk)
    with pytest.raises(Http404):
        map_scale(own["map"], foreign["scale"].pk)


def test_a_deleted_entry_is_found_only_when_asked_for(own):
    gone = EntryFactory(map=own["map"], part=Part.GREY_AREAS, deleted_at=timezone.now())
    with pytest.raises(Http404):
        map_entry(own["map"], gone.pk)
    assert map_entry(own["map"], gone.pk, deleted=True) == gone
    with pytest.raises(Http404):
        map_entry(own["map"], own["entry"].pk, deleted=True)


def test_the_list_counts_only_live_entries(case, own):
    EntryFactory(map=own["map"], deleted_at=timezone.now())
    assert [m.entry_count for m in case_maps(case)] == [1]
