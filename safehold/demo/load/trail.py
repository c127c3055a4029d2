"""The audit trail of the generated cases: what the services would have recorded of each worker's reads and
changes over the case's life, linked into the organisation's chain as audit/chain.py links it, so that
`verify_audit` finds the chain intact.

Each change the work on a case made (demo/load/work.py, family.py) is one record on its day, at a time in
office hours, from the worker's address on the office network; the worker also reads the case every one to
three weeks while it runs. A batch's records are chained in the order of their time, after
the records already in the chain: across batches the chain's order is the order they were written, not their
time (a real trail's is both), so a prune by date (audit/pruning.py) would take fewer of them than of a real
trail's.

The hash is the services' own (`chain.link_hash`), given the record's values in a plain object: building a
model instance for each of millions of records would take longer than writing them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from django.utils import timezone

from safehold.accounts.models import Organisation
from safehold.audit.chain import link_hash
from safehold.audit.models import AuditChainHead, AuditEvent
from safehold.demo.load.bulk import Writer
from safehold.demo.load.cases import Generated, Staff

READS_EVERY = (7, 21)  # days between the worker's reads of a case (the changes are records of their own)
OFFICE_OPENS = time(7, tzinfo=UTC)  # 8 o'clock in Central Europe in winter
AUDIT_FIELDS = ("at", "actor", "actor_username", "organisation", "action", "case", "case_reference", "object_type",
                "object_id", "changed_fields", "detail", "channel", "client_address", "user_agent", "chain_seq",
                "chain_hash")
BROWSERS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 "
            "Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")


@dataclass(slots=True)
class Link:
    """An audit record's values as `chain.link_hash` reads them from an AuditEvent."""

    at: datetime
    actor_id: int
    actor_username: str
    organisation_id: int
    action: str
    case_id: int
    case_reference: str
    object_type: str
    object_id: str
    changed_fields: list[str]
    client_address: str
    user_agent: str
    chain_seq: int = 0
    detail: dict[str, Any] = field(default_factory=dict)
    channel: str = AuditEvent.Channel.WEB


@dataclass(slots=True)
class Tail:
    """Where the load's next records join the organisation's chain: the place and hash of the last record
    written, or generated to be written."""

    seq: int
    last_hash: str


def chain_tail(organisation: Organisation) -> Tail:
    """The organisation's chain as it stands (its head, or an empty chain)."""
    head = AuditChainHead.objects.filter(chain=organisation.pk).first()
    return Tail(head.seq, head.last_hash) if head else Tail(0, "")


def hold_tail(organisation: Organisation, expected: Tail) -> None:
    """Lock the chain's head until the transaction ends, as chain.chain_insert locks it, and make sure it is
    where the batch about to be written was chained after. A service writing a record meanwhile waits, and
    then links to the last of the batch; one that wrote since the batch was chained moved the head, and the
    batch is refused rather than written as a fork of the chain."""
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(chain=organisation.pk)
    if (head.seq, head.last_hash) != (expected.seq, expected.last_hash):
        raise RuntimeError(f"The audit trail of '{organisation.name}' gained records while the load ran (at "
                           f"{head.seq}, the load expected {expected.seq}); load again when nothing else writes.")


def trail_batch(generated: list[Generated], staff: Staff, rng: random.Random, today: date, out: Writer,
                tail: Tail) -> int:
    """Add the audit records of the cases' work to `out`, chained after `tail`, and move `tail` to the last of
    them; returns their number. Write them after `hold_tail` with the tail as it was before."""
    links: list[Link] = []
    for g in generated:
        links += _case_trail(g, staff, rng, today)
    links.sort(key=lambda link: link.at)
    return _chain(links, out, tail)


def _case_trail(g: Generated, staff: Staff, rng: random.Random, today: date) -> list[Link]:
    worker = g.worker
    number = staff.number[worker.pk]
    address = f"10.20.{number // 250}.{number % 250 + 1}"
    browser = BROWSERS[number % len(BROWSERS)]
    username = worker.username
    organisation, case, reference = staff.organisation.pk, g.case.id, g.case.reference
    end = g.end(today)
    reads = []
    day = g.case.opened_on
    while day <= end:
        reads.append(day)
        day += timedelta(days=rng.randint(*READS_EVERY))
    links = [Link(_at(day, rng, today), worker.pk, username, organisation, AuditEvent.Action.VIEW, case, reference,
                  "cases.case", str(case), [], address, browser) for day in reads]
    links += [Link(_at(min(day, end), rng, today), worker.pk, username, organisation, action, case, reference,
                   object_type, str(object_id), sorted(fields), address, browser)
              for day, action, object_type, object_id, fields in g.trail]
    return links


def _at(day: date, rng: random.Random, today: date) -> datetime:
    """A moment in office hours of `day` in Central Europe (today's in the hours before now). In UTC: making
    each of millions of moments aware in the local time zone took longer than hashing the record."""
    moment = datetime.combine(day, OFFICE_OPENS) + timedelta(seconds=rng.randint(0, 9 * 3600 - 1),
                                                             microseconds=rng.randint(0, 999_999))
    return min(moment, timezone.now() - timedelta(minutes=1)) if day >= today else moment


def _chain(links: list[Link], out: Writer, tail: Tail) -> int:
    seq, previous = tail.seq, tail.last_hash
    rows = []
    for link in links:
        seq += 1
        link.chain_seq = seq
        previous = link_hash(cast(AuditEvent, link), previous)
        rows.append((link.at, link.actor_id, link.actor_username, link.organisation_id, link.action, link.case_id,
                     link.case_reference, link.object_type, link.object_id, json.dumps(link.changed_fields), "{}",
                     link.channel, link.client_address, link.user_agent, seq, previous))
    tail.seq, tail.last_hash = seq, previous
    # Written last first: the database's trigger then moves the head once, to the batch's last record, and
    # leaves it for the others (it never moves back). Moved forward by each of 100,000 rows in one transaction,
    # the head row would leave a version behind each time for the next move to step over: 1,000 cases took over
    # ten minutes.
    for row in reversed(rows):
        out.add(AuditEvent, AUDIT_FIELDS, row)
    return len(rows)
