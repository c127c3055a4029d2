"""Walk the audit trail's hash chains and name every record that was changed, inserted or deleted."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safehold.audit.chain import chain_of
from safehold.audit.verification import chains, verify_chain


class Command(BaseCommand):
    help = ("Verify the audit trail's hash chains (one per organisation, one for records without). Prints each "
            "chain's head: keep it outside the database to notice a rewritten chain. Exits non-zero on a finding.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, metavar="ID", help="Only this organisation's chain.")

    def handle(self, *args: Any, **options: Any) -> None:
        keys = [chain_of(options["organisation"])] if options["organisation"] is not None else chains()
        problems = 0
        for key in keys:
            report = verify_chain(key)
            name = f"organisation {key}" if key else "records without organisation"
            self.stdout.write(f"{name}: {report.records} record(s), head {report.head_seq} {report.head_hash or '-'}")
            for finding in report.findings:
                self.stderr.write(f"  {finding}")
            problems += len(report.findings)
        if problems:
            raise CommandError(f"The audit trail was tampered with: {problems} finding(s).")
        self.stdout.write(self.style.SUCCESS("The audit trail is intact."))
