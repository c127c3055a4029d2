from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from safehold.audit.models import AuditEvent

if TYPE_CHECKING:  # the audit trail sits below cases; it only names the type
    from safehold.cases.models import Case


def case_access_log(*, case: Case) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(case_id=case.pk).order_by("-at", "-id")


def audit_trail(
    *,
    organisation_id: int,
    actor: int | None = None,
    action: str = "",
    case_reference: str = "",
    channel: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """The organisation's whole trail, filtered. Every filter is backed by an index (see AuditEvent.Meta)."""
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if actor:
        events = events.filter(actor_id=actor)
    if action:
        events = events.filter(action=action)
    if case_reference:
        events = events.filter(case_reference=case_reference.strip())
    if channel:
        events = events.filter(channel=channel)
    if since:
        events = events.filter(at__gte=timezone.make_aware(datetime.combine(since, time.min)))
    if until:
        events = events.filter(at__lte=timezone.make_aware(datetime.combine(until, time.max)))
    return events.order_by("-at", "-id")
