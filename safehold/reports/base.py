"""What a report is: a module that declares its title, the filter it takes, the query behind its figures and the
table its chart and CSV are drawn from. `registry.REPORTS` lists them; the pages and the API serve every one the
same way (views.py, api/routers/reports.py), so a new report is one more module and one more line there.

A report computes its figures in the database with aggregates, in a fixed number of queries whatever the
number of cases: it groups and counts there, and Python only walks the groups (days, scores, teams), never the
cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.functional import Promise

from safehold.cases.models import Case
from safehold.reports.suppression import SUPPRESSED, publishable

Number = int | float


class Kind:
    """What a cell holds, which decides how it is written."""

    LABEL = "label"  # a row's name
    COUNT = "count"  # a number of cases, children, plans…
    DAYS = "days"  # a number of days (a median)
    SHARE = "share"  # a proportion from 0 to 1, written as a percentage
    NUMBER = "number"  # any other figure (a median score, a median size)
    MOVEMENT = "movement"  # a change on a scale, written with its sign


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Scope:
    """Whose data a report counts: always one organisation; one or some of its teams, or all of it (`team_ids`
    None: the cases without a team too); or only the cases one worker is assigned to (`worker_id`)."""

    organisation_id: int
    team_ids: frozenset[int] | None = None
    worker_id: int | None = None

    def cases(self) -> QuerySet[Case]:
        """Every case the report may count. Every report's query starts here, so none can reach past the
        organisation."""
        cases = Case.objects.filter(organisation_id=self.organisation_id)
        if self.team_ids is not None:
            cases = cases.filter(team_id__in=self.team_ids)
        if self.worker_id is not None:
            cases = cases.filter(assignments__user_id=self.worker_id)
        return cases


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: str = Kind.COUNT


@dataclass(frozen=True)
class Cell:
    """One figure, with the counts it is made of (`base`): in publication, any of them under 5 hides it."""

    value: Number | str | None
    kind: str = Kind.COUNT
    base: tuple[int, ...] = ()

    @classmethod
    def count(cls, n: int) -> Cell:
        return cls(n, Kind.COUNT, (n,))

    @classmethod
    def label(cls, text: str | Promise) -> Cell:
        return cls(str(text), Kind.LABEL)

    def hidden(self, publication: bool) -> bool:
        return publication and self.kind != Kind.LABEL and not publishable(self.base)

    def text(self, publication: bool) -> str:
        """As the page shows it, in the reader's language."""
        if self.hidden(publication):
            return SUPPRESSED
        if self.value is None:
            return "–"
        if self.kind == Kind.SHARE:
            return f"{number_format(round(float(self.value) * 100))} %"
        if self.kind == Kind.MOVEMENT:
            value = float(self.value)
            return ("+" if value > 0 else "") + number_format(value, decimal_pos=0 if value == int(value) else 1)
        if self.kind in (Kind.NUMBER, Kind.DAYS) and isinstance(self.value, float):
            return number_format(self.value, decimal_pos=0 if self.value == int(self.value) else 1)
        return str(self.value)

    def data(self, publication: bool) -> Number | str | None:
        """As the CSV and the API give it: plain numbers (a share from 0 to 1), or "< 5"."""
        if self.hidden(publication):
            return SUPPRESSED
        if self.kind == Kind.SHARE and self.value is not None:
            return round(float(self.value), 4)
        return self.value

    def magnitude(self) -> float | None:
        """The bar's length in the chart."""
        return float(self.value) if isinstance(self.value, int | float) else None


@dataclass(frozen=True)
class Row:
    cells: dict[str, Cell]
    charted: bool = True  # a summary row (a median, a total) stays out of the chart


@dataclass(frozen=True)
class Table:
    caption: str | Promise
    columns: Sequence[Column]
    rows: Sequence[Row]


@dataclass
class Result:
    table: Table
    chart_columns: Sequence[str]  # which columns the chart draws, one bar per row and column
    notes: list[str | Promise] = field(default_factory=list)


class Report(Protocol):
    """A report module (`safehold/reports/<name>.py`) has these names."""

    # Read-only members, so that a module's lazily translated TITLE fits `str | Promise`.
    @property
    def SLUG(self) -> str: ...

    @property
    def TITLE(self) -> str | Promise: ...

    @property
    def DESCRIPTION(self) -> str | Promise: ...

    @property
    def USES_PERIOD(self) -> bool: ...  # False: the figures are of today, no period is offered

    @property
    def FOR_CASEWORKERS(self) -> bool: ...  # True: a caseworker sees it, for their own caseload

    def compute(self, scope: Scope, period: Period) -> Result: ...


def median(histogram: Iterable[tuple[Number, int]]) -> float | None:
    """The median of values given as (value, how many times): the groups a query returns, never the rows."""
    groups = sorted((value, n) for value, n in histogram if n)
    total = sum(n for _value, n in groups)
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # the middle one, or the two middle ones
    found: list[float] = []
    seen = 0
    for value, n in groups:
        while wanted and wanted[0] < seen + n:
            found.append(float(value))
            wanted.pop(0)
        seen += n
    return sum(found) / len(found)


def share(part: int, whole: int) -> Cell:
    return Cell(part / whole if whole else None, Kind.SHARE, (part, whole))
