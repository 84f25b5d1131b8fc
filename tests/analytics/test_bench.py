"""`akte bench analytics`: every report's p50/p95 from the cubes, the baselines of the same run,
and a snapshot folder already there reused (its cube built when missing)."""

import shutil

from akte.analytics import bench, reports


def test_every_report_is_timed_beside_the_baselines_and_the_folder_is_reused(tmp_path):
    first = bench.run(2000, 0, False, 2, tmp_path)
    for name in reports.catalogue().reports:
        assert first["duckdb"][name]["p95_ms"] >= first["duckdb"][name]["p50_ms"] > 0
        assert f"{name}_p95_ms" in first and name in first["baseline_direct_sql"]
    assert first["baseline_protection_rate"]["p95_ms"] > 0 and first["machine"]["load_average"]
    assert first["cube_build_s"] is not None and first["cube_cells"] > 0
    shutil.rmtree(tmp_path / "synthetic-2000" / "cubes")
    again = bench.run(2000, 0, False, 1, tmp_path)
    assert again["synth_s"] == "reused" and again["cube_cells"] == first["cube_cells"]
