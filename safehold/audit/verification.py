"""Walking the audit chains (chain.py): which record was changed, inserted or deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from safehold.audit.chain import link_hash
from safehold.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class Finding:
    kind: str  # "changed", "inserted", "missing" (deleted before this record), "missing_at_end"
    event_id: int | None
    at: datetime | None
    message: str

    def __str__(self) -> str:
        where = f"record #{self.event_id} ({self.at:%Y-%m-%d %H:%M:%S.%f %Z})" if self.event_id else "chain"
        return f"{where}: {self.message}"


@dataclass
class ChainReport:
    chain: int  # the organisation's id, 0 for records without one
    records: int = 0
    head_seq: int = 0
    head_hash: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.findings


def chains() -> list[int]:
    """Every chain there is: those with a head, and any records' whose head is missing."""
    keys = set(AuditChainHead.objects.values_list("chain", flat=True))
    keys |= {org or 0 for org in AuditEvent.objects.values_list("organisation_id", flat=True).distinct()}
    return sorted(keys)


def _records(chain: int):
    return AuditEvent.objects.filter(Q(organisation__isnull=True) if chain == 0 else Q(organisation_id=chain))


def verify_chain(chain: int) -> ChainReport:
    report = ChainReport(chain=chain)
    records = _records(chain)
    # Where the chain starts: after what the latest prune deleted (its record keeps the last deleted hash).
    expected, previous = 1, ""
    prune = records.filter(action=AuditEvent.Action.PRUNE).order_by("-chain_seq").first()
    if prune is not None and isinstance(prune.detail.get("through_seq"), int):
        expected, previous = prune.detail["through_seq"] + 1, str(prune.detail.get("anchor", ""))
    last: AuditEvent | None = None
    for event in records.order_by("chain_seq", "id").iterator(chunk_size=2000):
        report.records += 1
        if event.chain_seq < expected:
            report.findings.append(Finding(
                "inserted", event.pk, event.at,
                f"inserted: place {event.chain_seq} in the chain is taken or was pruned (expected {expected})"))
            continue
        if event.chain_seq > expected:
            after = f" after record #{last.pk} ({last.at:%Y-%m-%d %H:%M:%S})" if last else " at the chain's start"
            report.findings.append(Finding(
                "missing", event.pk, event.at,
                f"{event.chain_seq - expected} record(s) deleted before it{after} (places {expected} to "
                f"{event.chain_seq - 1})"))
        elif link_hash(event, previous) != event.chain_hash:
            report.findings.append(Finding(
                "changed", event.pk, event.at, "its fields do not match its hash: changed, or inserted in its place"))
        # Go on from the hash the record holds, so that one changed record does not mark all that follow.
        expected, previous, last = event.chain_seq + 1, event.chain_hash, event
    head = AuditChainHead.objects.filter(chain=chain).first()
    if head is not None:
        report.head_seq, report.head_hash = head.seq, head.last_hash
        if head.seq >= expected:
            where = f"after record #{last.pk}" if last else "(no record is left)"
            report.findings.append(Finding(
                "missing_at_end", last.pk if last else None, last.at if last else None,
                f"{head.seq - expected + 1} record(s) deleted at the end of the chain {where} (places {expected} "
                f"to {head.seq})"))
        elif last is not None and head.seq == last.chain_seq and head.last_hash != last.chain_hash:
            report.findings.append(Finding(
                "changed", last.pk, last.at, "its hash is not the one the chain's head recorded"))
    return report
