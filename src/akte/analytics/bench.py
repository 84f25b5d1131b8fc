"""`akte bench analytics`: every report on DuckDB at N (and a larger N) procedures, on Spark
local at N, beside a naive baseline in the same run: the same figure by a row-by-row pass in
Python over the same rows (what a script without an analytics engine would do)."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections import Counter
from pathlib import Path

from akte.core.machine import machine as machine_info

from . import reports
from .engines import DuckDB, Spark
from .run import run as run_report
from .synth import generate


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _reports(folder: Path, runner, repeat: int) -> dict[str, dict[str, float]]:
    out = {}
    for name in reports.catalogue().reports:
        samples = [
            _timed(lambda name=name: run_report(name, folder=folder, runner=runner))
            for _ in range(repeat)
        ]
        out[name] = _ms(samples)
    return out


def _naive_protection_rate(folder: Path) -> None:
    """The protection rate by year and nationality, row by row over the decisions."""
    import pyarrow.parquet as pq

    protection = set(reports.catalogue().protection)
    table = pq.read_table(
        folder / "decisions.parquet", columns=["decided_on", "nationality", "outcome"]
    )
    hits, totals = Counter(), Counter()
    for row in table.to_pylist():
        key = (row["decided_on"].year, row["nationality"])
        totals[key] += 1
        hits[key] += row["outcome"] in protection
    {key: hits[key] / totals[key] for key in totals}


def run(procedures: int, large: int, spark: bool, repeat: int, folder: Path, echo=None) -> dict:
    say = echo or (lambda _text: None)
    result: dict[str, object] = {
        "machine": {
            **machine_info(),
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
            "python": platform.python_version(),
        },  # fmt: skip
        "workload": {
            "procedures": procedures,
            "large": large,
            "repeat": repeat,
            "reports": len(reports.catalogue().reports),
        },  # fmt: skip
    }
    main = folder / f"synthetic-{procedures}"
    result["synth_s"] = round(_timed(lambda: generate(procedures, main, echo=say)), 2)
    start = time.perf_counter()
    duck = DuckDB(main)
    result["duckdb_load_s"] = round(time.perf_counter() - start, 2)
    timings = _reports(main, duck, repeat)
    result["duckdb"] = timings
    result["report_p95_ms"] = max(t["p95_ms"] for t in timings.values())
    result["report_p50_ms"] = max(t["p50_ms"] for t in timings.values())
    rate = timings["protection_rate"]
    result["protection_rate_p50_ms"] = rate["p50_ms"]
    result["protection_rate_p95_ms"] = rate["p95_ms"]
    naive = [_timed(lambda: _naive_protection_rate(main)) for _ in range(max(1, repeat // 2))]
    result["baseline_protection_rate"] = {
        "how": "row by row in Python over the same Parquet",
        **_ms(naive),
    }
    if large:
        big = folder / f"synthetic-{large}"
        result["synth_large_s"] = round(_timed(lambda: generate(large, big, echo=say)), 2)
        start = time.perf_counter()
        big_duck = DuckDB(big)
        result["duckdb_large_load_s"] = round(time.perf_counter() - start, 2)
        timings = _reports(big, big_duck, repeat)
        result["duckdb_large"] = timings
        result["report_large_p95_ms"] = max(t["p95_ms"] for t in timings.values())
    if spark:
        start = time.perf_counter()
        session = Spark(main)
        result["spark_start_s"] = round(time.perf_counter() - start, 1)
        result["spark"] = _reports(main, session, max(1, repeat // 2))
    return result
