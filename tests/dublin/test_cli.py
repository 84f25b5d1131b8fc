"""`akte dublin deadlines`: the contract's output and its error objects (exit status 2)."""

import json

import pytest
from typer.testing import CliRunner

from akte.cli import app

runner = CliRunner()


def call(tmp_path, content, *options):
    path = tmp_path / "events.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return runner.invoke(app, ["dublin", "deadlines", str(path), *options])


def test_the_answer_as_json(tmp_path):
    data = {
        "role": "requesting",
        "events": [{"type": "application_registered", "date": "2026-07-01"}],
    }
    result = call(tmp_path, data, "--as-of", "2026-07-02", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["regulation"] == "ammr"
    first = answer["deadlines"][0]
    assert first["id"] == "take_charge_request" and first["due"] == "2026-09-01"
    assert first["state"] == "open" and "explanation" in first
    assert {"id", "due", "article", "state", "consequence", "explanation"} <= set(first)


def test_the_answer_in_words(tmp_path):
    data = {"role": "requesting", "events": [{"type": "application_lodged", "date": "2026-01-31"}]}
    result = call(tmp_path, data, "--as-of", "2026-02-01")
    assert result.exit_code == 0
    assert "Dublin III" in result.output and "2026-04-30" in result.output


@pytest.mark.parametrize(
    ("content", "code", "index", "field"),
    [
        (b"{not json", "dublin.input.not_json", None, None),
        (b"\xff\xfe", "dublin.input.not_json", None, None),
        (b"[" * 100_000 + b"]" * 100_000, "dublin.input.not_json", None, None),  # nesting bomb
        (b" " * 1_000_001, "dublin.input.too_large", None, None),
        (
            {"role": "requesting", "events": [{"type": "x", "date": "2026-01-01"}]},
            "dublin.input.unknown_event_type",
            0,
            "type",
        ),
        (
            {"role": "requesting", "events": [{"type": "eurodac_hit", "date": "01.02.2026"}]},
            "dublin.input.bad_date",
            0,
            "date",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    {"type": "eurodac_hit", "date": "2026-01-01"},
                    {"type": "reply", "date": "2026-01-05", "answer": "accepted"},
                ],
            },
            "dublin.input.reply_without_request",
            1,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [{"type": "eurodac_hit", "date": "2026-01-01' OR 1=1"}],
            },
            "dublin.input.bad_date",
            0,
            "date",
        ),
    ],
)
def test_errors_exit_2_with_an_error_object_and_no_traceback(tmp_path, content, code, index, field):
    result = call(tmp_path, content, "--json")
    assert result.exit_code == 2
    assert json.loads(result.output) == {
        "error": {"code": code, "event_index": index, "field": field}
    }
    assert "Traceback" not in result.output


def test_a_missing_file_is_an_error_object(tmp_path):
    result = runner.invoke(app, ["dublin", "deadlines", str(tmp_path / "none.json"), "--json"])
    assert result.exit_code == 2
    assert json.loads(result.output)["error"]["code"] == "dublin.input.unreadable"


def test_bench_prints_the_json_shape():
    result = runner.invoke(app, ["bench", "dublin", "-n", "20", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert "machine" in out and out["workload"]["procedures"] == 20
    for key in (
        "procedures_per_s",
        "procedure_p50_ms",
        "procedure_p95_ms",
        "baseline_procedures_per_s",
        "baseline_procedure_p50_ms",
        "baseline_procedure_p95_ms",
    ):
        assert out[key] > 0
