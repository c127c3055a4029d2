"""24/7 coverage: which periods of the week a plan's rules cover, and the gaps.

A rule declares the periods it applies in as cells of the week ("mon:morning", "sat:night"); the grid is
seven days by four times of day. Holidays and situations ("when father has been drinking") are recorded on
the rule too, but are not cells: they come on top of the week.

Cover means that a safe adult is there: only a rule of the kind "someone safe is there and responsible"
(PRESENCE) covers its periods, and never one kept by a person the plan's worry is about.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIMES = ("morning", "day", "evening", "night")
DAY_LABELS = {"mon": _("Monday"), "tue": _("Tuesday"), "wed": _("Wednesday"), "thu": _("Thursday"),
              "fri": _("Friday"), "sat": _("Saturday"), "sun": _("Sunday")}
TIME_LABELS = {"morning": _("Morning"), "day": _("Day"), "evening": _("Evening"), "night": _("Night")}
CELLS = tuple(f"{day}:{time}" for day in DAYS for time in TIMES)
WEEKDAYS, WEEKEND = DAYS[:5], DAYS[5:]
PRESENCE = "presence"  # the kind of rule that covers periods (models.RuleKind.PRESENCE)


def cells_for(days: Iterable[str], times: Iterable[str]) -> list[str]:
    """The cells of some days at some times, in grid order: cells_for(WEEKDAYS, ["morning"])."""
    wanted_days, wanted_times = set(days), set(times)
    return [cell for cell in CELLS if cell.split(":")[0] in wanted_days and cell.split(":")[1] in wanted_times]


def clean_cells(cells: Iterable[str]) -> list[str]:
    """Known cells, each once, in grid order. Raises ValueError naming an unknown one."""
    # A string is iterable too, but its letters are not cells; and a form or API client may send anything.
    if isinstance(cells, (str, bytes)) or not isinstance(cells, (list, tuple, set, frozenset)):
        raise ValueError(repr(cells)[:40])
    unknown = [cell for cell in cells if not isinstance(cell, str) or cell not in CELLS]
    if unknown:
        raise ValueError(repr(unknown[0])[:40])
    given = set(cells)
    return [cell for cell in CELLS if cell in given]


@dataclass
class Coverage:
    covered: dict[str, list] = field(default_factory=dict)  # cell -> the rules covering it
    # Presence rules kept by a person the worry is about: they name periods but cover none of them.
    not_counted: list = field(default_factory=list)

    @property
    def gaps(self) -> list[str]:
        return [cell for cell in CELLS if not self.covered.get(cell)]

    @property
    def is_complete(self) -> bool:
        return not self.gaps


def coverage(rules: Iterable, worry_about: Collection[int] = ()) -> Coverage:
    """Which rules cover each cell of the week. `rules` need a `kind`, a `periods` list of cells and a
    `responsible_id`; `worry_about` holds the ids of the people the worry is about."""
    result = Coverage({cell: [] for cell in CELLS})
    for rule in rules:
        if rule.kind != PRESENCE:
            continue
        if rule.responsible_id in worry_about:
            result.not_counted.append(rule)
            continue
        for cell in rule.periods or ():
            if cell in result.covered:
                result.covered[cell].append(rule)
    return result


def cell_label(cell: str) -> str:
    day, time = cell.split(":")
    return f"{DAY_LABELS[day]}, {TIME_LABELS[time]}"


def period_labels(periods: list[str]) -> list[str]:
    """A rule's periods in few words: the days that share the same times ("Monday, Tuesday: Morning, Day")."""
    times_by_day: dict[str, list[str]] = {}
    for cell in periods or ():
        day, time = cell.split(":")
        if day in DAY_LABELS and time in TIME_LABELS:
            times_by_day.setdefault(day, []).append(time)
    groups: dict[tuple[str, ...], list[str]] = {}
    for day in DAYS:
        if day in times_by_day:
            groups.setdefault(tuple(t for t in TIMES if t in times_by_day[day]), []).append(day)
    return [f"{', '.join(str(DAY_LABELS[d]) for d in days)}: {', '.join(str(TIME_LABELS[t]) for t in times)}"
            for times, days in groups.items()]
