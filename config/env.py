"""Everything Safehold reads from the environment, in one place."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env() -> dj_database_url.DBConfig:
    """DATABASE_URL in the usual URL form; unset, an SQLite file in the project folder."""
    return _database(env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'safehold.sqlite3'}")


def replica_from_env() -> dj_database_url.DBConfig | None:
    """DATABASE_REPLICA_URL: a streaming replica of the PostgreSQL database, for the reports
    (safehold/core/db_router.py); unset, None."""
    url = env_str("DATABASE_REPLICA_URL")
    if not url:
        return None
    config = _database(url)
    if config["ENGINE"] != "django.db.backends.sqlite3":
        # A replica that is down is skipped for the primary: a host that drops packets must not hold a request
        # (or the check) for long.
        config["OPTIONS"]["connect_timeout"] = 2
    # In a test database the replica is the primary's (a test keeps its writes in a transaction no replica
    # sees); the replica's own tests (safehold/core/tests/test_replica.py) use the real databases instead.
    config["TEST"] = {"MIRROR": "default"}
    return config


def _database(url: str) -> dj_database_url.DBConfig:
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # Several gunicorn workers write to one file without "database is locked": WAL lets readers go on beside
        # the one writer; IMMEDIATE takes the write lock at BEGIN, where a busy writer is waited for (`timeout`,
        # SQLite's busy_timeout, 20 s), instead of failing when a transaction that read turns to writing.
        # synchronous=NORMAL is safe with WAL (a power cut may lose the last commits, never corrupt the file).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
        # PostgreSQL compiles a query to machine code when its estimated cost is high (JIT). Safehold's queries
        # run in milliseconds; the compiling alone took 0.6 s of a 2.3 s report over 100,000 cases
        # (bench/reports.py, docs/PERFORMANCE.md).
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return config
