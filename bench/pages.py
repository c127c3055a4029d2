"""Time the busiest pages and API calls against a database with many cases.

    .venv/bin/python bench/pages.py --cases 10000            # SQLite file in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/pages.py --cases 10000

Creates the database, loads `generate_load_data`, then requests each page REPEAT times through Django's
test client (the whole middleware stack, no network) as a worker of the load organisation whose team lead
view sees a fifth of all cases. Prints median and 95th percentile in milliseconds and the query count.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=30)
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

    from safehold.accounts.models import Membership, Role, User
    from safehold.accounts.services import token_create
    from safehold.cases.models import Case
    from safehold.demo.load import generate_load_data

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    organisation = generate_load_data(cases=args.cases)
    print(f"loaded {args.cases} cases in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    # Fresh statistics, as autovacuum would have them on a live database after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    lead = User.objects.create_user("bench-lead", organisation=organisation)
    Membership.objects.create(user=lead, role=Role.TEAM_LEAD, team=organisation.teams.first())
    worker = User.objects.filter(organisation=organisation, username__contains="worker").first()
    case = Case.objects.filter(assignments__user=worker).first()
    _token, key = token_create(user=lead)

    web = Client()
    web.force_login(lead)
    worker_web = Client()
    worker_web.force_login(worker)
    api = Client(headers={"Authorization": f"Bearer {key}"})
    visible = Case.objects.filter(team=organisation.teams.first()).count()
    print(f"team lead sees {visible} cases; worker's case has {case.people.count()} people\n")

    checks = [
        ("case list, team lead, page 1", web, "/cases/"),
        ("case list, search 'sorensen'", web, "/cases/?q=sorensen"),
        ("case list, status filter, page 5", web, "/cases/?status=monitoring&page=5"),
        ("start page (my work), worker", worker_web, "/"),
        ("case page, worker", worker_web, f"/cases/{case.pk}/"),
        ("API GET /cases (25)", api, "/api/v1/cases"),
        ("API GET /cases?q=muller", api, "/api/v1/cases?q=muller"),
    ]
    print(f"{'page':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, client, url in checks:
        client.get(url)  # warm up: templates compiled, connection open
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{label:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(queries):>8}")


if __name__ == "__main__":
    main()
