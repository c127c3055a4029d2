"""Time the map pages, the comparison, the PDF and the map API on a case with a long history.

    .venv/bin/python bench/maps.py --maps 12 --entries 200
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_maps .venv/bin/python bench/maps.py

Builds a database with `generate_load_data` (1,000 cases, so the maps share tables with other cases'
rows), then gives one case MAPS maps a few weeks apart, each a copy of the one before with ENTRIES entries,
views on a tenth of them and safety scores from five voices, all through the services. Times each request
REPEAT times through Django's whole middleware stack (test client, no network) as the assigned worker and
prints median and 95th percentile in milliseconds and the query count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--maps", type=int, default=12)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
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

    from safehold.accounts.models import User
    from safehold.accounts.services import token_create
    from safehold.cases import services as cases
    from safehold.demo.load import generate_load_data
    from safehold.mapping import services as mapping
    from safehold.mapping.models import Entry, Part

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    organisation = generate_load_data(cases=1000)
    worker = User.objects.filter(organisation=organisation, username__contains="worker").first()
    assert worker is not None
    # A case of its own: the load data's cases have maps of their own, and a new map starts as a copy of the
    # latest, which would be theirs rather than the benchmark's.
    case = cases.case_create(actor=worker, reference="BENCH-MAPS", family_name="Jensen",
                             opened_on=timezone.localdate() - timedelta(weeks=3 * args.maps + 4))
    people = [cases.person_create(actor=worker, case=case, role=role, first_name=name)
              for role, name in (("child", "Mia"), ("parent", "Sandra"), ("parent", "Tom"), ("network", "Oma"))]
    voices = [f"person:{p.pk}" for p in people] + [f"user:{worker.pk}"]

    started = time.perf_counter()
    today = timezone.localdate()
    first = mapping.map_create(actor=worker, case=case, drawn_on=today - timedelta(weeks=3 * args.maps),
                               meeting_kind="assessment", participants=voices)
    for n in range(args.entries):
        mapping.entry_create(actor=worker, case=case, map_=first, voice=voices[n % len(voices)],
                             part=Part.values[n % len(Part.values)], text=f"Statement {n}: what was seen, by whom.")
    for entry in Entry.objects.filter(map=first)[: args.entries // 10]:
        mapping.stance_set(actor=worker, case=case, entry=entry, voice=voices[1], agrees=False, words="Not so")
    maps = [first]
    for m in range(args.maps):
        current = maps[-1] if m == 0 else mapping.map_create(
            actor=worker, case=case, drawn_on=today - timedelta(weeks=3 * (args.maps - m)), meeting_kind="review")
        if m:
            maps.append(current)
        for v, voice in enumerate(voices):
            mapping.scale_set(actor=worker, case=case, map_=current, voice=voice, score=min(10, 2 + m // 2 + v % 3),
                              reason="Because of what we saw this month")
    print(f"built {len(maps)} maps of {args.entries} entries in {time.perf_counter() - started:.1f} s "
          f"({connection.vendor})")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    _token, key = token_create(user=worker)
    web = Client()
    web.force_login(worker)
    api = Client(headers={"Authorization": f"Bearer {key}"})
    latest, before = maps[-1], maps[-2] if len(maps) > 1 else maps[-1]
    base = f"/cases/{case.pk}/maps"
    checks = [
        (f"map page ({args.entries} entries)", web, f"{base}/{latest.pk}/", {}),
        ("map page, htmx part swap", web, f"{base}/{latest.pk}/parts/strengths/", {"HTTP_HX_REQUEST": "true"}),
        (f"maps + charts ({len(maps)} maps)", web, f"{base}/", {}),
        ("case page with chart", web, f"/cases/{case.pk}/", {}),
        ("compare two maps", web, f"{base}/compare/?before={before.pk}&after={latest.pk}", {}),
        ("map PDF (A4 landscape)", web, f"{base}/{latest.pk}/pdf/", {}),
        ("API GET map", api, f"/api/v1/cases/{case.pk}/maps/{latest.pk}", {}),
        ("API GET scaling", api, f"/api/v1/cases/{case.pk}/scaling", {}),
    ]
    print(f"\n{'request':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, client, url, headers in checks:
        client.get(url, **headers)  # warm up: templates compiled, connection open, fonts loaded
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url, **headers)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{label:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(queries):>8}")


if __name__ == "__main__":
    main()
