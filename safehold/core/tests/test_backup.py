"""`manage.py backup` and `restore` (SQLite): a backup restored into a fresh database has the same rows per table
and the same files; a restore checks the archive first and overwrites nothing that holds data unless forced."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from safehold.core.backup import BackupError, backup_restore, data_counts, files_digest
from safehold.testing.factories import CaseFactory, PersonFactory, StoredFileFactory

# Committed data: SQLite's backup waits for the source connection's transaction to end, so a test's own
# (rolled back) transaction would never let it start.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup; PostgreSQL: test_backup_postgres"),
]


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def archive(media, tmp_path, organisation) -> Path:
    case = CaseFactory(organisation=organisation, reference="JA-2026-0001", family_name="Sørensen")
    PersonFactory(case=case, role="child", first_name="Freja")
    StoredFileFactory(case=case)
    StoredFileFactory(case=case)
    path = tmp_path / "safehold.tar.gz"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert "2 files" in out.getvalue()
    return path


@pytest.fixture
def fresh(tmp_path):
    """A database of its own, in a file: the one the backup is restored into."""
    target = connection.copy()
    target.settings_dict["NAME"] = str(tmp_path / "fresh.sqlite3")
    yield target
    target.close()


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_files(archive, fresh, media, tmp_path):
    restored = tmp_path / "restored"

    manifest = backup_restore(archive, connection=fresh, media_root=restored)

    counts = data_counts(fresh, every_table=True)
    assert counts == data_counts(connection, every_table=True) == manifest.tables
    assert counts["cases_case"] == 1 and counts["uploads_storedfile"] == 2
    assert files_digest(restored) == files_digest(media)
    assert len(manifest.files) == 2
    database = sqlite3.connect(fresh.settings_dict["NAME"])
    assert database.execute("SELECT reference FROM cases_case").fetchall() == [("JA-2026-0001",)]
    database.close()


def test_the_archive_is_readable_by_its_owner_alone(archive):
    assert archive.stat().st_mode & 0o777 == 0o600


def test_restore_refuses_a_database_that_holds_data(archive, media):
    with pytest.raises(CommandError, match="holds data"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_restore_refuses_a_files_folder_that_holds_files(archive, fresh, media):
    with pytest.raises(BackupError, match="holds files"):
        backup_restore(archive, connection=fresh, media_root=media)
    assert data_counts(fresh) == {}


def test_a_forced_restore_overwrites_data_and_moves_the_files_it_replaces_aside(archive, fresh, media, tmp_path):
    restored = tmp_path / "restored"
    backup_restore(archive, connection=fresh, media_root=restored)
    (restored / "left-behind.txt").write_text("an older file")

    backup_restore(archive, connection=fresh, media_root=restored, force=True)

    assert data_counts(fresh)["cases_case"] == 1
    assert files_digest(restored) == files_digest(media)
    aside = [path for path in tmp_path.iterdir() if path.name.startswith("restored.replaced-")]
    assert len(aside) == 1 and (aside[0] / "left-behind.txt").exists()


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the archive with `change(name, data)` applied to each member (None leaves it out)."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read()
            result = change(member.name, data)
            if result is not None:
                name, data = result
                info = tarfile.TarInfo(name)
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))
    return target


def test_a_changed_file_is_refused_before_anything_is_written(archive, fresh, tmp_path):
    def flip(name, data):
        return (name, data[:-1] + bytes([data[-1] ^ 1])) if name.startswith("files/") else (name, data)

    tampered = _rewrite(archive, tmp_path / "tampered.tar.gz", flip)

    with pytest.raises(BackupError, match="Checksums do not match"):
        backup_restore(tampered, connection=fresh, media_root=tmp_path / "restored")
    assert data_counts(fresh) == {} and not (tmp_path / "restored").exists()


def _with_entry(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of the archive with one more entry, first."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        entries = [(name, data), *((m.name, old.extractfile(m).read()) for m in old)]
        for entry, content in entries:
            info = tarfile.TarInfo(entry)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))
    return target


def test_an_entry_the_manifest_does_not_name_is_refused(archive, fresh, tmp_path):
    extended = _with_entry(archive, tmp_path / "extended.tar.gz", "files/zz/extra.png", b"not in the manifest")
    with pytest.raises(BackupError, match="does not name"):
        backup_restore(extended, connection=fresh, media_root=tmp_path / "restored")


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/cron.d/x", "files/../../escape.txt", "notes.txt"])
def test_an_entry_outside_the_backup_s_layout_is_refused(name, archive, fresh, tmp_path):
    odd = _with_entry(archive, tmp_path / "odd.tar.gz", name, b"x")
    with pytest.raises(BackupError, match="never has"):
        backup_restore(odd, connection=fresh, media_root=tmp_path / "restored")
    assert not (tmp_path / "escape.txt").exists()


def test_a_manifest_of_another_format_is_refused(archive, fresh, tmp_path):
    def bump(name, data):
        if name != "manifest.json":
            return (name, data)
        manifest = json.loads(data)
        manifest["format"] = 99
        return (name, json.dumps(manifest).encode())

    other = _rewrite(archive, tmp_path / "other.tar.gz", bump)
    with pytest.raises(BackupError, match="format 99"):
        backup_restore(other, connection=fresh, media_root=tmp_path / "restored")


def test_backup_never_overwrites_an_archive(archive):
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(archive), stdout=io.StringIO())


def test_a_backup_inside_a_transaction_is_refused_rather_than_waiting_for_ever(media, tmp_path):
    with transaction.atomic(), pytest.raises(CommandError, match="inside a transaction"):
        call_command("backup", str(tmp_path / "never.tar.gz"), stdout=io.StringIO())
