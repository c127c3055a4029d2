"""Writing one batch while the next is made: PostgreSQL and Python each on a core of their own.

Made one after the other, a batch spent about half its time in Python making rows and half waiting for
PostgreSQL to take them in (`COPY`, key checks, the audit trigger, the indexes): each left the other core idle.
Here a second thread stores each batch on a connection of its own, in its own transaction, while the main
thread makes the next; the thread waits for the server most of the time, so the two hardly compete for
Python's lock. At most two batches are in memory: one being stored, one being made. A batch fails as it
would have: its transaction is rolled back, and the load stops with its error once the batch before has ended.

On SQLite (one writer at a time) and inside a caller's transaction (a test's, whose rows another connection
would not see) each batch is stored in line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Generic, TypeVar

from django.db import connection, connections

Batch = TypeVar("Batch")


class Pipeline(Generic[Batch]):
    """Hands batches to `store`, one at a time and in order, and tells `stored` of each once it is written."""

    def __init__(self, store: Callable[[Batch], None], stored: Callable[[Batch], None],
                 executor: ThreadPoolExecutor | None) -> None:
        self._store, self._stored, self._executor = store, stored, executor
        self._pending: tuple[Future[None], Batch] | None = None

    def put(self, batch: Batch) -> None:
        """Store `batch` (after the one before has been stored), then tell `stored`."""
        if self._executor is None:
            self._store(batch)
            self._stored(batch)
            return
        self.wait()
        self._pending = (self._executor.submit(self._store, batch), batch)

    def wait(self) -> None:
        """Wait until every batch put is stored; raises a batch's error."""
        if self._pending is not None:
            future, batch = self._pending
            self._pending = None
            future.result()
            self._stored(batch)


@contextmanager
def pipeline(store: Callable[[Batch], None], stored: Callable[[Batch], None]) -> Iterator[Pipeline[Batch]]:
    """A pipeline for the body, storing in a second thread on PostgreSQL outside a transaction. Leaving the body
    waits for the last batch (the indexes and the next step need it written) and closes the thread's
    connection."""
    overlap = connection.vendor == "postgresql" and not connection.in_atomic_block
    if not overlap:
        yield Pipeline(store, stored, None)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load-writer") as executor:
        line = Pipeline(store, stored, executor)
        try:
            yield line
        finally:
            try:
                line.wait()
            finally:
                executor.submit(connections.close_all).result()
