"""The scaling chart: how each voice's score moved from map to map, drawn as SVG on the server so that it
prints, exports and needs no script. Voices differ by colour and by marker shape, for those who cannot tell
the colours apart; the template adds the same figures as a table."""

from __future__ import annotations

from dataclasses import dataclass

from safehold.mapping.history import History

# Distinguishable for common colour-vision deficiencies and with 4.5:1 contrast on white.
PALETTE = ["#0b5cab", "#b8410f", "#1b7a3a", "#7a2e8c", "#8a6100", "#00707a", "#a3154b", "#4a4a4a"]
MARKERS = ["circle", "square", "triangle", "diamond"]

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 20, 14, 40


@dataclass
class ChartPoint:
    x: float
    y: float
    score: int
    date: object
    reason: str

    @property
    def square_x(self) -> str:
        return f"{self.x - 6:.1f}"

    @property
    def square_y(self) -> str:
        return f"{self.y - 6:.1f}"

    @property
    def triangle(self) -> str:
        return f"{self.x:.1f},{self.y - 6:.1f} {self.x - 6:.1f},{self.y + 5:.1f} {self.x + 6:.1f},{self.y + 5:.1f}"

    @property
    def diamond(self) -> str:
        return f"{self.x:.1f},{self.y - 7:.1f} {self.x + 7:.1f},{self.y:.1f} {self.x:.1f},{self.y + 7:.1f} " \
               f"{self.x - 7:.1f},{self.y:.1f}"


@dataclass
class ChartLine:
    label: str
    colour: str
    marker: str
    points: list[ChartPoint]
    cells: list[int | None]  # the score on each map, for the table under the chart

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass
class Chart:
    kind: str
    width: int
    height: int
    lines: list[ChartLine]
    x_ticks: list[tuple[float, object]]  # (x, date of the map)
    y_ticks: list[tuple[float, int]]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    maps: list

    @property
    def y_label_x(self) -> int:
        return self.plot_left - 8

    @property
    def x_label_y(self) -> int:
        return self.plot_bottom + 22


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    if count <= 1:
        return LEFT + span / 2
    return LEFT + span * index / (count - 1)


def _y(score: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - score) / 10


def scaling_chart(history: History, kind: str) -> Chart | None:
    """The chart of one scale, or None when nobody has scored it yet."""
    series = history.of(kind)
    if not series:
        return None
    count = len(history.maps)
    lines = []
    for n, s in enumerate(series):
        points = [ChartPoint(_x(p.index, count), _y(p.score), p.score, p.map.drawn_on, p.reason) for p in s.points]
        cells: list[int | None] = [None] * count
        for p in s.points:
            cells[p.index] = p.score
        lines.append(ChartLine(s.label, PALETTE[n % len(PALETTE)], MARKERS[n % len(MARKERS)], points, cells))
    return Chart(
        kind=kind, width=WIDTH, height=HEIGHT, lines=lines,
        x_ticks=[(_x(i, count), m.drawn_on) for i, m in enumerate(history.maps)],
        y_ticks=[(_y(v), v) for v in range(0, 11, 2)],
        plot_left=LEFT, plot_right=WIDTH - RIGHT, plot_top=TOP, plot_bottom=HEIGHT - BOTTOM, maps=history.maps,
    )
