"""The embedded SQLite database under several writers at once (gunicorn's workers): write-ahead log, a busy
timeout, and write transactions that take the lock at BEGIN, so that a writer waits instead of failing with
"database is locked".

The suite's own database is SQLite in memory; these tests open the file database that config/env.py builds
when DATABASE_URL is unset, under an alias of their own."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

from config.env import database_from_env

ALIAS = "sqlite_file"
THREADS = 2
TRANSACTIONS = 50


@pytest.fixture
def sqlite_file(monkeypatch, tmp_path, django_db_blocker):
    """The alias ALIAS: the SQLite file database as configured for production, with one table."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'safehold.sqlite3'}")
    settings_dict = ConnectionHandler({"default": database_from_env()}).settings["default"]
    connections.settings[ALIAS] = settings_dict
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE written (id integer PRIMARY KEY, thread integer, n integer)")
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def test_the_file_database_writes_ahead_and_waits_for_a_busy_lock(sqlite_file):
    with sqlite_file.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_two_writers_at_once_both_finish_without_database_is_locked(sqlite_file):
    # Each transaction reads, lets the other thread run, then writes: with SQLite's default (deferred)
    # transactions a writer whose read is older than the other's commit fails at once on the upgrade from reading
    # to writing, whatever the busy timeout (it did, every run, with transaction_mode left out).
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def write(thread: int) -> None:
        try:
            start.wait()
            for _ in range(TRANSACTIONS):
                with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM written WHERE thread = %s", [thread])
                    (count,) = cursor.fetchone()
                    time.sleep(0.001)
                    cursor.execute("INSERT INTO written (thread, n) VALUES (%s, %s)", [thread, count])
        except BaseException as error:  # a thread's failure is the test's, asserted below
            errors.append(error)
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with sqlite_file.cursor() as cursor:
        cursor.execute("SELECT thread, n FROM written ORDER BY thread, n")
        assert cursor.fetchall() == [(t, n) for t in range(THREADS) for n in range(TRANSACTIONS)]
