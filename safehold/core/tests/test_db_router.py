"""The database router: marked reads go to the replica while it answers, everything else to the primary.

No replica is needed here: whether it answers is either given (`reachable`) or checked against a handler of
SQLite connections, one of which cannot be opened."""

from __future__ import annotations

import logging

import pytest
from django.db import OperationalError, transaction
from django.db.utils import ConnectionHandler

from config.env import database_from_env, replica_from_env
from safehold.cases.models import Case
from safehold.core import db_router
from safehold.core.db_router import (
    RECHECK_SECONDS,
    ReplicaRouter,
    replica_marked,
    replica_reachable,
    replica_reads,
    use_replica,
)

router = ReplicaRouter()


@pytest.fixture(autouse=True)
def _never_checked(monkeypatch):
    monkeypatch.setattr(db_router, "_checked", None)


@pytest.fixture
def reachable(monkeypatch):
    """The replica answers, as far as the router asks."""
    monkeypatch.setattr(db_router, "replica_reachable", lambda: True)


@pytest.fixture
def clock(monkeypatch):
    """The monotonic clock the check's cache reads, moved on by hand."""
    now = [1000.0]
    monkeypatch.setattr(db_router, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def handler(monkeypatch, tmp_path, django_db_blocker):
    """Connections the router sees: a primary and a replica, both SQLite files; `open_replica(False)` moves the
    replica's file into a folder that does not exist, so that connecting to it fails."""
    handler = ConnectionHandler({
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "primary.sqlite3")},
        "replica": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "replica.sqlite3")},
    })
    monkeypatch.setattr(db_router, "connections", handler)

    def open_replica(answers: bool) -> None:
        handler["replica"].close()
        name = tmp_path / ("replica.sqlite3" if answers else "missing/replica.sqlite3")
        handler["replica"].settings_dict["NAME"] = str(name)

    with django_db_blocker.unblock():
        yield open_replica
    handler.close_all()


def test_without_its_url_there_is_no_replica(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    assert replica_from_env() is None


def test_the_replica_is_connected_to_like_the_primary_and_given_up_on_after_two_seconds(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://safehold@db.example:5432/safehold")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://safehold@replica.example:5432/safehold")
    primary, replica = database_from_env(), replica_from_env()
    assert replica is not None and replica["HOST"] == "replica.example"
    assert replica["OPTIONS"] == {**primary["OPTIONS"], "connect_timeout": 2}
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert replica["TEST"] == {"MIRROR": "default"}


def test_reads_go_to_the_primary_unless_marked(reachable):
    assert router.db_for_read(Case) == "default"


def test_marked_reads_go_to_the_replica(reachable):
    with replica_reads():
        assert router.db_for_read(Case) == "replica"
    assert router.db_for_read(Case) == "default"


def test_writes_go_to_the_primary_even_when_marked(reachable):
    with replica_reads():
        assert router.db_for_write(Case) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_stay_there(reachable):
    # The audit record of a report is written in a transaction that reads its chain's head: never stale.
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(Case) == "default"


def test_a_row_read_from_the_replica_may_be_named_by_one_written_to_the_primary():
    assert router.allow_relation(Case(), Case()) is True


def test_the_decorator_marks_the_view_only_while_it_runs():
    @use_replica
    def view(answer: str) -> tuple[str, bool]:
        return answer, replica_marked()

    assert view("report") == ("report", True)
    assert replica_marked() is False


def test_the_mark_ends_with_a_view_that_fails():
    @use_replica
    def view() -> None:
        raise ValueError

    with pytest.raises(ValueError):
        view()
    assert replica_marked() is False


def test_a_replica_that_cannot_be_reached_leaves_marked_reads_on_the_primary_with_one_warning(handler, caplog):
    handler(False)
    with caplog.at_level(logging.WARNING, logger="safehold.core.db_router"), replica_reads():
        assert router.db_for_read(Case) == "default"
        db_router.replica_recheck()  # checked again, still down: no second warning
        assert router.db_for_read(Case) == "default"
    assert [r.getMessage() for r in caplog.records] == [
        "The database replica 'replica' does not answer: reading from the primary."]


def test_a_replica_that_answers_is_read_from(handler):
    handler(True)
    with replica_reads():
        assert router.db_for_read(Case) == "replica"


def test_whether_the_replica_answers_is_checked_again_only_after_some_seconds(handler, clock):
    handler(False)
    assert replica_reachable() is False
    handler(True)
    clock[0] += RECHECK_SECONDS - 1
    assert replica_reachable() is False  # the answer kept from the last check
    clock[0] += 1
    assert replica_reachable() is True


def test_a_replica_that_went_away_since_its_check_is_noticed(handler, clock):
    handler(True)
    assert replica_reachable() is True
    handler(False)
    assert replica_reachable() is True  # within the seconds the answer is kept
    with pytest.raises(OperationalError), replica_reads():
        raise OperationalError("server closed the connection unexpectedly")
    assert replica_reachable() is False
