"""What an attacker with the database owner's rights could do to the trail behind the application's back."""

from __future__ import annotations

from django.db import connection

from safehold.audit import triggers


def as_owner_without_guard(statement: str, params: list) -> None:
    """Run one raw statement on the audit table with the append-only guard switched off, as its owner can."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update")
            cursor.execute(statement, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(statement, params)
            cursor.execute(triggers.SQLITE_NO_UPDATE)
            cursor.execute(triggers.SQLITE_NO_DELETE)
