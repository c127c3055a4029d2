"""Time every report against an organisation with many cases, as the people who read them.

    .venv/bin/python bench/reports.py --cases 2000                    # SQLite file in a temp dir
    createdb -h 127.0.0.1 -U postgres bench_reports && \
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_reports .venv/bin/python bench/reports.py

Loads `generate_load_data` (100,000 cases by default: their people, maps, plans, conversations and outcomes;
skipped when the database already holds that many, so a second run measures only), runs `VACUUM (ANALYZE)`
(SQLite: `ANALYZE`), then requests each report's page, its CSV and its API answer REPEAT times through Django's
whole middleware stack (test client, no network): as the organisation's admin for the whole organisation over the
last 12 months, and as a team lead for their team. Prints median and 95th percentile in milliseconds and the query
count; ends with status 1 when a median reaches one second (the issue's budget).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_MS = 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from safehold.accounts.models import Membership, Organisation, Role, User
    from safehold.accounts.services import token_create
    from safehold.cases.models import Case
    from safehold.demo.load import generate_load_data
    from safehold.reports.registry import REPORTS

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    have = Case.objects.filter(organisation__name="Load").count()
    if have < args.cases:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            print(f"\r  {done:,} of {total:,} cases, {time.perf_counter() - started:.0f} s", end="", flush=True)

        generate_load_data(cases=args.cases - have, progress=progress)
        print(f"\nloaded {args.cases - have:,} cases in {time.perf_counter() - started:.1f} s ({connection.vendor})")
        # Fresh statistics and visibility maps (index-only scans), as autovacuum would have them on a live
        # database some minutes after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
    organisation = Organisation.objects.get(name="Load")
    team = organisation.teams.order_by("pk")[0]
    admin, _new = User.objects.get_or_create(username="bench-admin", organisation=organisation)
    lead, _new = User.objects.get_or_create(username="bench-lead", organisation=organisation)
    Membership.objects.get_or_create(user=admin, role=Role.ORG_ADMIN, team=None)
    Membership.objects.get_or_create(user=lead, role=Role.TEAM_LEAD, team=team)
    _token, key = token_create(user=admin)
    today = timezone.localdate()
    period = f"from={today.replace(year=today.year - 1).isoformat()}&to={today.isoformat()}"
    cases = Case.objects.filter(organisation=organisation).count()
    print(f"{cases:,} cases in the organisation, {Case.objects.filter(team=team).count():,} in {team.name}; "
          f"period {period}\n")

    admin_web, lead_web = Client(), Client()
    admin_web.force_login(admin)
    lead_web.force_login(lead)
    api = Client(headers={"Authorization": f"Bearer {key}"})
    checks = []
    for report in REPORTS:
        checks += [
            (f"{report.SLUG}, page, organisation", admin_web, f"/reports/{report.SLUG}/?{period}"),
            (f"{report.SLUG}, page, team lead", lead_web, f"/reports/{report.SLUG}/?{period}"),
            (f"{report.SLUG}, CSV for publication", admin_web,
             f"/reports/{report.SLUG}/?{period}&format=csv&publication=on"),
            (f"{report.SLUG}, API JSON", api, f"/api/v1/reports/{report.SLUG}?{period}"),
        ]
    over = []
    print(f"{'request':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, client, url in checks:
        client.get(url)  # warm up: templates compiled, connection open
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        median = statistics.median(timings)
        print(f"{label:<44} {median:>10.1f} {p95:>8.1f} {len(queries):>8}", flush=True)
        if median >= BUDGET_MS:
            over.append(label)
    if over:
        print(f"\nover {BUDGET_MS} ms: {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
