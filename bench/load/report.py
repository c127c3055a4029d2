"""The results as markdown: the reference levels, the journeys with and without think time, the check-ins written
against those acknowledged, server errors and the workers' peak memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.load.loadgen import LocustRun, Row
from bench.load.single_pages import Measured


@dataclass
class Writes:
    acknowledged: int
    written: int

    @property
    def lost(self) -> int:
        return max(0, self.acknowledged - self.written)


@dataclass
class Errors:
    http_500: int
    operational: int  # OperationalError in gunicorn's log
    locked: int  # "database is locked" in gunicorn's log


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _references(rows: list[Row], l2: Row) -> list[str]:
    lines = ["| level | p50 ms | p95 ms | p99 ms | req/s | × L2 req/s | errors (HTTP / socket) |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.name} | {_ms(r.p50)} | {_ms(r.p95)} | {_ms(r.p99)} | {r.rps:,.0f} | {r.rps / l2.rps:.2f} | "
              f"{r.failures} / {r.socket_errors} |" for r in rows]
    return lines


def _pages(run: LocustRun, *, l2_alone: Row | None, l2: Row) -> list[str]:
    ratio = "p50 ÷ L2 p50 (one connection)" if l2_alone else "× L2 req/s"
    lines = [f"| page | requests | failures | p50 ms | p95 ms | p99 ms | req/s | {ratio} |",
             "|---|---|---|---|---|---|---|---|"]
    for r in run.rows:
        if l2_alone is not None:
            times = f"{r.p50 / l2_alone.p50:,.0f}"
        else:
            times = f"{r.rps / l2.rps:.3f}" if r.name == "all" else ""
        name = f"**{r.name}**" if r.name == "all" else r.name
        lines.append(f"| {name} | {r.requests:,} | {r.failures:,} | {_ms(r.p50)} | {_ms(r.p95)} | {_ms(r.p99)} | "
                     f"{r.rps:.1f} | {times} |")
    return lines


def _single_pages(pages: list[Measured], l2_login: Row) -> list[str]:
    lines = ["| page | req/s | p50 ms | p95 ms | × L2 logged in req/s | one request alone, p50 ms | errors |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {m.many.name} | {m.many.rps:,.1f} | {_ms(m.many.p50)} | {_ms(m.many.p95)} | "
              f"{m.many.rps / l2_login.rps:.1%} | {_ms(m.alone.p50)} | "
              f"{m.many.failures + m.alone.failures} / {m.many.socket_errors + m.alone.socket_errors} |" for m in pages]
    return lines


def markdown(*, heading: list[str], references: list[Row], l2_alone: Row, pages: list[Measured], think: LocustRun,
             saturation: LocustRun, think_note: str, saturation_note: str, writes: Writes, errors: Errors,
             memory: list[tuple[int, int, int]]) -> str:
    l2 = next(r for r in references if r.name.startswith("L2 anonymous"))
    l2_login = next(r for r in references if r.name.startswith("L2 logged in"))
    lines = [*heading, "", "### Reference levels (wrk, 16 connections)", "",
             *_references([*references, l2_alone], l2),
             "", "### Each page alone (wrk, 16 connections, one caseworker logged in; then one connection)", "",
             *_single_pages(pages, l2_login),
             "", f"### Journeys with think time ({think_note})", "", *_pages(think, l2_alone=l2_alone, l2=l2),
             "", f"### Saturation, no think time ({saturation_note})", "",
             *_pages(saturation, l2_alone=None, l2=l2),
             "", "### Writes and errors", "",
             f"- check-ins acknowledged (302 to the plan's check-ins): {writes.acknowledged:,}; in the database: "
             f"{writes.written:,}; **lost** (acknowledged, not written): {writes.lost:,}; written without an "
             f"acknowledgement (the answer failed or was cut off at the end): "
             f"{max(0, writes.written - writes.acknowledged):,}",
             f"- HTTP 500 answers: {errors.http_500:,}; `OperationalError` in gunicorn's log: {errors.operational:,} "
             f"(\"database is locked\": {errors.locked:,})",
             "", "### gunicorn workers' memory at the end", "", "| worker pid | peak (VmHWM) MB | now (VmRSS) MB |",
             "|---|---|---|"]
    lines += [f"| {pid} | {peak / 1024:.0f} | {now / 1024:.0f} |" for pid, peak, now in memory]
    return "\n".join(lines) + "\n"


DOCS_SECTION = "## The latest `make bench` tables"


def into_docs(docs: Path, variant: str, text: str) -> None:
    """Put this run's tables into docs/PERFORMANCE.md in place of the last run of the same variant (between its two
    markers, one level down under DOCS_SECTION, which is added at the end the first time); the rest is kept."""
    begin, end = f"<!-- make bench {variant}: begin -->", f"<!-- make bench {variant}: end -->"
    block = "\n".join(f"#{line}" if line.startswith("#") else line for line in text.rstrip().splitlines())
    block = f"{begin}\n{block}\n{end}"
    current = docs.read_text()
    if begin in current and end in current:
        before, rest = current.split(begin, 1)
        updated = before + block + rest.split(end, 1)[1]
    elif DOCS_SECTION in current:
        head, tail = current.split(DOCS_SECTION, 1)
        updated = f"{head}{DOCS_SECTION}\n\n{block}\n{tail}"
    else:
        updated = f"{current.rstrip()}\n\n{DOCS_SECTION}\nWritten by `make bench` (bench/load/run.py), one block per " \
                  f"variant, replaced by the next run of the same variant.\n\n{block}\n"
    docs.write_text(updated)
