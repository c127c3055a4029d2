"""The reports through the API: the filter every report takes and the shape every report answers in."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema


class ReportQuery(Schema):
    """The filter. Checked by the same form as the pages' (reports/forms.py): a bad one answers 400 with the
    message on its field (`from`, `to`, `team`)."""

    from_: str | None = Field(None, alias="from", description="The period's first day (YYYY-MM-DD); the default "
                                                              "is twelve months before `to`.")
    to: str | None = Field(None, description="The period's last day (YYYY-MM-DD); the default is today.")
    team: str | None = Field(None, description="A team's id; none: everything the token's user may see.")
    publication: str | None = Field(None, description="`true` shows counts under 5, and figures made from them, "
                                                      "as \"< 5\".")


class ReportPeriod(Schema):
    start: date
    end: date


class ReportTeam(Schema):
    id: int
    name: str


class ReportColumn(Schema):
    key: str
    label: str
    kind: str = Field(..., description="label, count, days, share (0 to 1), number or movement")


class ReportOut(Schema):
    slug: str
    title: str
    period: ReportPeriod | None = Field(..., description="None for a report of today's figures.")
    team: ReportTeam | None
    publication: bool
    caption: str
    columns: list[ReportColumn]
    rows: list[dict[str, int | float | str | None]] = Field(
        ..., description="One object per row of the table, by column key; \"< 5\" where publication hides a figure.")
    notes: list[str] = Field(..., description="How the figures are counted.")
