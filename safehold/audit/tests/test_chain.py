"""Each audit record is chained to the one before it in its organisation's chain; verify_audit names what was
changed, inserted or deleted behind the application's back."""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Field

from safehold.audit.chain import link_hash
from safehold.audit.context import Origin, origin
from safehold.audit.models import AuditChainHead, AuditEvent
from safehold.audit.services import audit_list, audit_record
from safehold.audit.tests.tampering import as_owner_without_guard
from safehold.audit.verification import chains, verify_chain
from safehold.testing.factories import CaseFactory, OrganisationFactory

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def trail(caseworker, case, stranger):
    """Five records of the organisation, one of another organisation in between, one without organisation."""
    events = [audit_record(actor=caseworker, action="view", case=case) for _ in range(2)]
    audit_record(actor=stranger, action="login")
    events += [audit_record(actor=caseworker, action="update", case=case, changed_fields=["summary"],
                            detail={"note": "Ærø – „quoted“"}) for _ in range(2)]
    events.append(audit_record(actor=caseworker, action="export", case=case))
    audit_record(actor=None, action="login_failed", detail={"reason": "unknown"})
    return events


def verify(organisation_id: int | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = ["--organisation", str(organisation_id)] if organisation_id is not None else []
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
    except CommandError:
        return "failed", err.getvalue()
    return "ok", out.getvalue()


def test_each_organisation_has_a_chain_of_its_own_numbered_without_gaps(trail, organisation, stranger):
    assert [e.chain_seq for e in trail] == [1, 2, 3, 4, 5]
    assert AuditEvent.objects.get(organisation_id=stranger.organisation_id).chain_seq == 1
    assert AuditEvent.objects.get(organisation__isnull=True).chain_seq == 1
    head = AuditChainHead.objects.get(chain=organisation.pk)
    assert (head.seq, head.last_hash) == (5, trail[-1].chain_hash)


def test_each_hash_covers_the_previous_hash_and_the_record_as_stored(trail):
    stored = list(AuditEvent.objects.filter(pk__in=[e.pk for e in trail]).order_by("chain_seq"))
    previous = ""
    for event in stored:
        assert event.chain_hash == link_hash(event, previous)
        previous = event.chain_hash


def test_a_list_written_at_once_is_chained_in_order(caseworker, case, organisation):
    other = CaseFactory(organisation=organisation)
    audit_record(actor=caseworker, action="login")
    audit_list(actor=caseworker, cases=[case, other])
    assert list(AuditEvent.objects.order_by("chain_seq").values_list("chain_seq", "case_id")) == [
        (1, None), (2, case.pk), (3, other.pk)]
    assert verify_chain(organisation.pk).intact


def test_an_untouched_trail_verifies(trail):
    status, out = verify()
    assert status == "ok"
    assert "The audit trail is intact." in out


def test_a_changed_record_is_named(trail, organisation):
    victim = trail[2]
    as_owner_without_guard(f"UPDATE {TABLE} SET changed_fields = %s WHERE id = %s", ['["family_name"]', victim.pk])
    findings = verify_chain(organisation.pk).findings
    assert [(f.kind, f.event_id) for f in findings] == [("changed", victim.pk)]
    status, err = verify(organisation.pk)
    assert status == "failed" and f"record #{victim.pk} ({victim.at:%Y-%m-%d %H:%M:%S}" in err


def test_a_changed_time_is_named_too(trail, organisation):
    victim = trail[1]
    as_owner_without_guard(f"UPDATE {TABLE} SET at = %s WHERE id = %s", [trail[0].at, victim.pk])
    assert [(f.kind, f.event_id) for f in verify_chain(organisation.pk).findings] == [("changed", victim.pk)]


def test_a_deleted_record_is_named_by_the_one_after_the_gap(trail, organisation):
    as_owner_without_guard(f"DELETE FROM {TABLE} WHERE id = %s", [trail[2].pk])
    findings = verify_chain(organisation.pk).findings
    assert [(f.kind, f.event_id) for f in findings] == [("missing", trail[3].pk)]
    assert f"after record #{trail[1].pk}" in findings[0].message
    assert verify(organisation.pk)[0] == "failed"


def test_records_deleted_from_the_end_are_noticed_by_the_head(trail, organisation):
    as_owner_without_guard(f"DELETE FROM {TABLE} WHERE id IN (%s, %s)", [trail[3].pk, trail[4].pk])
    findings = verify_chain(organisation.pk).findings
    assert [(f.kind, f.event_id) for f in findings] == [("missing_at_end", trail[2].pk)]
    assert "2 record(s)" in findings[0].message


def test_an_inserted_record_is_named(trail, organisation, caseworker):
    as_owner_without_guard(
        f"INSERT INTO {TABLE} (at, actor_id, actor_username, organisation_id, action, case_reference, object_type, "
        "object_id, changed_fields, detail, channel, user_agent, chain_seq, chain_hash) "
        "VALUES (%s, %s, 'alice', %s, 'view', '', '', '', '[]', '{}', 'web', '', %s, %s)",
        [trail[1].at, caseworker.pk, organisation.pk, 2, "0" * 64])
    inserted = AuditEvent.objects.latest("id")
    findings = verify_chain(organisation.pk).findings
    assert [(f.kind, f.event_id) for f in findings] == [("inserted", inserted.pk)]
    assert verify()[0] == "failed"


def test_an_inserted_record_at_the_end_with_a_made_up_hash_is_named(trail, organisation, caseworker):
    as_owner_without_guard(
        f"INSERT INTO {TABLE} (at, actor_id, actor_username, organisation_id, action, case_reference, object_type, "
        "object_id, changed_fields, detail, channel, user_agent, chain_seq, chain_hash) "
        "VALUES (%s, %s, 'alice', %s, 'view', '', '', '', '[]', '{}', 'web', '', %s, %s)",
        [trail[-1].at, caseworker.pk, organisation.pk, 6, "0" * 64])
    inserted = AuditEvent.objects.latest("id")
    assert [(f.kind, f.event_id) for f in verify_chain(organisation.pk).findings] == [("changed", inserted.pk)]


# What a tamperer writes into each column of one record (`UPDATE … SET column`): every column the record stores,
# except its database id (given after the hash is made, chain.py; it names a record, it says nothing of what
# happened) and the hash itself. Each is a value the record could plausibly have held.
TAMPERED = {
    "at": lambda record, other: record.at + timedelta(microseconds=1),
    "actor_id": lambda record, other: other["colleague"].pk,
    "actor_username": lambda record, other: "bob",
    "organisation_id": lambda record, other: other["organisation"].pk,  # an organisation without records
    "action": lambda record, other: AuditEvent.Action.EXPORT,
    "case_id": lambda record, other: other["case"].pk,
    "case_reference": lambda record, other: other["case"].reference,
    "object_type": lambda record, other: "cases.person",
    "object_id": lambda record, other: "424242",
    "changed_fields": lambda record, other: ["family_name", "summary"],
    "detail": lambda record, other: {"role": "team_lead", "team": record.detail["team"]},
    "channel": lambda record, other: AuditEvent.Channel.API,
    "client_address": lambda record, other: "192.0.2.99",
    "user_agent": lambda record, other: "curl/8.5",
    "chain_seq": lambda record, other: record.chain_seq + 1,
}


@pytest.fixture
def full_chain(caseworker, colleague, case, organisation):
    """The organisation's chain: a first record with every column filled in (so that each can be changed), then
    two more."""
    with origin(Origin(channel="web", client_address="198.51.100.7", user_agent="Mozilla/5.0 (Firefox)")):
        first = audit_record(actor=caseworker, action="update", case=case, changed_fields=["summary"],
                             detail={"role": "caseworker", "team": case.team_id})
    events = [first] + [audit_record(actor=caseworker, action="view", case=case) for _ in range(2)]
    assert [e.chain_seq for e in events] == [1, 2, 3]
    assert all(getattr(first, column) not in (None, "", [], {}) for column in TAMPERED)
    return events


def test_the_tampered_columns_are_every_column_of_a_record_but_its_id_and_its_hash():
    """A column added to the record and left out of the hash (chain.canonical) would go unnoticed: this fails
    until it is added to TAMPERED, whose case then fails until it is hashed."""
    columns = {field.attname for field in AuditEvent._meta.concrete_fields}
    assert columns - {"id", "chain_hash"} == set(TAMPERED)


@pytest.mark.parametrize("column", list(TAMPERED))
def test_changing_any_one_column_of_a_record_breaks_its_hash(full_chain, column, colleague, organisation):
    record = full_chain[0]
    other = {"colleague": colleague, "organisation": OrganisationFactory(),
             "case": CaseFactory(organisation=organisation, reference="JA-2026-0999")}
    value = TAMPERED[column](record, other)
    field = AuditEvent._meta.get_field(column)
    assert isinstance(field, Field)

    as_owner_without_guard(f"UPDATE {TABLE} SET {field.column} = %s WHERE id = %s",
                           [field.get_db_prep_save(value, connection), record.pk])

    stored = AuditEvent.objects.get(pk=record.pk)
    assert getattr(stored, column) == value != getattr(record, column)  # the column really was changed
    assert stored.chain_hash == record.chain_hash
    assert link_hash(stored, "") != stored.chain_hash  # the first of its chain: no previous hash
    findings = {(f.kind, f.event_id) for chain in chains() for f in verify_chain(chain).findings}
    if column == "chain_seq":
        # The walk notices a record moved to another place before it compares hashes (the place is in the hash
        # too, as the assertion above shows): the record is named as the one after a gap.
        assert ("missing", record.pk) in findings
    else:
        # Moved to another organisation, the record is the first of that one's chain and its hash is compared.
        assert ("changed", record.pk) in findings
    assert verify()[0] == "failed"


def test_the_hash_covers_the_previous_records_hash(full_chain, organisation):
    first, second, _third = full_chain
    as_owner_without_guard(f"UPDATE {TABLE} SET chain_hash = %s WHERE id = %s", ["f" * 64, first.pk])

    findings = [(f.kind, f.event_id) for f in verify_chain(organisation.pk).findings]

    # The first no longer matches its stored hash, and the second no longer follows the hash now stored before it.
    assert findings == [("changed", first.pk), ("changed", second.pk)]


def test_a_record_changed_and_given_a_new_hash_is_betrayed_by_the_next_one(full_chain, organisation):
    first, second, _third = full_chain
    forged = AuditEvent.objects.get(pk=first.pk)
    forged.actor_username = "bob"
    forged_hash = link_hash(forged, "")
    as_owner_without_guard(f"UPDATE {TABLE} SET actor_username = %s, chain_hash = %s WHERE id = %s",
                           ["bob", forged_hash, first.pk])

    findings = [(f.kind, f.event_id) for f in verify_chain(organisation.pk).findings]

    # The forged record is consistent in itself; the next one was hashed over the hash it replaced.
    assert findings == [("changed", second.pk)]
    status, err = verify(organisation.pk)
    assert status == "failed" and f"record #{second.pk}" in err


def test_tampering_in_one_organisation_leaves_the_others_intact(trail, organisation, stranger):
    as_owner_without_guard(f"DELETE FROM {TABLE} WHERE id = %s", [trail[0].pk])
    assert verify(stranger.organisation_id)[0] == "ok"
    assert verify(0)[0] == "ok"  # the records without organisation
    assert verify(organisation.pk)[0] == "failed"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises every writer anyway")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_of_one_organisation_take_turns(organisation):
    start = threading.Barrier(4)

    def write():
        try:
            start.wait()
            for _ in range(10):
                with transaction.atomic():
                    audit_record(actor=None, action="login", organisation_id=organisation.pk)
        finally:
            connection.close()

    writers = [threading.Thread(target=write) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    seqs = sorted(AuditEvent.objects.filter(organisation=organisation).values_list("chain_seq", flat=True))
    assert seqs == list(range(1, 41))
    assert verify_chain(organisation.pk).intact

