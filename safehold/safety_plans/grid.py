"""The week as a picture: who covers each period, and the gaps, laid out for the SVG grid on the plan page
(`partials/_coverage.html`). Geometry only; the covering itself is coverage.py's."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from safehold.safety_plans.coverage import CELLS, DAY_LABELS, DAYS, TIME_LABELS, TIMES, cell_label, coverage
from safehold.safety_plans.models import Rule

CELL_W, CELL_H, LABEL_W, HEAD_H = 110, 56, 90, 30
NAME_FITS = 16  # characters of a name a cell shows


@dataclass
class GridCell:
    cell: str
    label: str
    who: list[str]
    x: int
    y: int

    @property
    def is_gap(self) -> bool:
        return not self.who

    @property
    def text_x(self) -> int:
        return self.x + CELL_W // 2

    @property
    def lines(self) -> list[str]:
        """What fits in the cell: two names, then how many more. A name cut short ends in "…" (the cell's
        title holds them whole)."""
        first = [name if len(name) <= NAME_FITS else name[:NAME_FITS - 1] + "…" for name in self.who[:2]]
        return first + ([f"+{len(self.who) - 2}"] if len(self.who) > 2 else [])


@dataclass
class CoverageGrid:
    cells: list[GridCell]
    gaps: list[str]
    not_counted: list[Rule]  # presence rules of a person the worry is about
    width: int = LABEL_W + 7 * CELL_W
    height: int = HEAD_H + 4 * CELL_H
    columns: list[tuple[int, str]] = field(default_factory=list)  # (x of the middle, day)
    rows: list[tuple[int, str, list[GridCell]]] = field(default_factory=list)  # (y of the middle, time, cells)


def coverage_grid(rules: list[Rule], worry_about: Collection[int] = ()) -> CoverageGrid:
    """The week as an SVG grid: who is there in each period (the safe adults of presence rules), and the gaps.
    From rules already loaded (with who is responsible); `worry_about`: the ids of the people the worry is
    about, never shown as cover."""
    result = coverage(rules, worry_about)
    cells = []
    for cell in CELLS:
        day, time = cell.split(":")
        names = list(dict.fromkeys(r.responsible.full_name for r in result.covered[cell]))
        cells.append(GridCell(cell=cell, label=cell_label(cell), who=names,
                              x=LABEL_W + DAYS.index(day) * CELL_W, y=HEAD_H + TIMES.index(time) * CELL_H))
    by_cell = {c.cell: c for c in cells}
    return CoverageGrid(
        cells=cells, gaps=[cell_label(cell) for cell in result.gaps], not_counted=result.not_counted,
        columns=[(LABEL_W + i * CELL_W + CELL_W // 2, str(DAY_LABELS[day])) for i, day in enumerate(DAYS)],
        rows=[(HEAD_H + i * CELL_H + CELL_H // 2, str(TIME_LABELS[time]),
               [by_cell[f"{day}:{time}"] for day in DAYS]) for i, time in enumerate(TIMES)],
    )
