"""Backups: the database and the uploaded files in one archive, with a manifest a restore is checked against.

The archive (tar.gz, written with permissions 0600: it holds every family's data; encrypt it before it leaves
the server) holds
    database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API while the app runs
    database.pgdump    PostgreSQL: pg_dump's custom format, taken in the same snapshot as the row counts
    files/<name>       every file under PRIVATE_MEDIA_ROOT, by its stored (random) name
    manifest.json      the format, when, the database's vendor, rows per table, SHA-256 of the database copy
                       and of every file

A restore unpacks and checks everything first (no member the manifest does not name, every checksum, the copy's
row counts), refuses a database that holds data or a files folder that holds files unless forced, and only
then writes. Files a forced restore replaces are moved aside, never deleted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILES = "files/"
# Django's bookkeeping: a freshly migrated database has rows here and still holds no data.
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"})
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something the operator must see: the message says what and what to do."""


@dataclass
class Manifest:
    vendor: str
    tables: dict[str, int]
    database_sha256: str
    files: dict[str, str] = field(default_factory=dict)
    created_at: str = ""
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
            manifest = cls(vendor=str(raw["vendor"]), tables={str(k): int(v) for k, v in raw["tables"].items()},
                           database_sha256=str(raw["database_sha256"]),
                           files={str(k): str(v) for k, v in raw["files"].items()},
                           created_at=str(raw.get("created_at", "")), format=int(raw["format"]))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise BackupError(f"The archive's manifest cannot be read ({error}).") from error
        if manifest.format != FORMAT:
            raise BackupError(f"The archive is of format {manifest.format}; this version reads format {FORMAT}.")
        if manifest.vendor not in DATABASE_MEMBERS:
            raise BackupError(f"The archive holds a database of an unknown kind ({manifest.vendor}).")
        return manifest


# --- backup ----------------------------------------------------------------------------------------------------

def backup_create(archive: Path, *, connection: BaseDatabaseWrapper, media_root: Path) -> Manifest:
    """Write an archive of the database behind `connection` and the files under `media_root`."""
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    archive = archive.resolve()
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".safehold-backup-") as staging:
        copy = Path(staging) / DATABASE_MEMBERS[vendor]
        # The database first: a file uploaded while the files are read is one more file, never a missing one.
        tables = _sqlite_copy(connection, copy) if vendor == "sqlite" else _pg_dump(connection, copy)
        manifest = Manifest(vendor=vendor, tables=tables, database_sha256=_sha256_of(copy),
                            created_at=datetime.now(UTC).isoformat(timespec="seconds"))
        partial = archive.with_name(archive.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                tar.add(copy, arcname=copy.name, recursive=False)
                for name in _media_files(media_root):
                    # Read once, hashed and archived from the same bytes (a stored file is at most
                    # UPLOAD_MAX_BYTES).
                    data = (media_root / name).read_bytes()
                    manifest.files[name] = hashlib.sha256(data).hexdigest()
                    _add_bytes(tar, FILES + name, data)
                _add_bytes(tar, MANIFEST, manifest.to_json())
            os.replace(partial, archive)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


def _sqlite_copy(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    """A consistent copy through SQLite's online backup API, whatever other processes write meanwhile."""
    if connection.in_atomic_block:
        # The copy would wait for this connection's own transaction to end, for ever.
        raise BackupError("A backup cannot be taken inside a transaction.")
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return _sqlite_counts(copy)
    finally:
        copy.close()


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    names = [row[0] for row in database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: database.execute(f"SELECT COUNT(*) FROM {_quoted(name)}").fetchone()[0]  # noqa: S608  # nosec B608
            for name in names}


def _pg_dump(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    """pg_dump in custom format, in the snapshot the row counts are read in: a session of its own exports its
    snapshot and holds it open while pg_dump runs."""
    session = connection.copy()
    try:
        session.ensure_connection()
        session.set_autocommit(False)
        with session.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _pg_counts(cursor)
            _pg_run(session, ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
        session.rollback()
        return tables
    finally:
        session.close()


def _pg_counts(cursor: CursorWrapper) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {_quoted(name)}")  # noqa: S608 (a table name, quoted)  # nosec B608
        counts[name] = cursor.fetchone()[0]
    return counts


def _pg_run(connection: BaseDatabaseWrapper, command: list[str]) -> None:
    """Run pg_dump or pg_restore against the connection's database; the password travels in the environment,
    never on the command line."""
    settings = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": str(settings["NAME"])}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings.get(key):
            environment[variable] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = str(settings["OPTIONS"]["sslmode"])
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} was not found; install the PostgreSQL client tools of the server's "
                          "version, or use the commands in docs/OPERATIONS.md.")
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


# --- restore ---------------------------------------------------------------------------------------------------

def backup_restore(archive: Path, *, connection: BaseDatabaseWrapper, media_root: Path,
                   force: bool = False) -> Manifest:
    """Restore an archive into the database behind `connection` and into `media_root`. Refuses (BackupError) an
    archive that does not match its manifest, and a database with data or a files folder with files unless
    `force`."""
    media_root = media_root.resolve()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".safehold-restore-") as staging_dir:
        staging = Path(staging_dir)
        manifest = _unpack(archive, staging)
        if manifest.vendor != connection.vendor:
            raise BackupError(f"The archive holds a {manifest.vendor} database; this one is {connection.vendor}.")
        if not force:
            _refuse_if_not_empty(connection, media_root)
        copy = staging / DATABASE_MEMBERS[manifest.vendor]
        if manifest.vendor == "sqlite":
            _sqlite_restore(copy, connection, manifest)
        else:
            _pg_run(connection, ["pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                                 f"--dbname={connection.settings_dict['NAME']}", str(copy)])
        _check_counts(manifest, data_counts(connection, every_table=True))
        _put_files(staging / "files", media_root)
    return manifest


def data_counts(connection: BaseDatabaseWrapper, *, every_table: bool = False) -> dict[str, int]:
    """Rows per table of the database behind `connection`; without `every_table`, only the tables that hold
    data (not Django's bookkeeping) and have rows."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        counts = _sqlite_counts(connection.connection)
    else:
        with connection.cursor() as cursor:
            counts = _pg_counts(cursor)
    if every_table:
        return counts
    return {name: rows for name, rows in counts.items() if rows and name not in BOOKKEEPING_TABLES}


def _unpack(archive: Path, staging: Path) -> Manifest:
    """Unpack into `staging`, taking only regular files at safe names, and check them against the manifest."""
    found: dict[str, str] = {}
    manifest_bytes = b""
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = _safe_name(member)
                source = tar.extractfile(member)
                assert source is not None  # a regular file, checked by _safe_name
                if name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                found[name] = _copy_hashing(source, target)
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"The archive cannot be read ({error}).") from error
    if not manifest_bytes:
        raise BackupError("The archive has no manifest.")
    manifest = Manifest.from_json(manifest_bytes)
    expected = {DATABASE_MEMBERS[manifest.vendor]: manifest.database_sha256}
    expected |= {FILES + name: sha for name, sha in manifest.files.items()}
    if missing := sorted(set(expected) - set(found)):
        raise BackupError(f"The archive lacks what its manifest names: {', '.join(missing[:10])}")
    if extra := sorted(set(found) - set(expected)):
        raise BackupError(f"The archive holds what its manifest does not name: {', '.join(extra[:10])}")
    if changed := sorted(name for name, sha in expected.items() if found[name] != sha):
        raise BackupError(f"Checksums do not match the manifest: {', '.join(changed[:10])}")
    return manifest


def _safe_name(member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    if not member.isfile() or path.is_absolute() or any(part in ("", ".", "..") for part in path.parts):
        raise BackupError(f"The archive holds an entry a backup never has: {member.name!r}")
    name = path.as_posix()
    if name != MANIFEST and name not in DATABASE_MEMBERS.values() and not name.startswith(FILES):
        raise BackupError(f"The archive holds an entry a backup never has: {member.name!r}")
    return name


def _refuse_if_not_empty(connection: BaseDatabaseWrapper, media_root: Path) -> None:
    holding = data_counts(connection)
    if holding:
        raise BackupError(f"The database holds data ({sum(holding.values())} rows in {len(holding)} tables); "
                          "restore overwrites it only with --force.")
    if any(_media_files(media_root)):
        raise BackupError(f"{media_root} holds files; restore replaces them only with --force (they are moved "
                          "aside, not deleted).")


def _sqlite_restore(copy: Path, connection: BaseDatabaseWrapper, manifest: Manifest) -> None:
    source = sqlite3.connect(copy)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The database in the archive fails SQLite's integrity check.")
        _check_counts(manifest, _sqlite_counts(source))
        connection.ensure_connection()
        # Page by page into the live database, as one change: other connections see the old or the new.
        source.backup(connection.connection)
    finally:
        source.close()


def _check_counts(manifest: Manifest, counts: dict[str, int]) -> None:
    differ = sorted(name for name in set(manifest.tables) | set(counts)
                    if manifest.tables.get(name) != counts.get(name))
    if differ:
        raise BackupError(f"Rows per table differ from the manifest: {', '.join(differ[:10])}")


def _put_files(staged: Path, media_root: Path) -> None:
    """Move the restored files into `media_root` (which may be a mount point: its contents move, never the
    folder itself); what it held before moves into a folder beside it."""
    staged.mkdir(exist_ok=True, mode=0o700)
    media_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    held = list(media_root.iterdir())
    if held:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = media_root.with_name(f"{media_root.name}.replaced-{stamp}")
        aside.mkdir(mode=0o700)
        for entry in held:
            shutil.move(entry, aside / entry.name)
    for entry in staged.iterdir():
        shutil.move(entry, media_root / entry.name)


# --- files -----------------------------------------------------------------------------------------------------

def _media_files(root: Path) -> list[str]:
    """Every regular file under `root` (symbolic links are not followed), as relative POSIX names."""
    if not root.is_dir():
        return []
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                  if path.is_file() and not path.is_symlink())


def files_digest(root: Path) -> str:
    """One SHA-256 over every file's name and content under `root`: equal folders, equal digests."""
    digest = hashlib.sha256()
    for name in _media_files(root):
        digest.update(f"{name}\0{_sha256_of(root / name)}\n".encode())
    return digest.hexdigest()


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashing(source: IO[bytes], target: Path) -> str:
    digest = hashlib.sha256()
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
