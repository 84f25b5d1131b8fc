"""`akte bench analytics`: every report on DuckDB at N (and a larger N) procedures, read from
the snapshot's cubes (what the CLI and the dashboard do), on Spark local at N (its SQL), beside
baselines in the same run: each report's direct SQL on DuckDB (no cube), and the protection
rate by a row-by-row pass in Python over the same rows (a script without an analytics engine).
A snapshot folder already there (`synthetic-N` under `--folder`) is reused; a missing cube is
built and timed."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections import Counter
from pathlib import Path

from akte.core.machine import machine as machine_info

from . import cube, reports, snapshot
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


def _reports(
    folder: Path, runner, repeat: int, *, direct: bool = False, names=None
) -> dict[str, dict[str, float]]:
    out = {}
    for name in names or reports.catalogue().reports:
        call = lambda name=name: run_report(name, folder=folder, runner=runner, direct=direct)  # noqa: E731
        out[name] = _ms([_timed(call) for _ in range(repeat)])
    return out


def _snapshot(procedures: int, folder: Path, result: dict, suffix: str, say) -> None:
    """The synthetic snapshot (reused when there) and its cubes (built when missing)."""
    if (folder / snapshot.MANIFEST).is_file():
        result[f"synth{suffix}_s"] = "reused"
    else:
        result[f"synth{suffix}_s"] = round(
            _timed(lambda: generate(procedures, folder, echo=say)), 2
        )
    if not cube.usable(folder, snapshot.read(folder)):
        cube.build(folder, echo=say)
    index = json.loads((folder / cube.FOLDER / cube.INDEX).read_text())
    result[f"cube{suffix}_build_s"] = index.get("build_s")
    result[f"cube{suffix}_cells"] = sum(index["cells"].values())


def _summary(result: dict, timings: dict, prefix: str) -> None:
    result[f"{prefix}report_p95_ms"] = max(t["p95_ms"] for t in timings.values())
    result[f"{prefix}report_p50_ms"] = max(t["p50_ms"] for t in timings.values())
    for name, t in timings.items():
        result[f"{prefix}{name}_p50_ms"], result[f"{prefix}{name}_p95_ms"] = (
            t["p50_ms"],
            t["p95_ms"],
        )


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
            "load_average": os.getloadavg(),
        },  # fmt: skip
        "workload": {
            "procedures": procedures,
            "large": large,
            "repeat": repeat,
            "reports": len(reports.catalogue().reports),
        },  # fmt: skip
    }
    main = folder / f"synthetic-{procedures}"
    _snapshot(procedures, main, result, "", say)
    start = time.perf_counter()
    duck = DuckDB(main)
    result["duckdb_load_s"] = round(time.perf_counter() - start, 2)
    timings = _reports(main, duck, repeat)
    result["duckdb"] = timings
    _summary(result, timings, "")
    direct = _reports(main, duck, max(1, repeat // 2), direct=True)
    result["baseline_direct_sql"] = {"how": "each report's SQL on DuckDB, no cube", **direct}
    result["baseline_report_p95_ms"] = max(t["p95_ms"] for t in direct.values())
    naive = [_timed(lambda: _naive_protection_rate(main)) for _ in range(max(1, repeat // 2))]
    result["baseline_protection_rate"] = {
        "how": "row by row in Python over the same Parquet",
        **_ms(naive),
    }
    duck.close()
    if large:
        big = folder / f"synthetic-{large}"
        _snapshot(large, big, result, "_large", say)
        timings = _reports(big, None, repeat)  # from the cubes: the tables are not loaded
        result["duckdb_large"] = timings
        _summary(result, timings, "large_")
        slow = ("protection_rate", "hearing_quality")
        big_duck = DuckDB(big, load=False)
        result["baseline_large_direct_sql"] = {
            "how": "the SQL on DuckDB over the Parquet files, no cube, one run each",
            **_reports(big, big_duck, 1, direct=True, names=slow),
        }
        big_duck.close()
    if spark:
        start = time.perf_counter()
        session = Spark(main)
        result["spark_start_s"] = round(time.perf_counter() - start, 1)
        result["spark"] = _reports(main, session, max(1, repeat // 2), direct=True)
        result["spark_report_p95_ms"] = max(t["p95_ms"] for t in result["spark"].values())
    result["load_average_end"] = os.getloadavg()
    return result
