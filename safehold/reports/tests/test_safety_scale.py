"""Movement on the safety scale from the first to the last map, per voice, on a hand-built data set."""

from __future__ import annotations

from datetime import date

import pytest

from safehold.mapping.models import ScaleKind
from safehold.reports import safety_scale
from safehold.reports.base import Period, Scope
from safehold.reports.tests.data import case_with_children
from safehold.testing.factories import MapFactory, ScaleFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


def scores(case, drawn_on, **by_voice):
    map_ = MapFactory(case=case, drawn_on=drawn_on)
    for voice, values in by_voice.items():
        for n, score in enumerate(values if isinstance(values, tuple) else (values,)):
            ScaleFactory(map=map_, voice_kind=voice, voice_key=f"person:{voice}{n}", score=score)
    return map_


@pytest.fixture
def maps(organisation, team, other_organisation):
    c1 = case_with_children(organisation, team, children=2)
    scores(c1, date(2025, 11, 1), worker=3, parent=2, caregiver=4, child=5)  # parents: the mean, 3
    scores(c1, date(2026, 2, 1), worker=9)  # a map between the first and the last does not count
    scores(c1, date(2026, 3, 1), worker=6, parent=5, child=5)
    c2 = case_with_children(organisation, team, children=1)
    scores(c2, date(2026, 1, 10), worker=4, network=3)
    scores(c2, date(2026, 5, 1), worker=2, network=7)
    c3 = case_with_children(organisation, team, children=1)  # one map only
    scores(c3, date(2026, 2, 1), worker=1)
    c4 = case_with_children(organisation, team, children=1)  # its last map by the period's end is before it
    scores(c4, date(2025, 1, 1), worker=1)
    scores(c4, date(2025, 6, 1), worker=5)
    scores(c4, date(2026, 8, 1), worker=10)
    c5 = case_with_children(organisation, team)  # another scale than safety on the last map
    scores(c5, date(2026, 1, 5), worker=5)
    last = MapFactory(case=c5, drawn_on=date(2026, 2, 5))
    ScaleFactory(map=last, kind=ScaleKind.WILLINGNESS, score=8)
    foreign = case_with_children(other_organisation, None, children=1)
    scores(foreign, date(2026, 1, 1), worker=0)
    scores(foreign, date(2026, 2, 1), worker=10)


def test_each_voice_moves_from_its_first_to_its_last_score(organisation, maps):
    scope = Scope(organisation.pk)
    assert safety_scale.movements(scope, PERIOD, ["worker"]) == [(-2.0, 1, 1), (3.0, 1, 2)]
    assert safety_scale.movements(scope, PERIOD, ["parent", "caregiver"]) == [(2.0, 1, 2)]
    assert safety_scale.movements(scope, PERIOD, ["network"]) == [(4.0, 1, 1)]
    assert safety_scale.movements(scope, PERIOD, ["child"]) == [(0.0, 1, 2)]


def test_the_table_gives_the_distribution_and_the_median_per_voice(organisation, maps):
    result = safety_scale.compute(Scope(organisation.pk), PERIOD)
    table = {row.cells["group"].value: {k: c.value for k, c in row.cells.items() if k != "group"}
             for row in result.table.rows}
    assert table["down 2 or more"] == {"worker": 1, "parents": 0, "network": 0, "child": 0}
    assert table["no change"] == {"worker": 0, "parents": 0, "network": 0, "child": 1}
    assert table["up 2 to less than 4"] == {"worker": 1, "parents": 1, "network": 0, "child": 0}
    assert table["up 4 or more"] == {"worker": 0, "parents": 0, "network": 1, "child": 0}
    assert table["Cases scored on the first and the last map"] == {"worker": 2, "parents": 1, "network": 1,
                                                                   "child": 1}
    assert table["Children in these cases"] == {"worker": 3, "parents": 2, "network": 1, "child": 2}
    assert table["Median movement (per case)"] == {"worker": 0.5, "parents": 2, "network": 4, "child": 0}
