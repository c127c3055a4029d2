"""Unmet needs (seed 001, issue 16): the referrals that found no offer, were refused by the provider or waited too
long for a place, by district, kind of need, language and month: the evidence for planning structural prevention.

Counted are the referrals of the scope's cases (`Scope.cases()`) with at least one of three reasons in the period:

- No suitable offer: the referral was recorded as "no suitable offer exists" on a day in the period (its
  NO_OFFER step, or, for a referral written without its steps, its status NO_OFFER since a day in the period). A
  referral that later found an offer still counts in the period it found none.
- Refused by the provider: its REFUSED step (or status) is dated in the period.
- Waited longer than `WAIT_WEEKS` weeks: the wait runs from the referral's WAITING step to the step that ends it
  (started, declined or refused; without such a step, the day of the referral's later status). It counts when
  the wait ended in the period after more than six weeks, or when at the period's end the referral had been
  waiting for more than six weeks and was still waiting. Six weeks is a constant: a report takes no parameter
  beyond the common filter (period, team, publication).

A referral with two reasons (refused after a long wait) counts in both columns and once in "referrals". People
are the persons referred, families the cases, each counted once per row.

The table (a report has one, `base.Result`): one row per district with referrals counted ("no district" last, for
those without one) with a column per reason, then the total; these rows are the chart. Below them, not charted,
the same figures by kind of need and by language (only the kinds and languages that occur) and by month (by year
for a period of more than two years). In a month the waits are those past six weeks at the month's end or ending
in it, so a long wait counts in each month it lasts: the months add up to the period for the other two reasons,
not for waits.

Four queries whatever the number of referrals: three grouped counts, and the totals with the months.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, DateField, F, FilteredRelation, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table
from safehold.reports.sql import DaysBetween
from safehold.resources.clusters import language_name
from safehold.resources.models import OfferKind, Referral, ReferralStatus

SLUG = "unmet-needs"
TITLE = _("Unmet needs")
DESCRIPTION = _("Referrals that found no suitable offer, were refused by the provider or waited longer than six "
                "weeks, by district, kind of need, language and month: the evidence for planning prevention.")
USES_PERIOD = True
FOR_CASEWORKERS = False

WAIT_WEEKS = 6
WAIT_DAYS = WAIT_WEEKS * 7
MONTHS_SHOWN = 24  # a longer period is given by year, so that the table stays readable

REASONS = ("no_offer", "refused", "waited")
FIGURES = (*REASONS, "referrals", "people", "families")

# The steps the report reads, each joined once. A referral passes each status at most once (no transition in
# models.REFERRAL_TRANSITIONS leads back to one of these), so the joins never repeat a referral; joins rather than
# subqueries, because the months' counts name these days hundreds of times in one query.
STEPS = {"no_offer": ReferralStatus.NO_OFFER, "refused": ReferralStatus.REFUSED, "waiting": ReferralStatus.WAITING,
         "started": ReferralStatus.STARTED, "declined": ReferralStatus.DECLINED}
# Where a referral written without its steps (an import, old data) stands after a wait.
AFTER_WAIT = (ReferralStatus.STARTED, ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.REFUSED)


def _on_or_since(step: str, statuses: tuple[str, ...]) -> Coalesce:
    """The day of the referral's `step`, or, if no such step was written, the day it has been in one of
    `statuses`."""
    return Coalesce(F(f"step_{step}__on"), Case(When(status__in=statuses, then=F("status_on"))),
                    output_field=DateField())


def referrals(scope: Scope, period: Period) -> QuerySet[Referral]:
    """The scope's referrals with their reasons' days, those with any reason in the period only. A wait ends with
    the step after it: started, declined or refused (the only ones that follow it)."""
    steps = {f"step_{step}": FilteredRelation("events", condition=Q(events__status=status))
             for step, status in STEPS.items()}
    return (Referral.objects.filter(case__in=scope.cases().values("pk")).order_by()
            .annotate(**steps)
            .annotate(no_offer_on=_on_or_since("no_offer", (ReferralStatus.NO_OFFER,)),
                      refused_on=_on_or_since("refused", (ReferralStatus.REFUSED,)),
                      waiting_from=_on_or_since("waiting", (ReferralStatus.WAITING,)),
                      wait_ended_on=Coalesce(F("step_started__on"), F("step_declined__on"), F("step_refused__on"),
                                             Case(When(step_waiting__isnull=False, status__in=AFTER_WAIT,
                                                       then=F("status_on"))),
                                             output_field=DateField()))
            .annotate(waited_days=DaysBetween(F("wait_ended_on"), F("waiting_from")))
            .filter(any_reason(period)))


def reason(key: str, period: Period) -> Q:
    """The referrals with reason `key` in `period`, as a filter on the annotations of `referrals`."""
    if key == "no_offer":
        return Q(no_offer_on__gte=period.start, no_offer_on__lte=period.end)
    if key == "refused":
        return Q(refused_on__gte=period.start, refused_on__lte=period.end)
    still_waiting = (Q(waiting_from__lt=period.end - timedelta(days=WAIT_DAYS))
                     & (Q(wait_ended_on__isnull=True) | Q(wait_ended_on__gt=period.end)))
    ended_late = Q(wait_ended_on__gte=period.start, wait_ended_on__lte=period.end, waited_days__gt=WAIT_DAYS)
    return still_waiting | ended_late


def any_reason(period: Period) -> Q:
    return reason("no_offer", period) | reason("refused", period) | reason("waited", period)


def _counts(period: Period, suffix: str = "") -> dict[str, Count]:
    """The aggregates of FIGURES for `period`, named with `suffix`. Each referral, person and case once."""
    every = any_reason(period)
    return {
        **{f"{key}{suffix}": Count("pk", filter=reason(key, period)) for key in REASONS},
        f"referrals{suffix}": Count("pk", filter=every),
        f"people{suffix}": Count("person", filter=every, distinct=True),
        f"families{suffix}": Count("case", filter=every, distinct=True),
    }


def grouped(scope: Scope, period: Period, field: str) -> dict[Any, dict[str, int]]:
    """FIGURES per value of `field` (kind of need, language): one query, grouped in the database."""
    rows = referrals(scope, period).values(field).annotate(**_counts(period)).order_by(field)
    return {row[field]: _figures(row) for row in rows}


def by_district(scope: Scope, period: Period) -> list[tuple[str | None, dict[str, int]]]:
    """(district name, FIGURES) per district with referrals counted, in the districts' order, "no district"
    (None) last: one query."""
    rows = (referrals(scope, period).values("district_id", "district__name", "district__position")
            .annotate(**_counts(period)).order_by(F("district__position").asc(nulls_last=True), "district__name"))
    return [(row["district__name"], _figures(row)) for row in rows]


def _figures(row: Mapping[str, Any]) -> dict[str, int]:
    return {key: row[key] for key in FIGURES}


def by_year(period: Period) -> bool:
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month >= MONTHS_SHOWN


def spans(period: Period) -> list[tuple[str, Period]]:
    """The months of the period (years for a long one), cut to the period, with their labels."""
    yearly = by_year(period)
    found: list[tuple[str, Period]] = []
    start = period.start
    while start <= period.end:
        if yearly:
            after = date(start.year + 1, 1, 1)
            label = str(start.year)
        else:
            after = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            label = formats.date_format(start, "YEAR_MONTH_FORMAT")
        found.append((label, Period(start, min(after - timedelta(days=1), period.end))))
        start = after
    return found


def over_time(scope: Scope, period: Period) -> tuple[dict[str, int], list[tuple[str, dict[str, int]]]]:
    """The totals of the period and FIGURES per month (or year): one query."""
    parts = spans(period)
    aggregates = _counts(period)
    for at, (_label, part) in enumerate(parts):
        aggregates.update(_counts(part, f"_{at}"))
    found = referrals(scope, period).distinct().aggregate(**aggregates)
    totals = {key: found[key] for key in FIGURES}
    return totals, [(label, {key: found[f"{key}_{at}"] for key in FIGURES}) for at, (label, _p) in enumerate(parts)]


def compute(scope: Scope, period: Period) -> Result:
    districts = by_district(scope, period)
    by_kind = grouped(scope, period, "need_kind")
    by_language = grouped(scope, period, "language")
    totals, months = over_time(scope, period)
    columns = [
        Column("group", _("District"), Kind.LABEL),
        Column("no_offer", _("No suitable offer")),
        Column("refused", _("Refused by the provider")),
        Column("waited", ngettext("Waited longer than %(weeks)d week", "Waited longer than %(weeks)d weeks",
                                  WAIT_WEEKS) % {"weeks": WAIT_WEEKS}),
        Column("referrals", _("Referrals, in all")),
        Column("people", _("People")),
        Column("families", _("Families")),
    ]

    def row(label: str, figures: Mapping[str, int], *, charted: bool = True) -> Row:
        return Row({"group": Cell.label(label), **{key: Cell.count(figures[key]) for key in FIGURES}},
                   charted=charted)

    def section(prefix: str, labelled: Iterable[tuple[str, Mapping[str, int]]]) -> list[Row]:
        return [row(f"{prefix}: {label}", figures, charted=False) for label, figures in labelled]

    kinds = [(str(kind.label), by_kind[kind.value]) for kind in OfferKind if kind.value in by_kind]
    languages = [(language_name(code), by_language[code]) for code in sorted(by_language, key=lambda c: (not c, c))]
    rows = [
        *(row(gettext("No district") if name is None else name, found) for name, found in districts),
        row(gettext("Total"), totals, charted=False),
        *section(gettext("Kind of need"), kinds),
        *section(gettext("Language"), languages),
        *section(gettext("Year") if by_year(period) else gettext("Month"), months),
    ]
    return Result(
        table=Table(_("Referrals with an unmet need by district, then by kind of need, language and month"),
                    columns, rows),
        chart_columns=list(REASONS),
        notes=[
            _("Counted are the referrals of the cases in the report that, in the period, were recorded as \"no "
              "suitable offer exists\", were refused by the provider, or waited for a place longer than six weeks."),
            _("A wait runs from the step \"waiting for a place\" to the step that ends it (started, declined or "
              "refused). It counts when it ended in the period after more than six weeks, or when at the end of the "
              "period the referral had been waiting for more than six weeks. Six weeks is fixed."),
            _("A referral with two reasons counts in both columns and once in \"Referrals, in all\". People are "
              "the persons referred and families the cases, each once per row."),
            _("Below the districts, not in the chart: the same figures by kind of need, by the language the help "
              "was needed in, and by month (by year for periods longer than two years). In a month, the waits are "
              "those longer than six weeks at its end or ending in it, so a long wait counts in each month it "
              "lasts."),
        ],
    )
