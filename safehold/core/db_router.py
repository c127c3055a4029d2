"""Reads of the reports from a streaming replica (DATABASE_REPLICA_URL), so that their aggregate queries over
every case of an organisation do not compete with the caseworkers' pages on the primary.

Only what a view marks reads from the replica (`@use_replica` on a read-only view, or on the helper an API
operation runs; `with replica_reads():` around a block), and only outside a transaction on the primary: a write,
and what it reads inside its transaction (a report's audit record, its chain's head), stay on the primary. A
replica lags a little behind the primary: fine for a report, wrong for a page that then writes what it read, which
must not be marked. Everything else, every write included, goes to the primary. A replica that cannot be reached is
skipped for the primary and checked again after `RECHECK_SECONDS`, with one warning in the log per outage.

The settings install the router only where DATABASE_REPLICA_URL is set.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic
from typing import Any, ParamSpec, TypeVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model

REPLICA = "replica"
RECHECK_SECONDS = 5.0

logger = logging.getLogger(__name__)

_marked: ContextVar[bool] = ContextVar("safehold_replica_reads", default=False)
# (when it was checked on the monotonic clock, whether it answered); per process. Two threads checking at the
# same moment both check: harmless.
_checked: tuple[float, bool] | None = None

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def replica_reads() -> Iterator[None]:
    """What runs inside reads from the replica (where one is configured and answers)."""
    token = _marked.set(True)
    try:
        yield
    except DatabaseError:
        # The replica may have gone away since it was last checked: check it before the next request uses it.
        replica_recheck()
        raise
    finally:
        _marked.reset(token)


def use_replica(view: Callable[P, R]) -> Callable[P, R]:
    """Marks a read-only view (a report's page, its CSV): its reads go to the replica. Put it below
    `login_required`, so that the session and the user are still read from the primary."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


def replica_marked() -> bool:
    """Whether the code running now asked to read from the replica."""
    return _marked.get()


def replica_recheck() -> None:
    """The next marked read checks again whether the replica answers (its last answer kept for the log)."""
    global _checked
    if _checked is not None:
        _checked = (float("-inf"), _checked[1])


def replica_reachable() -> bool:
    """Whether the replica answers, checked at most every RECHECK_SECONDS (a connection, or `SELECT 1` on the
    one already open)."""
    global _checked
    now = monotonic()
    if _checked is not None and now - _checked[0] < RECHECK_SECONDS:
        return _checked[1]
    was_reachable = _checked[1] if _checked is not None else True
    reachable = _answers(REPLICA)
    _checked = (now, reachable)
    if was_reachable and not reachable:
        logger.warning("The database replica %r does not answer: reading from the primary.", REPLICA)
    elif reachable and not was_reachable:
        logger.warning("The database replica %r answers again: reading the marked views from it.", REPLICA)
    return reachable


def _answers(alias: str) -> bool:
    connection = connections[alias]
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
    except DatabaseError:
        connection.close()
        return False
    return True


class ReplicaRouter:
    """Marked reads to the replica, everything else to the primary (see the module's docstring)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if replica_marked() and not connections[DEFAULT_DB_ALIAS].in_atomic_block and replica_reachable():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # The same rows on both: a team read from the replica may be named by an audit record written to the primary.
        return True
