"""Synthetic data for benchmarks: many cases with realistic names, people and work on them, written in bulk.

Bulk writes skip the services on purpose: this fills a benchmark database, it is not case work. The audit
trail the services would have written is generated with the rest and chained as they chain it (trail.py). The
same seed gives the same data. Cases are written in batches, each in its own transaction, so memory stays flat
whatever the number of cases; on PostgreSQL each batch is written while the next is made (pipeline.py). A load
that at least doubles the cases in the database builds the tables' plain indexes after its rows are in
(indexes.py); a smaller one keeps them, as rebuilding them over what is there would take longer than keeping
them in step.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from safehold.accounts.models import Organisation
from safehold.cases.models import Case
from safehold.demo.load.bulk import Rows, Writer, write
from safehold.demo.load.cases import case_batch, staff_for
from safehold.demo.load.directory import directory_for
from safehold.demo.load.indexes import built_after
from safehold.demo.load.pipeline import pipeline
from safehold.demo.load.trail import Tail, chain_tail, hold_tail, trail_batch
from safehold.demo.load.work import set_outcomes, work_batch

CASES_PER_BATCH = 500


@dataclass(slots=True)
class Batch:
    """One batch's rows, made and ready to store."""

    done: int  # cases of the load written once it is stored
    rows: Rows
    outcomes: dict[str, list[int]]
    chained_after: Tail | None  # where its audit records join the chain (None: no trail)


def generate_load_data(*, cases: int, organisation_name: str = "Load", seed: int = 1,
                       progress: Callable[[int, int], None] | None = None, work: bool = True) -> Organisation:
    """Add `cases` cases to the organisation `organisation_name` (created when missing); `progress` hears
    (cases written, cases asked for) after each batch. `work` False writes the cases, their people and workers
    only, not the work in the tools or the trail (a test of caseloads over hundreds of cases)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        start = Case.objects.filter(organisation__name=organisation_name).count()
        rebuild = cases >= Case.objects.count()
        staff = staff_for(organisation_name, start + cases)
        directory = directory_for(staff.organisation, start + cases, rng, today)
    tail = chain_tail(staff.organisation)
    out = Writer()

    def make(numbers: range) -> Batch:
        before = Tail(tail.seq, tail.last_hash)
        generated = case_batch(staff, numbers, rng, today, out)
        outcomes = work_batch(generated, rng, today, out, directory) if work else {}
        if work:
            trail_batch(generated, staff, rng, today, out, tail)
        return Batch(numbers.stop - start, out.take(), outcomes, before if work else None)

    def store(batch: Batch) -> None:
        with transaction.atomic():
            if batch.chained_after is not None:
                hold_tail(staff.organisation, batch.chained_after)
            write(batch.rows)
            set_outcomes(batch.outcomes)

    def stored(batch: Batch) -> None:
        if progress is not None:
            progress(batch.done, cases)

    batches = [range(first, min(first + CASES_PER_BATCH, start + cases))
               for first in range(start, start + cases, CASES_PER_BATCH)]
    first = make(batches[0])  # after it the writer knows every table the load writes
    store(first)
    stored(first)
    with built_after(out.written if rebuild else ()), pipeline(store, stored) as line:
        for numbers in batches[1:]:
            line.put(make(numbers))
    return staff.organisation
