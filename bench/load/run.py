"""`make bench`: Safehold under load on one machine, with the reference levels measured in the same run.

    .venv/bin/python bench/load/run.py [--db postgres|sqlite] [--quick] [--cases N]

1. The database: PostgreSQL `safehold_bench` on 127.0.0.1:5432 (created when missing) or an SQLite file in
   var/bench/, migrated and topped up with `generate_load_data` (100,000 cases; SQLite 10,000; --quick 2,000).
2. The people (bench/load/people.py): 16 caseworkers with an open case, its active plan and a map, and 4 team leads.
3. L1: a bare WSGI app (bench/load/hello.py) under gunicorn, as fast as wrk can ask.
4. Safehold under gunicorn (2 sync workers, bench/load/settings.py: DEBUG off, a new SECRET_KEY): L2, a plain view
   with one query through the full middleware, anonymous and logged in (wrk); each page of issue 18's table alone
   (bench/load/single_pages.py, wrk); then 20 people with think time and 20 without, logged in beforehand
   (locust, bench/load/journeys.py); then each worker's peak memory.
5. The check-ins acknowledged against those in the database, the 500s and gunicorn's OperationalErrors.
The tables go to bench/load/results-<date>-<db>[-quick].md, to docs/PERFORMANCE.md (replacing the last run of the
same variant) and to the screen; logs and locust's CSV to var/bench/. Earlier runs' check-ins are deleted first.
Ends with status 1 when a request failed, an acknowledged check-in is missing or the database reported an error.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import database, loadgen, people, report, server, single_pages  # noqa: E402

USERS, WORKERS, LEADS = 20, 16, 4  # locust's weights in journeys.py give the same split
GUNICORN_WORKERS = 2
DEFAULT_CASES = {"postgres": 100_000, "sqlite": 10_000}
REPORT = "caseload"  # the team leads' report


@dataclass
class Timing:
    reference: int  # seconds of wrk per level and per page alone with 16 connections
    alone: int  # seconds of wrk per page with one connection
    think: int  # seconds of journeys with think time
    saturation: int  # seconds without
    # People arrive two a second with think time (logging in is PBKDF2's half second of a worker each), all at
    # once without.
    arrivals: float = 2


# A smoke run for CI (it fails on a failed request or a lost check-in, never on a timing): as short as still
# walks every page, so that CI stays within its 20 minutes.
QUICK = Timing(reference=2, alone=1, think=25, saturation=10)
FULL = Timing(reference=30, alone=10, think=180, saturation=180)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--quick", action="store_true", help="2,000 cases and about a minute of load")
    parser.add_argument("--cases", type=int)
    args = parser.parse_args()
    cases = args.cases or (2_000 if args.quick else DEFAULT_CASES[args.db])
    timing = QUICK if args.quick else FULL
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
    out = ROOT / "var" / "bench" / stamp
    out.mkdir(parents=True)
    load_before = os.getloadavg()

    os.environ.update(DJANGO_SETTINGS_MODULE="bench.load.settings", DATABASE_URL=database.database_url(args.db, ROOT),
                      SECRET_KEY=secrets.token_urlsafe(50), PYTHONPATH=str(ROOT))
    if args.db == "postgres":
        database.create_postgres()
    import django

    django.setup()
    from django.db import connections
    from django.utils import timezone

    held = database.prepare(cases)
    database.clear_earlier_runs()
    today = timezone.localdate()
    journeys = {"people": people.journeys(workers=WORKERS, leads=LEADS), "password": people.PASSWORD,
                "report": f"{REPORT}/?from={today.replace(year=today.year - 1).isoformat()}&to={today.isoformat()}"}
    api_token = people.api_token(journeys["people"][0]["username"])
    (out / "journeys.json").write_text(json.dumps(journeys, indent=1))
    connections.close_all()  # the server's workers are the only ones using the database from here on
    marker = f"{database.MARKER} {stamp}"
    locust_env = {**os.environ, "BENCH_JOURNEYS": str(out / "journeys.json"), "BENCH_MARKER": marker}

    print(f"{held:,} cases; L1", flush=True)
    with server.running("bench.load.hello:application", env=dict(os.environ), workers=GUNICORN_WORKERS,
                        log=out / "hello.log") as hello:
        l1 = loadgen.wrk("L1 bare WSGI hello", f"{hello.url}/", seconds=timing.reference, connections=16)
    app_log = out / "safehold.log"
    with server.running("config.wsgi:application", env=dict(os.environ), workers=GUNICORN_WORKERS, log=app_log,
                        ready_path="/healthz") as app:
        print("L2", flush=True)
        l2 = loadgen.wrk("L2 anonymous, one query", f"{app.url}/bench/l2", seconds=timing.reference, connections=16)
        l2_alone = loadgen.wrk("L2 anonymous, one connection", f"{app.url}/bench/l2",
                               seconds=max(3, timing.reference // 3), connections=1)
        cookie = loadgen.session_cookie(app.url, journeys["people"][0]["username"], people.PASSWORD)
        l2_login = loadgen.wrk("L2 logged in, one query", f"{app.url}/bench/l2-login", seconds=timing.reference,
                               connections=16, cookie=f"sessionid={cookie}")
        print("each page alone (the issue's table)", flush=True)
        pages = single_pages.measure(app.url, journeys["people"][0], session=cookie, token=api_token,
                                     seconds=timing.reference, alone_seconds=timing.alone)
        print(f"{USERS} people with think time, {timing.think} s", flush=True)
        think = loadgen.locust(host=app.url, env=locust_env, users=USERS, seconds=timing.think, think=True,
                               spawn_rate=timing.arrivals, prefix=out / "think")
        print(f"{USERS} people without think time, {timing.saturation} s", flush=True)
        logged_in = {**journeys, "people": [{**j, "session": loadgen.session_cookie(app.url, j["username"],
                                                                                    people.PASSWORD)}
                                            for j in journeys["people"]]}
        (out / "journeys-logged-in.json").write_text(json.dumps(logged_in, indent=1))
        saturation_env = {**locust_env, "BENCH_JOURNEYS": str(out / "journeys-logged-in.json")}
        saturation = loadgen.locust(host=app.url, env=saturation_env,
                                    users=USERS, seconds=timing.saturation, think=False, spawn_rate=USERS,
                                    prefix=out / "saturation")
        memory = app.memory()

    log = app_log.read_text()
    writes = report.Writes(think.acknowledged + saturation.acknowledged, database.check_ins_written(marker))
    errors = report.Errors(think.server_errors + saturation.server_errors,
                           log.count("OperationalError:"), log.count("database is locked"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    heading = [
        f"## Load benchmark {stamp} ({'PostgreSQL' if args.db == 'postgres' else 'SQLite'}"
        f"{', QUICK' if args.quick else ''})",
        "",
        f"{held:,} generated cases; gunicorn {GUNICORN_WORKERS} sync workers; {USERS} people ({WORKERS} caseworkers, "
        f"{LEADS} team leads); load generators on the same {os.cpu_count()} CPUs; load average before "
        f"{load_before[0]:.1f}; commit {commit} (with the working tree's changes). Quote ratios, not absolutes.",
    ]
    text = report.markdown(
        heading=heading, references=[l1, l2, l2_login], l2_alone=l2_alone, pages=pages, think=think,
        saturation=saturation,
        think_note=f"{USERS} people arriving {timing.arrivals:g} a second, 1-3 s between pages, {timing.think} s",
        saturation_note=f"{USERS} people logged in beforehand, {timing.saturation} s", writes=writes, errors=errors,
        memory=memory)
    results = ROOT / "bench" / "load" / f"results-{stamp[:10]}-{args.db}{'-quick' if args.quick else ''}.md"
    results.write_text(text)
    report.into_docs(ROOT / "docs" / "PERFORMANCE.md", f"{args.db}{' QUICK' if args.quick else ''}", text)
    print(f"\n{text}\nwritten to {results.relative_to(ROOT)} and docs/PERFORMANCE.md; logs and locust's CSV in "
          f"{out.relative_to(ROOT)}")
    problems = what_failed(think, saturation, pages, writes, errors)
    if problems:
        print("\nfailed: " + "; ".join(problems))
        sys.exit(1)


def what_failed(think: loadgen.LocustRun, saturation: loadgen.LocustRun, pages: list[single_pages.Measured],
                writes: report.Writes, errors: report.Errors) -> list[str]:
    """What must hold however busy the machine is (CI runs `make bench QUICK=1` for it): every request answered,
    check-ins recorded and none lost, no database error. The timings are for reading, never a failure here."""
    problems = []
    failures = sum(row.failures for run in (think, saturation) for row in run.rows[:-1])  # the last row is "all"
    failures += sum(m.many.failures + m.alone.failures for m in pages)
    if failures:
        problems.append(f"{failures} requests failed")
    if not writes.acknowledged:
        problems.append("no check-in was recorded: the journeys did not get round")
    if writes.lost:
        problems.append(f"{writes.lost} acknowledged check-ins are not in the database")
    if errors.http_500 or errors.operational or errors.locked:
        problems.append(f"{errors.http_500} answers with 500, {errors.operational} OperationalErrors, "
                        f"{errors.locked} 'database is locked' in the server's log")
    return problems


if __name__ == "__main__":
    main()
