"""The database's own guard of the audit trail, as installed by migration 0004 (0002 installed the first version).

- append-only: UPDATE is refused always; DELETE is refused unless a prune asks for it deliberately
  (pruning.py): on PostgreSQL with the transaction-local setting `safehold.audit_prune = 'on'` (which is why the
  application's role must also lack the DELETE privilege: audit_grants); on SQLite by dropping the trigger
  inside the prune's transaction.
- the chain's head: every insert moves `audit_auditchainhead` forward to the new record's place and hash (never
  backward), so that records deleted from the end of a chain are noticed by verify_audit.

On SQLite a migration that rebuilds the audit table (adding or altering a column) drops its triggers: such a
migration ends with `RunPython(sqlite_install)`, as 0004 does. Changing the SQL here needs a migration that
installs the new version.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_NO_UPDATE = """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit records are append-only (UPDATE refused)'); END;"""
SQLITE_NO_DELETE = """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit records are append-only (DELETE refused)'); END;"""
SQLITE_CHAIN_HEAD = """CREATE TRIGGER audit_event_chain_head AFTER INSERT ON audit_auditevent
       BEGIN
         INSERT INTO audit_auditchainhead (chain, seq, last_hash)
           VALUES (COALESCE(NEW.organisation_id, 0), NEW.chain_seq, NEW.chain_hash)
           ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, last_hash = excluded.last_hash
           WHERE excluded.seq > audit_auditchainhead.seq;
       END;"""
SQLITE_UP = [SQLITE_NO_UPDATE, SQLITE_NO_DELETE, SQLITE_CHAIN_HEAD]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
    "DROP TRIGGER IF EXISTS audit_event_chain_head;",
]

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('safehold.audit_prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION audit_event_chain_head() RETURNS trigger AS $$
BEGIN
    INSERT INTO audit_auditchainhead (chain, seq, last_hash)
        VALUES (COALESCE(NEW.organisation_id, 0), NEW.chain_seq, NEW.chain_hash)
        ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, last_hash = EXCLUDED.last_hash
        WHERE audit_auditchainhead.seq < EXCLUDED.seq;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_event_chain_head ON audit_auditevent;
CREATE TRIGGER audit_event_chain_head AFTER INSERT ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_chain_head();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS audit_event_chain_head ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_chain_head();
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def install(connection: BaseDatabaseWrapper) -> None:
    """Put the guard in place (both vendors); SQLite's triggers are dropped first, so this also repairs them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_UP)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_DOWN + SQLITE_UP:
                cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_DOWN)
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_chain_head;")


def sqlite_install(apps, schema_editor) -> None:
    """For migrations: put back what rebuilding the audit table on SQLite dropped (PostgreSQL keeps its triggers)."""
    if schema_editor.connection.vendor == "sqlite":
        install(schema_editor.connection)
