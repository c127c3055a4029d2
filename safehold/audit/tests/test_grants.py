"""On PostgreSQL the application's role may only INSERT and SELECT the audit trail (audit_grants)."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import ProgrammingError, connection, transaction

from safehold.audit.models import AuditEvent
from safehold.audit.pruning import audit_prune
from safehold.audit.services import audit_record
from safehold.audit.verification import verify_chain

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and privileges are PostgreSQL's")
TABLE = AuditEvent._meta.db_table


@pytest.fixture
def app_role(db):
    """A role with the application's privileges, created in the test's transaction (and gone with it)."""
    role = f"safehold_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
    call_command("audit_grants", "--role", role, "--apply", stdout=io.StringIO())
    return role


def as_role(role: str, statement: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {role}")
        cursor.execute(statement, params)


def test_the_application_s_role_cannot_update_or_delete_audit_records(app_role, caseworker, case):
    event = audit_record(actor=caseworker, action="view", case=case)
    for statement in (f"UPDATE {TABLE} SET action = 'delete' WHERE id = %s", f"DELETE FROM {TABLE} WHERE id = %s",
                      f"TRUNCATE {TABLE}"):
        with pytest.raises(ProgrammingError, match="permission denied"):
            as_role(app_role, statement, [event.pk] if "%s" in statement else [])
    # Not even with the setting a prune uses to pass the trigger.
    with pytest.raises(ProgrammingError, match="permission denied"):
        as_role(app_role, f"SET LOCAL safehold.audit_prune = 'on'; DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


def test_the_application_s_role_writes_and_reads_the_chained_trail(app_role, caseworker, case, organisation):
    audit_record(actor=caseworker, action="login")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
        event = audit_record(actor=caseworker, action="view", case=case)  # locks the chain's head, inserts
        cursor.execute(f"SELECT action FROM {TABLE} WHERE id = %s", [event.pk])
        assert cursor.fetchone() == ("view",)
    assert event.chain_seq == 2 and verify_chain(organisation.pk).intact


def test_the_owner_prunes(app_role, caseworker, organisation):
    audit_record(actor=caseworker, action="login")
    assert audit_prune(organisation_id=organisation.pk, before=AuditEvent.objects.get().at.replace(year=2100)) == 1
    later = AuditEvent.objects.get().at.replace(year=2100)
    with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
        audit_prune(organisation_id=organisation.pk, before=later)


def test_the_command_prints_the_statements(db):
    out = io.StringIO()
    call_command("audit_grants", "--role", "safehold_app", stdout=out)
    assert f'REVOKE ALL ON "{TABLE}" FROM "safehold_app";' in out.getvalue()
    assert f'GRANT SELECT, INSERT ON "{TABLE}" TO "safehold_app";' in out.getvalue()


def test_the_command_refuses_anything_but_postgresql(db, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError):
        call_command("audit_grants", "--role", "safehold_app", stdout=io.StringIO())
