"""Apply each organisation's retention rules: delete closed cases past their time (with their files) and
prune the audit trail. Run it on a schedule (daily); `--dry-run` lists what would go and deletes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safehold.retention.selectors import organisations_with_rules
from safehold.retention.services import RetentionRun, retention_apply


class Command(BaseCommand):
    help = "Delete closed cases and audit records past the organisations' retention periods."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")
        parser.add_argument("--organisation", type=int, metavar="ID", help="Only this organisation's rules.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        rules = list(organisations_with_rules(organisation_id=options["organisation"]))
        if not rules:
            self.stdout.write("No organisation has retention rules; nothing to do.")
        for rule in rules:
            run = retention_apply(organisation_id=rule.organisation_id, dry_run=dry_run)
            self._report(f"Organisation {rule.organisation_id} ({rule.organisation.name})", run)

    def _report(self, title: str, run: RetentionRun) -> None:
        verb = "would delete" if run.dry_run else "deleted"
        self.stdout.write(title)
        if run.case_cutoff is not None:
            self.stdout.write(f"  closed cases closed before {run.case_cutoff:%Y-%m-%d}: {verb} {len(run.cases)}, "
                              f"with {run.files} file(s)")
            for due in run.cases:
                self.stdout.write(f"    {due.reference} (closed {due.closed_on:%Y-%m-%d})")
            for due, held_by in run.kept:
                self.stdout.write(self.style.WARNING(
                    f"    kept {due.reference} (closed {due.closed_on:%Y-%m-%d}): its data is referred to by "
                    f"{held_by}"))
        if run.audit_before is not None:
            self.stdout.write(f"  audit records written before {run.audit_before:%Y-%m-%d %H:%M %Z}: "
                              f"{verb} {run.audit_records}")
