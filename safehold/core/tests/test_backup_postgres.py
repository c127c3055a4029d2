"""`manage.py backup` and `restore` on PostgreSQL (pg_dump / pg_restore, custom format): a backup restored into a
fresh database has the same rows per table and the same files. Runs with DATABASE_URL=postgres://…"""

from __future__ import annotations

import io
import shutil
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from safehold.core.backup import backup_restore, data_counts, files_digest
from safehold.testing.factories import CaseFactory, StoredFileFactory

# Committed data: pg_dump reads in a session of its own.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
                       reason="PostgreSQL with its client tools"),
]


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def fresh():
    name = f"safehold_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    target = connection.copy()
    target.settings_dict["NAME"] = name
    yield target
    target.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_files(media, fresh, organisation, tmp_path):
    case = CaseFactory(organisation=organisation, reference="JA-2026-0001")
    StoredFileFactory(case=case)
    archive = tmp_path / "safehold.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    restored = tmp_path / "restored"

    manifest = backup_restore(archive, connection=fresh, media_root=restored)

    counts = data_counts(fresh, every_table=True)
    assert counts == data_counts(connection, every_table=True) == manifest.tables
    assert counts["cases_case"] == 1 and counts["uploads_storedfile"] == 1
    assert files_digest(restored) == files_digest(media)


def test_restore_refuses_a_database_that_holds_data(media, organisation, tmp_path):
    CaseFactory(organisation=organisation)
    archive = tmp_path / "safehold.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="holds data"):
        call_command("restore", str(archive), stdout=io.StringIO())
