"""The retention rules: an organisation admin sets them; `manage.py apply_retention` applies them.

Applying them deletes each closed case whose time has come in a transaction of its own, with every tool's rows
and the files they name (purge.py), and leaves an audit record without content in its place: the case's
reference, nothing else. The audit trail refers to cases without database constraints, so the trail of a
deleted case stays until the audit rule prunes it (audit.pruning, which keeps the trail's chain whole).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.accounts.selectors import require_org_admin
from safehold.audit.context import Origin, origin
from safehold.audit.models import AuditEvent
from safehold.audit.pruning import audit_prune
from safehold.audit.services import Action, audit_record
from safehold.cases.models import Case, CaseStatus
from safehold.core import validation
from safehold.retention.models import RetentionRules
from safehold.retention.purge import case_purge
from safehold.retention.selectors import cases_due, retention_rules, years_before

MIN_YEARS = 1
MAX_YEARS = 100
RULE_FIELDS = ("closed_case_years", "audit_years")


@transaction.atomic
def retention_rules_save(*, actor: User, closed_case_years: int | None, audit_years: int | None) -> RetentionRules:
    """Set the admin's organisation's rules; None turns a rule off (keep everything). The trail records which
    rules changed and what they now say (numbers of years, no case data)."""
    organisation_id = require_org_admin(actor)
    values = {"closed_case_years": closed_case_years, "audit_years": audit_years}
    errors = validation.Errors()
    for name, value in values.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not MIN_YEARS <= value <= MAX_YEARS):
            errors.add(name, _("Enter a whole number of years from %(min)d to %(max)d, or leave the field empty.")
                       % {"min": MIN_YEARS, "max": MAX_YEARS})
    errors.raise_if_any()
    rules = (RetentionRules.objects.select_for_update().filter(organisation_id=organisation_id).first()
             or RetentionRules(organisation_id=organisation_id))
    changed = [name for name, value in values.items() if getattr(rules, name) != value]
    if not changed:
        return rules
    created = rules.pk is None
    for name in changed:
        setattr(rules, name, values[name])
    rules.updated_at, rules.updated_by = timezone.now(), actor
    rules.save()
    audit_record(actor=actor, action=Action.CREATE if created else Action.UPDATE, obj=rules,
                 changed_fields=changed, organisation_id=organisation_id, detail=values)
    return rules


@dataclass(frozen=True)
class DueCase:
    case_id: int
    reference: str
    closed_on: date


@dataclass
class RetentionRun:
    """What one organisation's rules deleted (or, in a dry run, would delete)."""

    organisation_id: int
    dry_run: bool
    case_cutoff: date | None = None  # cases closed before this day are due; None: the rule is off
    audit_before: datetime | None = None  # audit records written before this moment are due; None: off
    cases: list[DueCase] = field(default_factory=list)
    kept: list[tuple[DueCase, str]] = field(default_factory=list)  # due, but held by a row outside the case
    files: int = 0
    audit_records: int = 0


class CaseHeld(Exception):
    pass


def retention_apply(*, organisation_id: int, dry_run: bool = False, now: datetime | None = None) -> RetentionRun:
    """Apply the organisation's rules as they stand at `now` (default: this moment). For the operator's
    command; no user acts, so the trail records the deletions as done by a command."""
    now = now or timezone.now()
    rules = retention_rules(organisation_id=organisation_id)
    run = RetentionRun(organisation_id=organisation_id, dry_run=dry_run)
    with origin(Origin(channel=AuditEvent.Channel.COMMAND)):
        if rules.closed_case_years:
            run.case_cutoff = years_before(timezone.localdate(now), rules.closed_case_years)
            _apply_case_rule(run, run.case_cutoff)
        if rules.audit_years:
            # After the cases: the records their deletion just wrote are new and stay.
            run.audit_before = years_before(now, rules.audit_years)
            run.audit_records = audit_prune(organisation_id=organisation_id, before=run.audit_before, dry_run=dry_run)
    return run


def _apply_case_rule(run: RetentionRun, cutoff: date) -> None:
    for case in cases_due(organisation_id=run.organisation_id, cutoff=cutoff):
        due = DueCase(case_id=case.pk, reference=case.reference, closed_on=case.closed_on or cutoff)
        files: int | None
        try:
            if run.dry_run:
                purge = case_purge(case)
                if purge.held_by:
                    raise CaseHeld(", ".join(purge.held_by))
                files = len(purge.files)
            else:
                files = case_delete_expired(case_id=case.pk, cutoff=cutoff)
        except CaseHeld as held:
            run.kept.append((due, str(held)))
            continue
        if files is not None:
            run.cases.append(due)
            run.files += files


@transaction.atomic
def case_delete_expired(*, case_id: int, cutoff: date) -> int | None:
    """Delete one case closed before `cutoff`, with everything of it; the number of files removed. None if the
    case is no longer due (reopened since it was listed); CaseHeld if a row outside the case protects its data."""
    # Read again under a lock: a case reopened between the list and now stays.
    case = (Case.objects.select_for_update()
            .filter(pk=case_id, status=CaseStatus.CLOSED, closed_on__lt=cutoff).first())
    if case is None:
        return None
    purge = case_purge(case)
    if purge.held_by:
        raise CaseHeld(", ".join(purge.held_by))
    # Written first: deleting the case clears its primary key. The record names the case and nothing of it.
    audit_record(actor=None, action=Action.DELETE, case=case, detail={"reason": "retention"})
    purge.delete()
    return len(purge.files)
