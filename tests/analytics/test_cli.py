"""`akte analytics`: list, report in each format, refusals as JSON with exit status 2."""

import csv
import io
import json

import pyarrow.parquet as pq
from typer.testing import CliRunner

from akte.analytics import reports
from akte.cli import app

runner = CliRunner()


def test_list_names_every_report():
    out = runner.invoke(app, ["analytics", "list"]).output
    for name in reports.catalogue().reports:
        assert f"{name}:" in out
    for required in ("applications", "decisions", "protection_rate", "adjusted_protection_rate",
                     "durations", "pending", "appeals", "dublin", "hearing_quality", "intake"):  # fmt: skip
        assert required in reports.catalogue().reports


def test_report_as_json_csv_and_parquet(synthetic_snapshot, tmp_path):
    args = ["analytics", "report", "decisions", "--snapshot", str(synthetic_snapshot),
            "--from", "2016-01-01", "--to", "2016-12-31", "--by", "nationality"]  # fmt: skip
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["dimensions"] == ["period", "nationality"] and data["snapshot"]["synthetic"]
    row = data["rows"][0]
    assert set(row) == {"period", "nationality", "value", "persons", "suppressed"}
    assert all(r["period"].startswith("2016-") for r in data["rows"])
    assert all((r["value"] is None) == bool(r["suppressed"]) for r in data["rows"])
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--csv"]).output)))
    assert len(rows) == len(data["rows"])
    target = tmp_path / "decisions.parquet"
    assert runner.invoke(app, [*args, "--parquet", str(target)]).exit_code == 0
    assert pq.read_table(target).num_rows == len(data["rows"])


def test_refusals_are_json_with_exit_status_2(synthetic_snapshot, tmp_path):
    result = runner.invoke(app, ["analytics", "report", "decisions", "--snapshot",
                                 str(synthetic_snapshot), "--by", "surname"])  # fmt: skip
    assert result.exit_code == 2
    assert json.loads(result.stdout.splitlines()[0])["error"]["code"] == (
        "analytics.unknown_dimension"
    )
    result = runner.invoke(app, ["analytics", "report", "decisions", "--snapshot", str(tmp_path)])
    assert result.exit_code == 2 and "analytics.no_snapshot" in result.stdout


def test_synth_is_the_same_for_the_same_seed(tmp_path):
    for name in ("a", "b"):
        assert runner.invoke(app, ["analytics", "synth", "--procedures", "2000", "--out",
                                   str(tmp_path / name), "--seed", "3"]).exit_code == 0  # fmt: skip
    for table in ("procedures", "decisions", "appeals"):
        a = pq.read_table(tmp_path / "a" / f"{table}.parquet").to_pylist()
        b = pq.read_table(tmp_path / "b" / f"{table}.parquet").to_pylist()
        assert a == b and a
