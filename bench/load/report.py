"""The results as markdown: the reference levels, the journeys with and without think time, the check-ins written
against those acknowledged, server errors and the workers' peak memory."""

from __future__ import annotations

from dataclasses import dataclass

from bench.load.loadgen import LocustRun, Row


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


def markdown(*, heading: list[str], references: list[Row], l2_alone: Row, think: LocustRun, saturation: LocustRun,
             think_note: str, saturation_note: str, writes: Writes, errors: Errors,
             memory: list[tuple[int, int, int]]) -> str:
    l2 = next(r for r in references if r.name.startswith("L2 anonymous"))
    lines = [*heading, "", "### Reference levels (wrk, 16 connections)", "",
             *_references([*references, l2_alone], l2),
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
