"""`manage.py restore PATH`: put an archive written by `backup` back (safehold/core/backup.py). Stop the
application first; run `manage.py migrate` afterwards if this version of Safehold is newer than the backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from safehold.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from an archive written by `backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="Overwrite a database that holds data and replace the files folder's contents "
                                 "(moved aside beside it, not deleted).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            manifest = backup_restore(path, connection=connections[options["database"]],
                                      media_root=Path(settings.PRIVATE_MEDIA_ROOT), force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest.created_at}: {sum(manifest.tables.values())} rows in "
                          f"{len(manifest.tables)} tables, {len(manifest.files)} files; every checksum and row "
                          "count matches the manifest.")
