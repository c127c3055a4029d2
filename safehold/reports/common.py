"""Pieces of queries several reports share."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from safehold.cases.models import Case, CaseStatus, PersonRole
from safehold.reports.base import Period


def children(prefix: str = "") -> Count:
    """The children of the cases grouped (a case with three children counts three), each once."""
    return Count(f"{prefix}people", filter=Q(**{f"{prefix}people__role": PersonRole.CHILD}), distinct=True)


def open_on(cases: QuerySet[Case], day: object) -> QuerySet[Case]:
    """The cases open on `day`: opened by then and not closed before it."""
    return cases.filter(opened_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def active_in(cases: QuerySet[Case], period: Period) -> QuerySet[Case]:
    """The cases open at some time in the period."""
    return cases.filter(opened_on__lte=period.end).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))


def still_open(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.exclude(status=CaseStatus.CLOSED)
