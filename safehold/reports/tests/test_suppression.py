"""The publication rule at its edges, and how cells and medians are written."""

from __future__ import annotations

import pytest
from django.utils import translation

from safehold.reports.base import Cell, Kind, median, share
from safehold.reports.suppression import SUPPRESSED, is_suppressed, publishable


@pytest.mark.parametrize(("count", "suppressed"), [(0, True), (1, True), (4, True), (5, False), (6, False)])
def test_counts_under_five_are_suppressed(count, suppressed):
    assert is_suppressed(count) is suppressed


def test_a_figure_is_publishable_only_when_every_count_it_is_made_of_is():
    assert publishable((5, 120))
    assert not publishable((4, 120))
    assert publishable(())


@pytest.mark.parametrize(("count", "published"), [(0, SUPPRESSED), (4, SUPPRESSED), (5, 5)])
def test_a_count_shows_as_under_five_only_for_publication(count, published):
    cell = Cell.count(count)
    assert cell.data(publication=True) == published
    assert cell.data(publication=False) == count  # the working view is exact
    assert cell.text(publication=False) == str(count)


def test_a_share_of_a_small_count_is_hidden_too():
    assert share(3, 200).data(publication=True) == SUPPRESSED
    assert share(5, 200).data(publication=True) == 0.025
    assert share(5, 200).data(publication=False) == 0.025


def test_a_label_is_never_suppressed():
    assert Cell.label("ASD Nord").text(publication=True) == "ASD Nord"


def test_cells_are_written_in_the_readers_language():
    with translation.override("de"):
        assert share(1, 3).text(publication=False) == "33 %"
        assert Cell(1.5, Kind.MOVEMENT, (9,)).text(publication=False) == "+1,5"
        assert Cell(-2.0, Kind.MOVEMENT, (9,)).text(publication=False) == "-2"
        assert Cell(None, Kind.DAYS).text(publication=False) == "–"


@pytest.mark.parametrize(("histogram", "expected"), [
    ([], None),
    ([(7, 1)], 7),
    ([(1, 1), (3, 1)], 2),
    ([(1, 2), (10, 1)], 1),
    ([(10, 1), (1, 1), (4, 2)], 4),
    ([(2, 0), (5, 3)], 5),
])
def test_the_median_is_taken_from_the_groups(histogram, expected):
    assert median(histogram) == expected
