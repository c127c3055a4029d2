"""The week's grid: seven days by four times of day, which rules cover each cell, and the gaps."""

from types import SimpleNamespace

import pytest

from safehold.safety_plans.coverage import CELLS, WEEKDAYS, WEEKEND, cell_label, cells_for, clean_cells, coverage


def rule(*periods: str, kind: str = "presence", responsible_id: int = 1) -> SimpleNamespace:
    return SimpleNamespace(periods=list(periods), kind=kind, responsible_id=responsible_id)


def test_the_week_has_28_cells_from_monday_morning_to_sunday_night():
    assert len(CELLS) == 28
    assert (CELLS[0], CELLS[-1]) == ("mon:morning", "sun:night")


def test_cells_for_gives_the_cells_of_some_days_at_some_times_in_grid_order():
    assert cells_for(WEEKEND, ["night", "morning"]) == ["sat:morning", "sat:night", "sun:morning", "sun:night"]
    assert len(cells_for(WEEKDAYS, ["day"])) == 5


def test_a_plan_without_rules_leaves_the_whole_week_uncovered():
    result = coverage([])
    assert result.gaps == list(CELLS)
    assert not result.is_complete


def test_coverage_lists_the_rules_covering_each_cell_and_the_gaps_in_grid_order():
    mornings, nights = rule(*cells_for(WEEKDAYS, ["morning"])), rule("sun:night", "mon:morning")
    result = coverage([mornings, nights])
    assert result.covered["mon:morning"] == [mornings, nights]
    assert result.covered["sun:night"] == [nights]
    assert result.gaps[:3] == ["mon:day", "mon:evening", "mon:night"]
    assert len(result.gaps) == 28 - 6


def test_rules_covering_every_cell_complete_the_week():
    assert coverage([rule(*cells_for(WEEKDAYS, ["morning", "day", "evening", "night"])),
                     rule(*cells_for(WEEKEND, ["morning", "day", "evening", "night"]))]).is_complete


def test_a_rule_for_a_situation_only_covers_no_cell():
    assert coverage([SimpleNamespace(periods=None, kind="presence", responsible_id=1)]).gaps == list(CELLS)


@pytest.mark.parametrize("kind", ["if_then", "check", "other"])
def test_only_someone_safe_being_there_covers_periods(kind):
    """An if-then rule ("if he has been drinking, he leaves") names periods but keeps no safe adult there."""
    result = coverage([rule(*CELLS, kind=kind)])
    assert result.gaps == list(CELLS)
    assert result.not_counted == []


def test_a_presence_rule_of_a_person_the_worry_is_about_covers_nothing_and_is_named():
    father, grandma = rule(*CELLS, responsible_id=7), rule("mon:morning", responsible_id=8)
    result = coverage([father, grandma], worry_about={7})
    assert result.not_counted == [father]
    assert result.covered["mon:morning"] == [grandma]
    assert len(result.gaps) == 27


def test_clean_cells_keeps_each_known_cell_once_in_grid_order():
    assert clean_cells(["sun:night", "mon:day", "sun:night"]) == ["mon:day", "sun:night"]
    assert clean_cells([]) == []


@pytest.mark.parametrize("sent", [
    ["mon:lunch"], ["Mon:morning"], "mon:morning", [1, "mon:day"], [["mon:day"]], [None], 5, {"mon": "day"},
])
def test_clean_cells_refuses_anything_but_a_list_of_known_cells_with_value_error(sent):
    with pytest.raises(ValueError):
        clean_cells(sent)


def test_a_cell_has_a_label_for_people():
    assert str(cell_label("sat:evening")) == "Saturday, Evening"


def test_a_grid_cell_shows_two_names_cut_with_an_ellipsis_and_how_many_more():
    from safehold.safety_plans.grid import GridCell

    cell = GridCell(cell="mon:morning", label="Monday, Morning", x=0, y=0,
                    who=["Ruth", "Maximiliane Oberholzer-Schmidt", "Peter", "Anna"])
    assert cell.lines == ["Ruth", "Maximiliane Obe…", "+2"]
    assert len(cell.lines[1]) == 16
