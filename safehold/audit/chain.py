"""Tamper evidence: every audit record is a link in the chain of its organisation (records without an
organisation form a chain of their own, numbered 0).

A record's `chain_hash` is the SHA-256 (hex) of the UTF-8 bytes of its canonical form, the JSON array

    [previous hash, chain_seq, at, organisation_id, actor_id, actor_username, action, case_id, case_reference,
     object_type, object_id, changed_fields, detail, channel, client_address, user_agent]

written with sorted object keys, no spaces (separators "," and ":") and non-ASCII characters as themselves;
`at` in UTC as ISO 8601 with microseconds ("2026-12-02T14:03:07.123456+00:00"), a missing value as null. The
previous hash of a chain's first record is "", or, after a prune, the hash of the last record the prune deleted
(the prune's own record keeps it: pruning.py). The record's database id is not part of it: it is given by the
database after the hash is made; `chain_seq` orders the chain.

Appending locks the chain's head row (`AuditChainHead`) until the transaction ends, so concurrent writers of one
organisation take their turns (PostgreSQL; SQLite serialises all writers anyway); a database trigger moves the
head to each new record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC

from django.db import connection, transaction

from safehold.audit.models import AuditEvent

_ADDRESS = AuditEvent._meta.get_field("client_address")


def chain_of(organisation_id: int | None) -> int:
    return organisation_id or 0


def canonical(event: AuditEvent, previous: str) -> bytes:
    at = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    fields = [
        previous, event.chain_seq, at, event.organisation_id, event.actor_id, event.actor_username, event.action,
        event.case_id, event.case_reference, event.object_type, event.object_id, list(event.changed_fields),
        event.detail, event.channel, event.client_address or None, event.user_agent,
    ]
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(event: AuditEvent, previous: str) -> str:
    return hashlib.sha256(canonical(event, previous)).hexdigest()


def chain_insert(events: Sequence[AuditEvent]) -> None:
    """Give each new record its place and hash in its chain and insert them, in the order given."""
    with transaction.atomic(savepoint=False):
        heads: dict[int, tuple[int, str]] = {}
        for event in events:
            key = chain_of(event.organisation_id)
            seq, previous = heads[key] if key in heads else _lock_head(key)
            # Hash what the database will hold: it writes an IPv6 address in its normal form.
            event.client_address = _ADDRESS.get_prep_value(event.client_address) or None
            event.chain_seq = seq + 1
            event.chain_hash = link_hash(event, previous)
            heads[key] = (event.chain_seq, event.chain_hash)
        if len(events) == 1:
            events[0].save(force_insert=True)
        else:
            AuditEvent.objects.bulk_create(events)


def _lock_head(chain: int) -> tuple[int, str]:
    # One statement both creates a chain's head the first time and locks it (the no-op update takes the row
    # lock on PostgreSQL): a second writer of the same organisation waits here until the first commits, and
    # then reads the head the first one left. Without it both would link to the same record.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditchainhead (chain, seq, last_hash) VALUES (%s, 0, '') "
            "ON CONFLICT (chain) DO UPDATE SET chain = excluded.chain RETURNING seq, last_hash",
            [chain],
        )
        seq, last_hash = cursor.fetchone()
    return seq, last_hash
