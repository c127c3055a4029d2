"""The PostgreSQL privileges of the application's database role: everything it needs on the application's tables,
and on the audit trail only INSERT and SELECT, so that no bug and no attacker inside the application can change
or delete a record, whatever the triggers (triggers.py) allow. The tables belong to another role (the owner, who
runs the migrations, and prunes: pruning.py); run `manage.py audit_grants --role NAME` as the owner after every
migration (it only grants and revokes, so it can run any number of times)."""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from safehold.audit.models import AuditChainHead, AuditEvent


def grant_statements(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    quote = connection.ops.quote_name
    who = quote(role)
    trail, head = quote(AuditEvent._meta.db_table), quote(AuditChainHead._meta.db_table)
    return [
        f"GRANT USAGE ON SCHEMA public TO {who};",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {who};",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who};",
        # The trail: append and read, nothing else (TRUNCATE, REFERENCES and TRIGGER included).
        f"REVOKE ALL ON {trail} FROM {who};",
        f"GRANT SELECT, INSERT ON {trail} TO {who};",
        # The chains' heads: read and locked by every writer, moved by the trail's trigger; never deleted.
        f"REVOKE ALL ON {head} FROM {who};",
        f"GRANT SELECT, INSERT, UPDATE ON {head} TO {who};",
    ]
