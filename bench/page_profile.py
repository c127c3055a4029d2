"""Where the start page, the case list and the case page spend their time, over the 100,000 cases that
bench/reports.py loads (issue 18).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_reports .venv/bin/python bench/page_profile.py
    ... bench/page_profile.py --profile "case list, team lead"      # and cProfile's top functions for one page

Reads the database as it is (loads nothing, migrates nothing; the pages write their own sessions and read
audit records). Requests each page REPEAT times through Django's whole middleware stack as the load worker
with the most open cases and as bench-lead (team lead of the first team), and prints per page the median
time, the time the queries took (CaptureQueriesContext), the rest (Python: ORM, templates, the audit rows),
and the query count. The case page twice: as a second view serves it (its body kept, core/fragment_cache.py),
and rendered afresh, as the first view after a change.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--profile", default="", help="a page's label: print cProfile's top functions for it")
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from safehold.accounts.models import User
    from safehold.cases.models import Case, CaseStatus
    from safehold.core.fragment_cache import CACHE_ALIAS

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    open_statuses = [status for status in CaseStatus.values if status != CaseStatus.CLOSED]
    worker = (User.objects.filter(username__startswith="load-worker-")
              .annotate(open=Count("case_assignments", filter=Q(case_assignments__case__status__in=open_statuses)))
              .order_by("-open", "pk").first())
    assert worker is not None, "no load data: run bench/reports.py first"
    # bench/reports.py adds "bench-lead", make bench "bench-lead-1" to "bench-lead-4".
    lead = User.objects.filter(username__startswith="bench-lead").order_by("username").first()
    assert lead is not None, "no team lead: run bench/reports.py or make bench first"
    case = (Case.objects.filter(assignments__user=worker, status__in=open_statuses)
            .order_by("-updated_at", "-id").first())
    assert case is not None
    print(f"worker {worker.username} ({worker.open} open cases), case {case.pk}\n")
    pages = [
        ("start page, worker", worker, "/"),
        ("start page, team lead", lead, "/"),
        ("case list, worker", worker, "/cases/"),
        ("case list, team lead", lead, "/cases/"),
        ("search jensen, worker", worker, "/cases/?q=jensen"),
        ("search jensen, lead", lead, "/cases/?q=jensen"),
        ("case page, worker", worker, f"/cases/{case.pk}/"),
        # Each request as the first after a change: the kept body (core/fragment_cache.py) thrown away before.
        ("case page, rendered", worker, f"/cases/{case.pk}/"),
    ]
    print(f"{'request':<24} {'median ms':>10} {'SQL ms':>8} {'rest ms':>8} {'queries':>8}")
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up: templates compiled, connection open
        timings, sql = [], []
        for _ in range(args.repeat):
            if label.endswith("rendered"):
                caches[CACHE_ALIAS].clear()
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
        median, median_sql = statistics.median(timings), statistics.median(sql)
        print(f"{label:<24} {median:>10.1f} {median_sql:>8.1f} {median - median_sql:>8.1f} {len(queries):>8}",
              flush=True)
        if label == args.profile:
            profiler = cProfile.Profile()
            for _ in range(3):
                if label.endswith("rendered"):
                    caches[CACHE_ALIAS].clear()
                profiler.runcall(client.get, url)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
