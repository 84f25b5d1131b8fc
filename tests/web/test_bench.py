"""The web benchmarks run end to end (tiny sizes) and print JSON with their baselines."""

import json
import subprocess
import sys

import pytest


def run(*args):
    result = subprocess.run(
        [sys.executable, "-m", "akte", "bench", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.slow
def test_bench_web():
    data = run("web", "--procedures", "30", "--requests", "10")
    for key in ("procedure_list", "procedure_list_filtered", "procedure_page"):
        assert {"p50_ms", "p95_ms", "p95_vs_baseline"} <= set(data[key])
    assert data["procedures"] == 30 and "baseline_login_page" in data


@pytest.mark.slow
def test_bench_hearing():
    data = run("hearing", "--segments", "6")
    assert data["segments"] == 6
    assert {"save_segment_and_refresh_ms_p95", "baseline_without_rulebook_ms_p95"} <= set(data)
    assert data["save_refresh_p95_ms"] > 0 and data["tags"] >= 1 and data["answers"] >= 1
    assert data["chunk_upload_count"] == 40 and data["chunk_upload_p95_ms"] > 0
