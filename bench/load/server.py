"""gunicorn for the benchmark: Safehold's server configuration (`make run`: sync workers, 60 s timeout, no trusted
proxies) on a free local port, without the control socket another gunicorn of the machine may hold, its log in a
file; and each worker's peak memory, read from /proc."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    pidfile: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        master = int(self.pidfile.read_text())
        return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]

    def memory(self) -> list[tuple[int, int, int]]:
        """(pid, peak, now) of each worker, in kB: VmHWM is the most it has held since it started."""
        return [(pid, _status(pid, "VmHWM"), _status(pid, "VmRSS")) for pid in self.workers()]


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(app: str, *, env: dict[str, str], workers: int, log: Path, ready_path: str = "/") -> Iterator[Server]:
    port = free_port()
    pidfile = log.with_suffix(".pid")
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(GUNICORN), app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60",
             "--forwarded-allow-ips=", "--no-control-socket", "--chdir", str(ROOT), "--pid", str(pidfile)],
            env=env, stdout=out, stderr=subprocess.STDOUT)
        server = Server(process, port, pidfile)
        try:
            _wait_until_ready(server, ready_path)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=60)


def _wait_until_ready(server: Server, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn ended with status {server.process.returncode}")
        try:
            urllib.request.urlopen(server.url + path, timeout=5)  # noqa: S310 (our own server)
            if server.pidfile.exists() and len(server.workers()) >= 1:
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {server.url} within {seconds:.0f} s")
