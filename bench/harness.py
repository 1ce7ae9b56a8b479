"""Timing, query counting, the raw-SQL floor and the results file, for bench/run.py.

An operation is a small object with `run()` (what the recruiter waits for: a request through
Django's test client, server time, in process) and optionally `floor()` (the same rows fetched
by hand-written SQL through the raw driver). Each is warmed up, then timed `runs` times.
"""

import json
import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SLOW_MS = 1000
SLOW_RUNS = 3


@dataclass
class Op:
    name: str
    run: Callable[[], object]
    floor: Callable[[], object] | None = None
    # Targets from issue 8, in milliseconds (median, p95); None where the target is no latency.
    target: tuple[float, float] | None = (50, 150)
    floor_ratio: float | None = None  # "within 2x of the floor"
    runs: int | None = None  # fewer for slow operations
    note: str = ""
    http_target: float | None = None  # median ms over HTTP (issue 15: the peer's figures)


@dataclass
class Result:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    cpu_median_ms: float | None = None
    floor_median_ms: float | None = None
    floor_p95_ms: float | None = None
    ratio: float | None = None
    target: tuple[float, float] | None = None
    floor_ratio: float | None = None
    met: bool | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)
    http_target: float | None = None


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile: with 20 runs, the second slowest."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(fn: Callable[[], object], runs: int, warmup: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds of `runs` calls after `warmup` untimed ones, and the SQL
    queries of the first warm-up call. The CPU time is this process's only: on a machine
    shared with other work it shows what the wall time would be without waiting for a core
    (SQLite works inside the process; PostgreSQL's own work is not in it). An operation slower
    than SLOW_MS gets no more warm-up and at most SLOW_RUNS runs."""
    queries = 0
    for n in range(warmup):
        started = time.perf_counter()
        if n == 0:
            queries = count_queries(fn)
        else:
            fn()
        if (time.perf_counter() - started) * 1000 > SLOW_MS:
            runs = min(runs, SLOW_RUNS)
            break
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu, queries


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def measure(op: Op, *, runs: int = 20, warmup: int = 2) -> Result:
    runs = op.runs or runs
    warmup = min(warmup, runs)
    samples, cpu, queries = timed(op.run, runs, max(1, warmup))
    result = Result(
        name=op.name,
        runs=len(samples),
        median_ms=statistics.median(samples),
        p95_ms=p95(samples),
        cpu_median_ms=statistics.median(cpu),
        queries=queries,
        target=op.target,
        floor_ratio=op.floor_ratio,
        note=op.note,
        http_target=op.http_target,
    )
    if op.floor is not None:
        floor, _, _ = timed(op.floor, runs, max(1, warmup))
        result.floor_median_ms = statistics.median(floor)
        result.floor_p95_ms = p95(floor)
        result.ratio = result.median_ms / result.floor_median_ms
    result.met = _met(result)
    return result


def _met(result: Result) -> bool | None:
    checks = []
    if result.target:
        checks += [result.median_ms < result.target[0], result.p95_ms < result.target[1]]
    if result.floor_ratio and result.ratio is not None:
        checks.append(result.ratio <= result.floor_ratio)
    if result.http_target and "http_median_ms" in result.extra:
        checks.append(result.extra["http_median_ms"] <= result.http_target)
    return all(checks) if checks else None


def raw_fetch(sql: str, params: tuple | list = ()) -> list[tuple]:
    """Hand-written SQL straight through the driver (sqlite3 or psycopg), no Django layer.
    Write placeholders as %s; SQLite gets ?."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        sql = sql.replace("%s", "?")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def db_time(value: datetime):
    """A datetime as the raw driver must see it: SQLite compares Django's naive UTC text."""
    if connection.vendor == "sqlite":
        return str(value.astimezone(UTC).replace(tzinfo=None))
    return value


def write_results(results: list[Result], *, candidates: int, meta: dict) -> Path:
    """Write the results file; operations measured before and not now (a run with --only)
    keep their earlier figures."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{connection.vendor}-{candidates}.json"
    fresh = [asdict(r) for r in results]
    measured = {r["name"] for r in fresh}
    earlier = json.loads(path.read_text())["operations"] if path.exists() else []
    kept = [r for r in earlier if r["name"] not in measured]
    order = [r["name"] for r in earlier] + [r["name"] for r in fresh]
    by_name = {r["name"]: r for r in kept + fresh}
    data = {
        "database": connection.vendor,
        "candidates": candidates,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        **meta,
        "operations": [by_name[name] for name in dict.fromkeys(order)],
    }
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return path


def markdown_rows(results: list[Result], *, database: str, candidates: int) -> list[str]:
    """Rows for the table in docs/performance.md."""
    rows = []
    for r in results:
        floor = f"{r.floor_median_ms:.1f}" if r.floor_median_ms is not None else "–"
        ratio = f"{r.ratio:.1f}×" if r.ratio is not None else "–"
        met = {True: "yes", False: "**no**", None: "–"}[r.met]
        cpu = f"{r.cpu_median_ms:.1f}" if r.cpu_median_ms is not None else "–"
        http = r.extra.get("http_median_ms")
        http = f"{http:.1f} ({r.extra['http_first_ms']:.0f})" if http is not None else "–"
        rows.append(
            f"| {database} | {candidates:,} | {r.name} | {r.median_ms:.1f} | {r.p95_ms:.1f} | "
            f"{cpu} | {r.queries} | {floor} | {ratio} | {http} | {met} |"
        )
    return rows


def saved_table() -> list[str]:
    """The Markdown table of every results file in bench/results, for docs/performance.md."""
    lines = list(MARKDOWN_HEADER)
    for path in sorted(RESULTS_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        results = [Result(**op) for op in data["operations"]]
        lines += markdown_rows(results, database=data["database"], candidates=data["candidates"])
    return lines


MARKDOWN_HEADER = [
    "| database | candidates | operation | median ms | p95 ms | CPU median ms | queries | "
    "floor ms | ratio | HTTP median ms (first) | target met |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
]


def summary(r: Result) -> str:
    line = f"{r.name:<48} median {r.median_ms:8.1f} ms  p95 {r.p95_ms:8.1f} ms"
    if r.cpu_median_ms is not None:
        line += f"  cpu {r.cpu_median_ms:8.1f} ms"
    line += f"  {r.queries:3} queries"
    if r.ratio is not None:
        line += f"  floor {r.floor_median_ms:7.1f} ms  ratio {r.ratio:5.1f}x"
    if "http_median_ms" in r.extra:
        line += (
            f"  http {r.extra['http_median_ms']:6.1f} ms (first {r.extra['http_first_ms']:6.1f} ms)"
        )
    if r.met is not None:
        line += "  ok" if r.met else "  MISSED"
    if r.note:
        line += f"  ({r.note})"
    return line
