import json
from pathlib import Path

from typer.testing import CliRunner

from akte.cli import app

ROOT = Path(__file__).parents[2] / "rulebooks"
runner = CliRunner()


def test_check_ok_and_errors(make_rulebook):
    result = runner.invoke(app, ["rules", "check", str(ROOT / "dublin-iii")])
    assert result.exit_code == 0, result.output
    assert "ok: dublin-iii" in result.output
    broken = make_rulebook({"facts.yaml": "facts:\n  x: {type: dat}\n"})
    result = runner.invoke(app, ["rules", "check", str(broken)])
    assert result.exit_code == 1
    assert "facts.yaml:2:13: unknown type `dat`" in result.output
    assert "did you mean `date`?" in result.output


def test_test_with_coverage():
    result = runner.invoke(app, ["rules", "test", str(ROOT / "asylum-de"), "--coverage"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output and "coverage: 0 gaps" in result.output


def test_test_failure_shows_expected_actual_and_explanation(make_rulebook):
    folder = make_rulebook(
        {
            "facts.yaml": "facts:\n  d: {type: date}\n  e: {type: date}\n",
            "rules.yaml": "rules:\n  - {id: r, source: s, valid_from: 2014-01-01, sets: e, value: d + 1 month}\n",
            "tests/t.yaml": "tests:\n  - {name: t, as_of: 2020-01-01, input: {d: 2019-01-31}, output: {e: 2019-03-01}}\n",
        }
    )
    result = runner.invoke(app, ["rules", "test", str(folder)])
    assert result.exit_code == 1
    assert "e: expected 2019-03-01, got 2019-02-28" in result.output
    assert "by rule r (s)" in result.output


def test_explain(tmp_path):
    facts = tmp_path / "case.json"
    facts.write_text(
        json.dumps(
            {
                "procedure": "take_charge",
                "application_lodged_on": "2019-01-31",
                "eurodac_hit": False,
            }
        )
    )
    args = [
        "rules",
        "explain",
        str(ROOT / "dublin-iii"),
        "--facts",
        str(facts),
        "--as-of",
        "2019-06-01",
    ]
    result = runner.invoke(app, [*args, "take_charge_request_deadline"])
    assert result.exit_code == 0, result.output
    assert "take_charge_request_deadline = 2019-04-30" in result.output
    assert "art21-1-request-within-3-months" in result.output
    result = runner.invoke(app, [*args, "transfer_deadline", "--json"])
    assert json.loads(result.output)["missing"]


def test_diff(tmp_path, make_rulebook):
    old_rules = (
        "rules:\n  - {id: r, source: s, valid_from: 2014-01-01, sets: e, value: d + 1 month}\n"
    )
    facts = "facts:\n  d: {type: date}\n  e: {type: date}\n"
    manifest = "name: demo\nversion: '1'\nlanguages: [de, en]\noutcomes: [e]\n"
    old = make_rulebook({"facts.yaml": facts, "rules.yaml": old_rules}, manifest)
    new = make_rulebook(
        {"facts.yaml": facts, "rules.yaml": old_rules.replace("1 month", "2 months")}, manifest
    )
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "c1", "as_of": "2020-01-01", "facts": {"d": "2019-12-31"}})
        + "\n"
        + json.dumps({"id": "c2", "as_of": "2020-01-01", "facts": {}})
        + "\n"
    )
    result = runner.invoke(app, ["rules", "diff", str(old), str(new), "--cases", str(cases)])
    assert result.exit_code == 0, result.output
    assert "rule changed r@2014-01-01: value" in result.output
    assert "c1: e 2020-01-31 -> 2020-02-29" in result.output
    assert "because: changed r@2014-01-01: value" in result.output
    assert "1 cases changed" in result.output


def test_bench_tiny_prints_json_keys():
    result = runner.invoke(
        app,
        [
            "bench",
            "rules",
            "--json",
            "--rules",
            "200",
            "--facts",
            "120",
            "--cases",
            "5",
            "--changes",
            "40",
            "--depth",
            "10",
            "--load-repeat",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["rulebook"]["depth"] >= 10
    assert data["incremental"]["no_op_sets"] == 0
    assert sum(b["set"]["n"] for b in data["incremental"]["by_changed_nodes"]) == 40
    assert data["batch_one_core"]["processes"] == 1
    assert data["batch_one_core"]["cases_checked_equal"] == 5
    assert "baseline_yaml_parse_only_s_median" in data["load"]
    machine = data["machine"]
    assert machine["cpu_count"] >= 1 and machine["memory_gib"] > 0 and machine["python"]
