"""Writing the audit trail. Called by the services that touch case data, inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models

from safehold.audit.chain import chain_insert
from safehold.audit.context import current_origin
from safehold.audit.models import AuditEvent

if TYPE_CHECKING:  # the recorder sits below accounts and cases; it only names their types
    from safehold.accounts.models import User
    from safehold.cases.models import Case

Action = AuditEvent.Action


def audit_record(
    *,
    actor: User | None,
    action: str,
    case: Case | None = None,
    obj: models.Model | None = None,
    changed_fields: Iterable[str] = (),
    organisation_id: int | None = None,
    object_type: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    origin = current_origin()
    target = obj if obj is not None else case
    if organisation_id is None:
        organisation_id = getattr(case, "organisation_id", None) or getattr(actor, "organisation_id", None)
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "",
        organisation_id=organisation_id,
        action=action,
        case=case,
        case_reference=getattr(case, "reference", "") if case is not None else "",
        object_type=object_type or (target._meta.label_lower if target is not None else ""),
        object_id=str(target.pk) if target is not None else "",
        changed_fields=sorted(changed_fields),
        detail=detail or {},
        channel=origin.channel,
        client_address=origin.client_address,
        user_agent=origin.user_agent,
    )
    chain_insert([event])
    return event


def audit_view(*, actor: User, case: Case, obj: models.Model | None = None) -> AuditEvent:
    return audit_record(actor=actor, action=Action.VIEW, case=case, obj=obj)


def audit_list(*, actor: User, cases: Iterable[Case], object_type: str = "cases.case_list") -> None:
    """A list of cases was shown: one record per case listed, so that each case's access log shows who saw
    the family's name in a list or search result. Nothing shown is still recorded once, without a case."""
    origin = current_origin()
    common = {
        "actor": actor, "actor_username": actor.username, "action": Action.VIEW, "object_type": object_type,
        "channel": origin.channel, "client_address": origin.client_address, "user_agent": origin.user_agent,
    }
    rows = [AuditEvent(organisation_id=case.organisation_id, case=case, case_reference=case.reference, **common)
            for case in cases]
    chain_insert(rows or [AuditEvent(organisation_id=actor.organisation_id, **common)])
