from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, Max, Q, QuerySet, Sum, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from safehold.audit.models import CHANGES, AuditEvent

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
    return _within(events, since, until).order_by("-at", "-id")


def _within(events: QuerySet[AuditEvent], since: date | None, until: date | None) -> QuerySet[AuditEvent]:
    if since:
        events = events.filter(at__gte=timezone.make_aware(datetime.combine(since, time.min)))
    if until:
        events = events.filter(at__lte=timezone.make_aware(datetime.combine(until, time.max)))
    return events


Action = AuditEvent.Action
REFUSAL_ACTIONS = (Action.REFUSED, Action.LOGIN_FAILED, Action.LOCKOUT, Action.PASSWORD_FAILED)
REFUSAL_ROWS = 200


def refused_access(
    *, organisation_id: int, by: str, since: date | None = None, until: date | None = None,
) -> list[dict]:
    """Refused requests, failed logins, lockouts and wrong passwords, grouped by user (`by="actor_username"`) or
    by client address (`by="client_address"`), the most recent first, in one query: per group the number of
    each, the time of the last and how many addresses (users) it came from. A summary record of a flood
    (audit/refusals.py) counts as the refusals it stands for."""
    other = "client_address" if by == "actor_username" else "actor_username"
    weight = Coalesce(Cast(KT("detail__suppressed"), IntegerField()), Value(1))
    events = _within(AuditEvent.objects.filter(organisation_id=organisation_id, action__in=REFUSAL_ACTIONS),
                     since, until)
    rows = (events.values(by).annotate(
        refused=Coalesce(Sum(weight, filter=Q(action=Action.REFUSED)), 0),
        login_failed=Count("id", filter=Q(action=Action.LOGIN_FAILED)),
        lockouts=Count("id", filter=Q(action=Action.LOCKOUT)),
        password_failed=Count("id", filter=Q(action=Action.PASSWORD_FAILED)),
        last=Max("at"),
        spread=Count(other, distinct=True),
    ).order_by("-last", by))
    return [{**row, "key": row[by]} for row in rows[:REFUSAL_ROWS]]


def case_last_change(*, case_id: int) -> int:
    """The id of the case's newest change record, 0 if none: it moves whenever anything on the case is created,
    changed or deleted, since every service records each change (a cache key for what the case page shows)."""
    last = (AuditEvent.objects.filter(case_id=case_id, action__in=CHANGES).order_by("-id")
            .values_list("id", flat=True).first())
    return last or 0
