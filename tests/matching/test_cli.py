import json

from typer.testing import CliRunner

from akte.cli import app
from akte.matching.bench import record_from_synthetic, run_bench
from akte.synth import generate_persons

runner = CliRunner()


def _records(tmp_path, count=300):
    path = tmp_path / "records.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for person in generate_persons(count=count, seed=11):
            handle.write(json.dumps(record_from_synthetic(person).to_dict(), ensure_ascii=False))
            handle.write("\n")
    return path


def test_index_build_search_update(tmp_path):
    records, index = _records(tmp_path), str(tmp_path / "idx")
    result = runner.invoke(app, ["match", "index", "build", str(records), "--index", index])
    assert result.exit_code == 0, result.output
    first = json.loads(records.read_text(encoding="utf-8").splitlines()[0])
    name = first["names"][0]["given_names"] + " " + first["names"][0]["family_name"]
    result = runner.invoke(app, ["match", "search", name, "--json", "--index", index])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert first["id"] in [c["id"] for c in found]
    assert {f["field"] for f in found[0]["fields"]} >= {"name", "birth_date", "nationality"}
    reasons = [r for f in found[0]["fields"] for r in f["reasons"]]  # codes, not sentences
    assert all(r["code"].startswith("matching.") and "params" in r for r in reasons)
    assert reasons[0]["code"] == "matching.name.exact" and "share" in reasons[0]["params"]
    result = runner.invoke(app, ["match", "index", "update", "--remove", first["id"],
                                 "--remove", "nope", "--index", index])  # fmt: skip
    assert result.exit_code == 0 and "299 records" in result.output


def test_bad_input_is_a_clear_error_not_a_traceback(tmp_path):
    records, index = _records(tmp_path, 20), str(tmp_path / "idx")
    runner.invoke(app, ["match", "index", "build", str(records), "--index", index])
    for args, code in [
        (["match", "search", " !? ", "--index", index], 2),
        (["match", "search", "Ali", "--born", "1990-13", "--index", index], 2),
        (["match", "search", "Ali", "--index", str(tmp_path / "none")], 1),
        (["match", "index", "build", str(tmp_path / "missing.jsonl"), "--index", index], 1),
        (["match", "dedupe", "--engine", "oracle", "--index", index], 2),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == code, (args, result.output)
        assert "error:" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["match", "search", "😀 Mohammed\u200f " + "x" * 10_000,
                                 "--index", index])  # fmt: skip
    assert result.exit_code == 0 and "longer than 200 characters and was cut" in result.output
    result = runner.invoke(
        app, ["match", "search", "Ali", "--born", "31.02.1990", "--index", index]
    )
    assert "--born: day 31 does not exist" in result.output


def test_bench_tiny_has_the_keys():
    result = run_bench(records=300, queries=20, baseline_queries=5)
    keys = {"records", "queries", "recall_at_1", "recall_at_10", "precision_at_threshold",
            "p50_ms", "p95_ms", "build_s", "rss_mb", "cpu_count"}  # fmt: skip
    assert keys <= set(result)
    assert keys - {"cpu_count"} <= set(result["baseline"])
    assert result["recall_at_10"] >= result["recall_at_1"] > 0.5


def test_bench_command_prints_json():
    result = runner.invoke(app, ["bench", "matching", "--records", "100", "--queries", "5",
                                 "--baseline-queries", "2", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["records"] == 100
