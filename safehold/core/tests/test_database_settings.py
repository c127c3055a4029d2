"""The database connection Safehold builds from DATABASE_URL."""

import pytest
from django.db import connection

from config.env import database_from_env


def test_postgresql_connections_switch_just_in_time_compilation_off(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://safehold@db.example:5432/safehold")
    config = database_from_env()
    assert config["OPTIONS"]["options"] == "-c jit=off"
    assert config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_connections_wait_for_a_lock_and_write_ahead(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    config = database_from_env()
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


@pytest.mark.django_db
def test_the_running_postgresql_connection_has_jit_off():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: CI runs the suite on it too")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
