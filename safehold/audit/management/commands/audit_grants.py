"""Print (or apply) the PostgreSQL privileges of the application's role: only INSERT and SELECT on the audit
trail (safehold/audit/grants.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from safehold.audit.grants import grant_statements


class Command(BaseCommand):
    help = ("The GRANT and REVOKE statements for the application's PostgreSQL role: its tables, and only INSERT "
            "and SELECT on the audit trail. Prints them; --apply runs them (as the tables' owner).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", required=True, help="The role the application connects as.")
        parser.add_argument("--apply", action="store_true", help="Run the statements instead of printing them.")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Roles and privileges are PostgreSQL's; on SQLite the triggers guard the trail.")
        statements = grant_statements(connection, options["role"])
        if not options["apply"]:
            self.stdout.write("\n".join(statements))
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(self.style.SUCCESS(f"Applied {len(statements)} statements for {options['role']}."))
