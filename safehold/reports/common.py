"""Pieces of queries several reports share."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from safehold.cases.models import Case, CaseStatus, Person, PersonRole
from safehold.reports.base import Period


def children(prefix: str = "") -> Count:
    """The children of the cases grouped (a case with three children counts three), each once."""
    return Count(f"{prefix}people", filter=Q(**{f"{prefix}people__role": PersonRole.CHILD}), distinct=True)


def child_count() -> Coalesce:
    """The number of children of the case (`OuterRef("pk")`), as a subquery: for a query with one row per case,
    where joining the people would multiply the rows."""
    counted = (Person.objects.filter(case=OuterRef("pk"), role=PersonRole.CHILD).order_by().values("case")
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def open_on(cases: QuerySet[Case], day: object) -> QuerySet[Case]:
    """The cases open on `day`: opened by then and not closed before it."""
    return cases.filter(opened_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def active_in(cases: QuerySet[Case], period: Period) -> QuerySet[Case]:
    """The cases open at some time in the period."""
    return cases.filter(opened_on__lte=period.end).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))


def still_open(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.exclude(status=CaseStatus.CLOSED)
