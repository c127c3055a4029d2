"""Deleting an organisation's old audit records under its retention rules: the one deliberate way past the
append-only guard (triggers.py).

What goes is the oldest part of the organisation's chain (chain.py), up to the first record written at or after
`before`: a record a little older than `before` that was written after a younger one stays until the next prune,
so that what remains is one unbroken chain. The prune leaves a record of its own, without content: how many
records went, up to when, and the place and hash of the last one deleted, where verify_audit starts the chain.

On PostgreSQL the delete runs with `SET LOCAL safehold.audit_prune = 'on'`, which the trigger lets through. The
application's database role has no DELETE privilege on the trail (audit_grants), so a prune runs as the owner
or a maintenance role: `manage.py apply_retention` with that role's DATABASE_URL.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction

from safehold.audit import triggers
from safehold.audit.models import AuditEvent
from safehold.audit.services import Action, audit_record


def audit_prune(*, organisation_id: int, before: datetime, dry_run: bool = False) -> int:
    """Delete the organisation's audit records older than `before`; the number deleted (or that would be)."""
    with transaction.atomic():
        records = AuditEvent.objects.filter(organisation_id=organisation_id)
        first_kept = records.filter(at__gte=before).order_by("chain_seq").values_list("chain_seq", flat=True).first()
        doomed = records if first_kept is None else records.filter(chain_seq__lt=first_kept)
        count = doomed.count()
        last = doomed.order_by("-chain_seq").values_list("chain_seq", "chain_hash").first()
        if dry_run or last is None:
            return count
        through_seq, anchor = last
        _delete(organisation_id, through_seq=through_seq)
        audit_record(
            actor=None, action=Action.PRUNE, organisation_id=organisation_id, object_type="audit.auditevent",
            detail={"deleted": count, "before": before.isoformat(), "through_seq": through_seq, "anchor": anchor},
        )
    return count


def _delete(organisation_id: int, *, through_seq: int) -> None:
    statement = "DELETE FROM audit_auditevent WHERE organisation_id = %s AND chain_seq <= %s"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Set back at once: the caller's transaction may go on and must not delete audit records by accident.
            cursor.execute("SET LOCAL safehold.audit_prune = 'on'")
            cursor.execute(statement, [organisation_id, through_seq])
            cursor.execute("SET LOCAL safehold.audit_prune = 'off'")
        else:
            # SQLite has no settings a trigger could read: the guard is taken down and put back in the same
            # transaction (SQLite's schema changes are transactional), so no other writer ever finds it missing.
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(statement, [organisation_id, through_seq])
            cursor.execute(triggers.SQLITE_NO_DELETE)
