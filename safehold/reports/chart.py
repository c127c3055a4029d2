"""A report's chart: horizontal bars drawn server-side as SVG from the same table the page and the CSV show
(geometry here, text escaped by the template), with a title and a description for screen readers. In
publication a hidden figure draws no bar, only its "< 5"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from safehold.reports.base import Kind, Result

WIDTH = 720
LABEL_WIDTH = 230
VALUE_WIDTH = 70
BAR = 16
GAP = 4
GROUP_GAP = 14
LEGEND = 28
LABEL_CHARS = 34
COLOURS = ("#0b5394", "#b45f06", "#1b7a3a", "#7a1b6b")


@dataclass
class Bar:
    x: float
    y: float
    width: float
    colour: str
    text: str
    text_x: float
    text_y: float
    title: str


@dataclass
class Category:
    y: float
    label: str
    title: str


@dataclass
class Legend:
    x: float
    colour: str
    label: str

    @property
    def text_x(self) -> float:
        return round(self.x + 16, 1)


@dataclass
class Chart:
    ident: str
    title: str
    description: str
    width: int = WIDTH
    height: int = 0
    bar_height: int = BAR
    bars: list[Bar] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    legend: list[Legend] = field(default_factory=list)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def chart(result: Result, *, ident: str, title: str, publication: bool) -> Chart:
    table = result.table
    columns = {c.key: c for c in table.columns}
    series = [columns[key] for key in result.chart_columns]
    label_key = table.columns[0].key
    rows = [row for row in table.rows if row.charted]
    shares = all(c.kind == Kind.SHARE for c in series)
    values = [row.cells[c.key].magnitude() or 0.0 for row in rows for c in series]
    top = 1.0 if shares else max([*values, 1.0])
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    drawn = Chart(ident=ident, title=title, description=_(
        "Bar chart of %(what)s. The table below gives the same figures.") % {"what": str(table.caption)})
    y: float = LEGEND if len(series) > 1 else 8
    if len(series) > 1:
        step = (plot + VALUE_WIDTH) / len(series)
        drawn.legend = [Legend(round(LABEL_WIDTH + i * step, 1), COLOURS[i % len(COLOURS)], _short(str(c.label)))
                        for i, c in enumerate(series)]
    for row in rows:
        label = str(row.cells[label_key].value)
        group_top = y
        for i, column in enumerate(series):
            cell = row.cells[column.key]
            text = cell.text(publication)
            length = 0.0 if cell.hidden(publication) else plot * (cell.magnitude() or 0.0) / top
            drawn.bars.append(Bar(x=LABEL_WIDTH, y=y, width=round(length, 1), colour=COLOURS[i % len(COLOURS)],
                                  text=text, text_x=round(LABEL_WIDTH + length + 6, 1), text_y=y + 12,
                                  title=f"{label}, {column.label}: {text}"))
            y += BAR + GAP
        drawn.categories.append(Category(y=round((group_top + y - GAP) / 2 + 4, 1), label=_short(label), title=label))
        y += GROUP_GAP
    drawn.height = int(y) + 4
    return drawn


def chart_svg(drawn: Chart) -> SafeString:
    return render_to_string("reports/svg/bars.svg", {"c": drawn})
