"""Loading one map, entry, view or score goes through its case (and map): anything else does not exist here, and
an id in input that names anything else is refused on its field."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from safehold.mapping.models import Part
from safehold.mapping.selectors import (
    case_map,
    case_maps,
    chosen_entry,
    chosen_scale,
    map_entry,
    map_scale,
    map_stance,
)
from safehold.testing.factories import CaseFactory, EntryFactory, MapFactory, ScaleFactory, StanceFactory


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


def test_a_view_loads_through_its_map_and_is_404_elsewhere(own, foreign):
    stance = StanceFactory(entry=own["entry"])
    assert map_stance(own["map"], stance.pk) == stance
    with pytest.raises(Http404):
        map_stance(foreign["map"], stance.pk)


@pytest.mark.parametrize("bad", ["abc", "", None, 0, -1, 10**30, [1]])
def test_an_entry_or_score_named_in_input_is_refused_on_its_field_not_404(bad, own):
    with pytest.raises(ValidationError) as error:
        chosen_entry(own["map"], bad, field="answers", message="Not of this map.")
    assert error.value.message_dict == {"answers": ["Not of this map."]}
    with pytest.raises(ValidationError) as error:
        chosen_scale(own["map"], bad, message="No such score.")
    assert error.value.messages == ["No such score."]


def test_an_entry_named_in_input_is_of_this_map_and_live_unless_asked_otherwise(own, foreign):
    gone = EntryFactory(map=own["map"], part=Part.GREY_AREAS, deleted_at=timezone.now())
    assert chosen_entry(own["map"], own["entry"].pk, field="id", message="x") == own["entry"]
    assert chosen_entry(own["map"], str(gone.pk), field="id", message="x", deleted=None) == gone
    for pk in (gone.pk, foreign["entry"].pk):
        with pytest.raises(ValidationError):
            chosen_entry(own["map"], pk, field="id", message="x")
    assert chosen_scale(own["map"], own["scale"].pk, message="x") == own["scale"]
    with pytest.raises(ValidationError):
        chosen_scale(own["map"], foreign["scale"].pk, message="x")
