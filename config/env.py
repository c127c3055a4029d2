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
    url = env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'safehold.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # IMMEDIATE transactions and WAL let several gunicorn workers write without "database is locked".
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
