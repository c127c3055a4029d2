"""The load: locust for the journeys (bench/load/journeys.py), wrk for the reference levels (a single URL as fast as
it answers: locust's Python client would measure itself long before a bare WSGI app)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCUST = HERE.parent.parent / ".venv" / "bin" / "locust"


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    p50: float  # milliseconds
    p95: float
    p99: float
    rps: float
    socket_errors: int = 0  # wrk's connect, read, write and timeout errors


@dataclass
class LocustRun:
    rows: list[Row]  # one per page, then "all"
    server_errors: int  # answers with status 500
    acknowledged: int  # check-ins answered with the redirect


def locust(*, host: str, env: dict[str, str], users: int, spawn_rate: float, seconds: int, think: bool,
           prefix: Path) -> LocustRun:
    acks = prefix.with_suffix(".acks.json")
    with prefix.with_suffix(".log").open("w") as log:
        subprocess.run(
            [str(LOCUST), "-f", str(HERE / "journeys.py"), "--headless", "--host", host, "--users", str(users),
             "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds}s", "--stop-timeout", "30",
             "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            env={**env, "BENCH_THINK": "1" if think else "0", "BENCH_ACKS": str(acks)}, check=False,
            stdout=log, stderr=subprocess.STDOUT)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = [Row("all" if r["Name"] == "Aggregated" else r["Name"], int(r["Request Count"]),
                    int(r["Failure Count"]), float(r["50%"]), float(r["95%"]), float(r["99%"]),
                    float(r["Requests/s"])) for r in csv.DictReader(stats)]
    with open(f"{prefix}_failures.csv", newline="") as failures:
        errors = sum(int(r["Occurrences"]) for r in csv.DictReader(failures) if re.search(r"\b500\b", r["Error"]))
    acknowledged = json.loads(acks.read_text())["check_ins"] if acks.exists() else 0
    return LocustRun(rows, errors, acknowledged)


def wrk(name: str, url: str, *, seconds: int, connections: int, cookie: str = "", token: str = "") -> Row:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    headers += ["-H", f"Authorization: Bearer {token}"] if token else []
    out = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s",
         "-s", str(HERE / "summary.lua"), *headers, url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^bench-summary (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)$", out, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk said:\n{out}")
    requests, errors, socket_errors, duration, p50, p95, p99 = found.groups()
    return Row(name, int(requests), int(errors), float(p50), float(p95), float(p99), int(requests) / float(duration),
               int(socket_errors))


def session_cookie(host: str, username: str, password: str) -> str:
    """Log in as a browser does (the form, its CSRF token, the POST) and return the session's cookie."""
    import requests  # locust's dependency

    client = requests.Session()
    form = client.get(f"{host}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    answer = client.post(f"{host}/accounts/login/", timeout=30, allow_redirects=False,
                         data={"username": username, "password": password,
                               "csrfmiddlewaretoken": token.group(1) if token else ""})
    if answer.status_code != 302 or "sessionid" not in client.cookies:
        raise SystemExit(f"logging in as {username} failed: HTTP {answer.status_code}")
    return client.cookies["sessionid"]
