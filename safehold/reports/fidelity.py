"""Practice fidelity: how far the work follows Signs of Safety (seeds 003 and 004).

- Danger statements answered by a safety goal: the danger statements on each case's latest map (drawn by the
  period's end) of the cases open in the period; answered when a safety goal on that map answers it.
- Children whose voice was recorded: the children of the cases open on the period's last day; recorded when
  a Three Houses or Fairies and Wizards conversation, or a Safety House, is dated in the three months up to it.
- Size of the safety network: the people in the inner and middle circles on the period's last day, for the
  cases with a safety plan in force at some time in the period; the median over those cases.
- Plans signed by the family: the versions that came into force in the period, signed by a parent or another
  caregiver (a sign-off by the network alone does not count).
- Plans explained to the children: the same versions, of cases with children, whose Words & Pictures story was
  read with the children. A plan explained in words only (its "how the plan is explained to the child") is not
  counted: the stored text does not say whether it happened.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person, PersonRole
from safehold.child_voice.models import Conversation, SafetyHouse, Tool
from safehold.mapping.models import Map
from safehold.network.models import SAFETY_NETWORK, CirclePlacement
from safehold.network.placements import in_force_on
from safehold.reports.base import Cell, Column, Kind, Period, Result, Row, Scope, Table, median, share
from safehold.reports.common import active_in, open_on
from safehold.safety_plans.models import SafetyPlan, SignOff

SLUG = "fidelity"
TITLE = _("Practice fidelity")
DESCRIPTION = _("Danger statements answered by safety goals, children heard, the size of safety networks, and "
                "plans signed by the family and explained to the children.")
USES_PERIOD = True
FOR_CASEWORKERS = False

FAMILY = (PersonRole.PARENT, PersonRole.CAREGIVER)


def three_months_before(day: date) -> date:
    month = day.month - 3
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# The statements, children, networks and plans below reach the cases through `__in` (a semi-join), which never repeats a
# row: their counts need no DISTINCT, whose sort cost a tenth of a second over 100,000 cases.


def danger_statements(scope: Scope, period: Period) -> dict[str, int]:
    # Each case's latest map by a window over its maps, then the counts kept on those maps (mapping.tallies):
    # counting the statements and their goals here took 0.6 s for 100,000 cases on PostgreSQL (bench/reports.py).
    latest = (Map.objects.filter(case__in=active_in(scope.cases(), period).values("pk"), drawn_on__lte=period.end)
              .annotate(newest=Window(RowNumber(), partition_by=F("case"),
                                      order_by=[F("drawn_on").desc(), F("id").desc()]))
              .filter(newest=1))
    counts = latest.aggregate(total=Sum("danger_statement_count"), met=Sum("answered_statement_count"))
    return {name: counts[name] or 0 for name in ("total", "met")}


def children_heard(scope: Scope, period: Period) -> dict[str, int]:
    since = three_months_before(period.end)
    window = {"case": OuterRef("case"), "child": OuterRef("pk")}
    talked = Conversation.objects.filter(**window, held_on__gt=since, held_on__lte=period.end,
                                         tool__in=[Tool.THREE_HOUSES, Tool.FAIRIES_WIZARDS])
    drew = SafetyHouse.objects.filter(**window, drawn_on__gt=since, drawn_on__lte=period.end)
    return (
        Person.objects.filter(role=PersonRole.CHILD, case__in=open_on(scope.cases(), period.end).values("pk"))
        .annotate(heard=Exists(talked) | Exists(drew))
        .aggregate(total=Count("pk"), met=Count("pk", filter=Q(heard=True)))
    )


def network_sizes(scope: Scope, period: Period) -> list[tuple[int, int]]:
    """(size, cases) for each size of the safety network, grouped in the database. The places in force on the
    period's last day are found by their dates (network.placements): finding each person's latest place took 0.4 s
    over 100,000 cases (bench/reports.py)."""
    in_force = SafetyPlan.objects.filter(case=OuterRef("pk"), activated_on__lte=period.end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    placed = (in_force_on(CirclePlacement.objects.filter(case=OuterRef("pk"), circle__in=SAFETY_NETWORK), period.end)
              .order_by().values("case").annotate(n=Count("pk")).values("n"))
    sizes = (Case.objects.filter(Exists(in_force), pk__in=scope.cases().values("pk"))
             .annotate(size=Coalesce(Subquery(placed, output_field=IntegerField()), 0))
             .order_by().values("size").annotate(cases=Count("pk")).order_by("size"))
    return [(row["size"], row["cases"]) for row in sizes]


def plans(scope: Scope, period: Period) -> dict[str, int]:
    signed = SignOff.objects.filter(plan=OuterRef("pk"), person__role__in=FAMILY)
    with_children = Person.objects.filter(case=OuterRef("case"), role=PersonRole.CHILD)
    return (
        SafetyPlan.objects.filter(case__in=scope.cases().values("pk"), activated_on__gte=period.start,
                                  activated_on__lte=period.end)
        .annotate(by_family=Exists(signed), of_children=Exists(with_children))
        .aggregate(total=Count("pk"), signed=Count("pk", filter=Q(by_family=True)),
                   for_children=Count("pk", filter=Q(of_children=True)),
                   explained=Count("pk", filter=Q(of_children=True, story__read_on__isnull=False)))
    )


def compute(scope: Scope, period: Period) -> Result:
    statements, heard, sizes, versions = (danger_statements(scope, period), children_heard(scope, period),
                                          network_sizes(scope, period), plans(scope, period))
    networks = sum(n for _size, n in sizes)
    columns = [
        Column("indicator", _("Indicator"), Kind.LABEL),
        Column("counted", _("Counted")),
        Column("met", _("Of these")),
        Column("share", _("Share"), Kind.SHARE),
        Column("median", _("Median"), Kind.NUMBER),
    ]

    def row(label: str | Promise, total: int, met: int) -> Row:
        return Row({"indicator": Cell.label(label), "counted": Cell.count(total), "met": Cell.count(met),
                    "share": share(met, total), "median": Cell(None, Kind.NUMBER)})

    rows = [
        row(_("Danger statements answered by a safety goal"), statements["total"], statements["met"]),
        row(_("Children whose voice was recorded in the last three months"), heard["total"], heard["met"]),
        row(_("Safety plans signed by the family"), versions["total"], versions["signed"]),
        row(_("Safety plans explained to the children with Words & Pictures"), versions["for_children"],
            versions["explained"]),
        Row({"indicator": Cell.label(_("Size of the safety network (people in the inner and middle circles), "
                                       "cases with a plan in force")),
             "counted": Cell.count(networks), "met": Cell(None), "share": Cell(None, Kind.SHARE),
             "median": Cell(median(sizes), Kind.NUMBER, (networks,))}, charted=False),
    ]
    return Result(
        table=Table(_("Practice fidelity"), columns, rows),
        chart_columns=["share"],
        notes=[
            _("Danger statements: those on each case's latest map up to the end of the period, of the cases open "
              "in the period."),
            _("Children: those of the cases open on the last day of the period; heard when a Three Houses or "
              "Fairies and Wizards conversation or a Safety House is dated in the three months up to that day."),
            _("Plans: the versions that came into force in the period. Signed by the family means signed by a "
              "parent or another caregiver. Explained to the children means that the plan's Words & Pictures "
              "story was read with them: an explanation in words alone is not recorded as having happened."),
            _("Safety network: the people in the inner and middle circles on the last day of the period, for the "
              "cases with a safety plan in force at some time in the period."),
        ],
    )
