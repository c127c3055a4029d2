"""The benchmark's database: PostgreSQL `safehold_bench` on 127.0.0.1 (created when missing) or an SQLite file
under var/bench/, migrated, and holding at least the cases asked for (generated only when it holds fewer)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

NAME = "safehold_bench"
MARKER = "load bench"  # how each run's check-ins begin their note (bench/load/journeys.py)
POSTGRES = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]


def database_url(kind: str, root: Path) -> str:
    if kind == "postgres":
        return f"postgres://postgres@127.0.0.1:5432/{NAME}"
    return f"sqlite:///{root / 'var' / 'bench' / f'{NAME}.sqlite3'}"


def create_postgres() -> None:
    query = f"SELECT 1 FROM pg_database WHERE datname = '{NAME}'"  # noqa: S608 (a constant)
    found = subprocess.run(["psql", *POSTGRES, "-tAc", query],
                           capture_output=True, text=True, check=True).stdout.strip()
    if not found:
        subprocess.run(["createdb", *POSTGRES, NAME], check=True)


def prepare(cases: int) -> int:
    """Migrate, top the organisation 'Load' up to `cases` cases; the number it holds. Needs django.setup()."""
    from django.core.management import call_command
    from django.db import connection

    from safehold.cases.models import Case

    call_command("migrate", verbosity=0)
    have = Case.objects.filter(organisation__name="Load").count()
    if have < cases:
        started = time.perf_counter()
        call_command("generate_load_data", cases=cases - have)
        print(f"generated {cases - have:,} cases in {time.perf_counter() - started:.0f} s", flush=True)
        # Statistics and visibility maps (index-only scans), as autovacuum leaves them on a live database.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
    return Case.objects.filter(organisation__name="Load").count()


def check_ins_written(marker: str) -> int:
    """Check-ins in the database whose note carries this run's marker (bench/load/journeys.py writes it)."""
    from safehold.safety_plans.models import CheckIn

    return CheckIn.objects.filter(note__startswith=marker).count()


def clear_earlier_runs() -> int:
    """Delete the check-ins earlier runs recorded; how many. Each run records hundreds on the same 16 plans, and
    without this every run would measure the plan page with more of them than the last (docs/PERFORMANCE.md)."""
    from safehold.safety_plans.models import CheckIn

    deleted, _by_model = CheckIn.objects.filter(note__startswith=MARKER).delete()
    return deleted
