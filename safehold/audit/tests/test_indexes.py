"""The audit table's indexes: each foreign key column leads a composite index and has none of its own (every
page writes records, a list one per case shown, and each index is kept in step on each insert), and lookups by
case, actor and organisation still go through an index."""

import pytest
from django.db import connection

from safehold.audit.models import AuditEvent
from safehold.audit.services import Action, audit_record
from safehold.testing.plans import postgres_plan

COLUMNS = ("case_id", "actor_id", "organisation_id")


def _indexes() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    return {name: info["columns"] for name, info in constraints.items() if info["index"] and not info["primary_key"]}


@pytest.mark.django_db
@pytest.mark.parametrize("column", COLUMNS)
def test_a_foreign_key_leads_a_composite_index_and_has_none_of_its_own(column):
    indexes = _indexes()
    assert [columns for columns in indexes.values() if columns == [column]] == []
    assert any(columns[0] == column and len(columns) > 1 for columns in indexes.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
@pytest.mark.parametrize(("column", "index"), [("case_id", "audit_case_at"), ("actor_id", "audit_actor_at"),
                                               ("organisation_id", "audit_org_")])
def test_a_lookup_by_a_foreign_key_uses_an_index(column, index, case, caseworker):
    audit_record(actor=caseworker, action=Action.VIEW, case=case)
    value = {"case_id": case.pk, "actor_id": caseworker.pk, "organisation_id": case.organisation_id}[column]
    plan = postgres_plan(AuditEvent.objects.filter(**{column: value}).order_by("-at"))
    assert index in plan
