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
    from akte.web.bench.pages import PAGES

    assert data["pages"] == [page.name for page in PAGES]
    for name in ("procedure_list", "procedure_list_filtered", "procedure_page", *data["pages"]):
        assert {f"{name}_p50_ms", f"{name}_p95_ms", f"{name}_p95_vs_baseline"} <= set(data)
    workload = data["workload"]
    assert workload["procedures"] == workload["persons"] == 30
    assert 5 * 30 <= workload["status_events"] <= 15 * 30
    assert workload["spellings"] > 30 and workload["documents"] and workload["hearings"]
    assert {"baseline_p50_ms", "baseline_p95_ms", "machine", "database"} <= set(data)


@pytest.mark.slow
def test_bench_hearing():
    data = run("hearing", "--segments", "6")
    assert data["segments"] == 6
    assert {"save_segment_and_refresh_ms_p95", "baseline_without_rulebook_ms_p95"} <= set(data)
    assert data["save_refresh_p95_ms"] > 0 and data["tags"] >= 1 and data["answers"] >= 1
    assert data["chunk_upload_count"] == 40 and data["chunk_upload_p95_ms"] > 0
