"""Pruning an organisation's old audit records: the one deliberate way past the append-only guard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.audit.pruning import audit_prune
from safehold.audit.services import audit_record
from safehold.audit.tests.tampering import as_owner_without_guard
from safehold.audit.verification import verify_chain

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def old_and_new(caseworker, case, stranger):
    """Three records of the organisation dated three years back, two of today, and one of another organisation."""
    records = [audit_record(actor=caseworker, action="view", case=case) for _ in range(5)]
    audit_record(actor=stranger, action="login")
    long_ago = timezone.now() - timedelta(days=3 * 365)
    for event in records[:3]:
        as_owner_without_guard(f"UPDATE {TABLE} SET at = %s WHERE id = %s", [long_ago, event.pk])
    return records


def cutoff():
    return timezone.now() - timedelta(days=365)


def test_a_dry_run_counts_and_deletes_nothing(old_and_new, organisation):
    assert audit_prune(organisation_id=organisation.pk, before=cutoff(), dry_run=True) == 3
    assert AuditEvent.objects.count() == 6


def test_the_prune_deletes_the_old_records_of_that_organisation_only(old_and_new, organisation, stranger):
    assert audit_prune(organisation_id=organisation.pk, before=cutoff()) == 3
    left = AuditEvent.objects.filter(organisation_id=organisation.pk)
    assert set(left.exclude(action="prune").values_list("pk", flat=True)) == {e.pk for e in old_and_new[3:]}
    assert AuditEvent.objects.filter(organisation_id=stranger.organisation_id).count() == 1


def test_the_prune_leaves_a_record_without_content(old_and_new, organisation):
    before = cutoff()
    audit_prune(organisation_id=organisation.pk, before=before)
    record = AuditEvent.objects.get(action="prune")
    assert (record.organisation_id, record.actor_id, record.case_id, record.channel) == (
        organisation.pk, None, None, "command")
    assert record.detail["deleted"] == 3 and record.detail["before"] == before.isoformat()


def test_the_chain_still_verifies_after_a_prune_and_after_a_second_one(old_and_new, organisation, caseworker):
    audit_prune(organisation_id=organisation.pk, before=cutoff())
    assert verify_chain(organisation.pk).intact
    audit_record(actor=caseworker, action="login")
    assert audit_prune(organisation_id=organisation.pk, before=timezone.now() + timedelta(seconds=1)) == 4
    report = verify_chain(organisation.pk)
    assert report.intact and report.records == 1


def test_a_deletion_beside_the_prune_is_still_noticed(old_and_new, organisation):
    audit_prune(organisation_id=organisation.pk, before=cutoff())
    as_owner_without_guard(f"DELETE FROM {TABLE} WHERE id = %s", [old_and_new[3].pk])
    assert [f.kind for f in verify_chain(organisation.pk).findings] == ["missing"]


def test_a_record_older_than_the_limit_written_after_a_younger_one_waits_for_the_next_prune(
        old_and_new, organisation):
    # The chain is cut at the first record to keep, so that what remains is unbroken.
    long_ago = timezone.now() - timedelta(days=3 * 365)
    as_owner_without_guard(f"UPDATE {TABLE} SET at = %s WHERE id = %s", [long_ago, old_and_new[4].pk])
    assert audit_prune(organisation_id=organisation.pk, before=cutoff()) == 3
    assert AuditEvent.objects.filter(pk=old_and_new[4].pk).exists()


def test_nothing_to_prune_writes_nothing(caseworker, organisation):
    audit_record(actor=caseworker, action="login")
    assert audit_prune(organisation_id=organisation.pk, before=cutoff()) == 0
    assert not AuditEvent.objects.filter(action="prune").exists()


def test_after_a_prune_the_guard_still_refuses_deletes_in_the_same_transaction(old_and_new, organisation):
    with transaction.atomic():
        audit_prune(organisation_id=organisation.pk, before=cutoff())
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [old_and_new[4].pk])
    assert AuditEvent.objects.filter(pk=old_and_new[4].pk).exists()
