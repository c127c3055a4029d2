"""Reads of the retention rules: an organisation's rules, and the closed cases whose time has come."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from django.db.models import QuerySet

from safehold.cases.models import Case, CaseStatus
from safehold.retention.models import RetentionRules


def retention_rules(*, organisation_id: int) -> RetentionRules:
    """The organisation's rules; unsaved and empty (keep everything) if it has never set any."""
    found = RetentionRules.objects.filter(organisation_id=organisation_id).first()
    return found or RetentionRules(organisation_id=organisation_id)


def organisations_with_rules(*, organisation_id: int | None = None) -> QuerySet[RetentionRules]:
    rules = RetentionRules.objects.exclude(closed_case_years__isnull=True, audit_years__isnull=True)
    if organisation_id is not None:
        rules = rules.filter(organisation_id=organisation_id)
    return rules.select_related("organisation").order_by("organisation_id")


Moment = TypeVar("Moment", date, datetime)


def years_before(moment: Moment, years: int) -> Moment:
    """The same day `years` years earlier; 29 February becomes the 28th in a year without it."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def cases_due(*, organisation_id: int, cutoff: date) -> QuerySet[Case]:
    """The organisation's closed cases closed before `cutoff`, oldest first. A reopened case is open (its
    closing date is cleared), so it is never among them."""
    return (Case.objects.filter(organisation_id=organisation_id, status=CaseStatus.CLOSED, closed_on__lt=cutoff)
            .order_by("closed_on", "id"))
