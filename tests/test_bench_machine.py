"""Every bench says which machine it ran on (cores, memory, load): one header for all."""

from __future__ import annotations

from pathlib import Path

from akte.core.machine import machine

SRC = Path(__file__).parents[1] / "src" / "akte"
BENCHES = [
    "rules/bench.py", "ledger/bench.py", "matching/bench.py", "dublin/bench.py",
    "courses/bench.py", "analytics/bench.py", "intake/bench.py", "fuzz/runner.py",
    "web/bench/run.py", "web/hearings/bench.py", "web/bench/dublin.py",
    "web/courses/bench.py", "web/load/run.py",
]  # fmt: skip


def test_header_has_cores_memory_and_load():
    header = machine()
    assert header["cpu_count"] >= 1 and header["cpu_usable"] >= 1
    assert header["memory_gib"] > 0 and header["memory_available_gib"] >= 0
    assert len(header["load_average_1_5_15"]) == 3 and header["python"]


def test_every_bench_prints_the_header():
    missing = [f for f in BENCHES if "akte.core.machine" not in (SRC / f).read_text()]
    assert not missing, f"benches without the machine header: {missing}"
