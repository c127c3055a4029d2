"""Safehold as it runs for real: gunicorn, whitenoise and compiled translations on a fresh SQLite database.

Not pytest-django's live_server: it flushes the database between tests, and the audit table's triggers
refuse the DELETE that takes. Here one database lives for the whole run; tests make their own unique data.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtualenv's bin/, where gunicorn is
START_SECONDS = 30


@dataclass(frozen=True)
class Server:
    url: str
    env: dict[str, str]
    database: Path
    log: Path

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a management command with the server's settings and database."""
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def case_path(self, reference: str) -> str:
        """The address of a case's page, for tests that must not find it through the interface."""
        with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT id FROM cases_case WHERE reference = ?", [reference]).fetchone()
        assert row, f"No case {reference} in the e2e database"
        return f"/cases/{row[0]}/"


@contextmanager
def running_server() -> Iterator[Server]:
    """Set up a database with the demo data, serve it with gunicorn until the block ends."""
    tmp = Path(tempfile.mkdtemp(prefix="safehold-e2e-"))
    try:
        database = tmp / "e2e.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "STATIC_ROOT": str(tmp / "static"),
               "DJANGO_SETTINGS_MODULE": "config.settings.local"}
        port = _free_port()
        server = Server(url=f"http://127.0.0.1:{port}", env=env, database=database, log=tmp / "gunicorn.log")
        for command in (["migrate", "--noinput", "--verbosity", "0"], ["compile_translations"],
                        ["collectstatic", "--noinput", "--verbosity", "0"], ["seed_demo"]):
            server.manage(*command)
        with server.log.open("w") as log_file:
            process = subprocess.Popen(
                # A longer worker timeout than gunicorn's 30 s: on a busy CI machine a slow request must fail
                # in the test with Django's own error, not be cut off by gunicorn with its bare 500 page.
                [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", "2", "--timeout", "120"],
                cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_healthy(server.url, process, server.log)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        # The server's log outlives its folder, so that a failure seen in CI can be read afterwards.
        kept = Path(tempfile.gettempdir()) / "safehold-e2e-gunicorn.log"
        if (tmp / "gunicorn.log").exists():
            shutil.copyfile(tmp / "gunicorn.log", kept)
            print(f"\nThe e2e server's log: {kept}")
        shutil.rmtree(tmp, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 (our own server)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"gunicorn did not answer {url}/healthz within {START_SECONDS} s:\n{log.read_text()[-4000:]}")
