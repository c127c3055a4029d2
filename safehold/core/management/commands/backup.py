"""`manage.py backup PATH`: the database and the uploaded files in one archive (safehold/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from safehold.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write the database and the uploaded files to one archive (tar.gz) with a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive to write, e.g. /backups/safehold-2026-12-02.tar.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if path.exists():
            raise CommandError(f"{path} exists; choose a new name (a backup never overwrites one).")
        try:
            manifest = backup_create(path, connection=connections[options["database"]],
                                     media_root=Path(settings.PRIVATE_MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path}: {manifest.vendor} database, {sum(manifest.tables.values())} rows in "
                          f"{len(manifest.tables)} tables, {len(manifest.files)} files.")
