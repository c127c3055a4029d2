"""A case's last change record (selectors.case_last_change): moved by every create, update and delete on the case,
not by reads or exports, and found through its own index among the case's many reads."""

import pytest
from django.db import connection

from safehold.audit.models import AuditEvent
from safehold.audit.selectors import case_last_change
from safehold.audit.services import Action, audit_record
from safehold.testing.factories import CaseFactory
from safehold.testing.plans import postgres_plan


def test_changes_move_it_and_reads_and_exports_do_not(case, caseworker):
    assert case_last_change(case_id=case.pk) == 0  # the factory wrote the case without a record
    created = audit_record(actor=caseworker, action=Action.CREATE, case=case)
    assert case_last_change(case_id=case.pk) == created.pk
    for action in (Action.VIEW, Action.EXPORT, Action.REFUSED):
        audit_record(actor=caseworker, action=action, case=case)
    assert case_last_change(case_id=case.pk) == created.pk
    for action in (Action.UPDATE, Action.DELETE):
        latest = audit_record(actor=caseworker, action=action, case=case)
        assert case_last_change(case_id=case.pk) == latest.pk


def test_another_case_s_change_does_not_move_it(case, caseworker, organisation):
    mine = audit_record(actor=caseworker, action=Action.UPDATE, case=case)
    audit_record(actor=caseworker, action=Action.UPDATE, case=CaseFactory(organisation=organisation))
    assert case_last_change(case_id=case.pk) == mine.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes the case's own index, and may")
def test_it_is_found_through_the_partial_index(case, caseworker):
    audit_record(actor=caseworker, action=Action.UPDATE, case=case)
    query = (AuditEvent.objects.filter(case_id=case.pk, action__in=("create", "update", "delete")).order_by("-id")
             .values_list("id", flat=True)[:1])
    assert "audit_case_change" in postgres_plan(query)
