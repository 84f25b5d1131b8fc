"""The figures on a snapshot small enough to count by hand."""

import datetime as dt

import duckdb
import pytest

from akte.analytics import run
from akte.analytics.reports import ReportError
from akte.analytics.snapshot import write_manifest

DIMS = "'BER' AS office, 'SYR' AS nationality, 'M' AS sex, '25-34' AS age_band"


def _snapshot(folder, decisions):
    db = duckdb.connect()
    rows = " UNION ALL ".join(
        f"SELECT 'p{i}' AS procedure_key, 'x{i}' AS person_key, DATE '2024-03-{i + 1:02d}' AS "
        f"decided_on, DATE '2024-01-01' AS lodged_on, '{outcome}' AS outcome, {DIMS}, "
        f"'first' AS application_kind"
        for i, outcome in enumerate(decisions)
    )
    db.execute(f"COPY ({rows}) TO '{folder / 'decisions.parquet'}' (FORMAT PARQUET)")
    write_manifest(folder, {"decisions": len(decisions)}, key_id="test")
    return folder


DECISIONS = (
    ["refugee"] * 3
    + ["subsidiary"] * 2
    + ["deportation_ban_7", "inadmissible", "discontinued_withdrawn"]
    + ["unfounded"] * 2
)


def test_overall_and_adjusted_protection_rate(tmp_path):
    folder = _snapshot(tmp_path, DECISIONS)
    overall = run.run("protection_rate", folder=folder, min_persons=1).rows
    adjusted = run.run("adjusted_protection_rate", folder=folder, min_persons=1).rows
    assert overall == [
        {"period": "2024", "nationality": "SYR", "value": 0.6, "persons": 10, "suppressed": None}
    ]
    # formal decisions (Dublin, discontinuation) leave the denominator: 6 of 8
    assert adjusted[0]["value"] == 0.75 and adjusted[0]["persons"] == 8


def test_a_rate_over_too_few_persons_is_suppressed(tmp_path):
    folder = _snapshot(tmp_path, DECISIONS)
    rows = run.run("adjusted_protection_rate", folder=folder, min_persons=9).rows
    assert rows[0]["suppressed"] == "primary" and rows[0]["value"] is None


def test_durations_median_and_90th_percentile(tmp_path):
    folder = _snapshot(tmp_path, DECISIONS)
    rows = run.run("durations", folder=folder, min_persons=1).rows
    median, p90 = (row["value"] for row in rows)
    # decided 2024-03-01 .. 03-10, lodged 2024-01-01: 60 .. 69 days
    assert (median, p90) == (64.5, 68.1)


def test_a_source_not_there_yet_is_an_empty_table(tmp_path):
    folder = _snapshot(tmp_path, DECISIONS)  # no hearings, appeals, intake, dublin
    for name in ("hearing_quality", "appeals", "intake", "dublin", "pending", "applications"):
        assert run.run(name, folder=folder).rows == []


def test_the_period_filter_includes_both_ends(tmp_path):
    folder = _snapshot(tmp_path, DECISIONS)
    rows = run.run(
        "decisions",
        folder=folder,
        date_from=dt.date(2024, 3, 2),
        date_to=dt.date(2024, 3, 4),
        min_persons=1,
    ).rows
    assert sum(row["value"] for row in rows) == 3


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": "nope"}, "analytics.unknown_report"),
        ({"name": "decisions", "by": "name"}, "analytics.unknown_dimension"),
        (
            {"name": "decisions", "by": "outcome; DROP TABLE decisions"},
            "analytics.unknown_dimension",
        ),
        (
            {"name": "decisions", "date_from": dt.date(2025, 1, 1), "date_to": dt.date(2024, 1, 1)},
            "analytics.empty_period",
        ),
    ],
)
def test_what_a_report_does_not_take_is_refused_with_a_code(tmp_path, kwargs, code):
    folder = _snapshot(tmp_path, DECISIONS)
    name = kwargs.pop("name")
    with pytest.raises(ReportError) as refused:
        run.run(name, folder=folder, **kwargs)
    assert refused.value.code == code


def test_no_snapshot_and_an_expired_snapshot_are_refused(tmp_path):
    with pytest.raises(ReportError) as refused:
        run.run("decisions", folder=tmp_path)
    assert refused.value.code == "analytics.no_snapshot"
    from akte.analytics import snapshot

    folder = _snapshot(tmp_path, DECISIONS)
    manifest = snapshot.read(folder)
    with pytest.raises(ReportError) as refused:
        snapshot.read(folder, today=manifest.expires_on + dt.timedelta(days=1))
    assert refused.value.code == "analytics.snapshot_expired"


def test_filters_narrow_the_facts_and_refuse_what_is_not_a_code(tmp_path):
    folder = _snapshot(tmp_path, DECISIONS)
    rows = run.run("decisions", folder=folder, filters={"nationality": "SYR"}, min_persons=1).rows
    assert sum(row["value"] for row in rows) == 10
    assert run.run("decisions", folder=folder, filters={"nationality": "AFG"}).rows == []
    for filters, code in (
        ({"nationality": "SYR' OR '1'='1"}, "analytics.bad_filter_value"),
        ({"surname": "X"}, "analytics.unknown_dimension"),
    ):
        with pytest.raises(ReportError) as refused:
            run.run("decisions", folder=folder, filters=filters)
        assert refused.value.code == code


def test_every_read_is_logged_in_the_snapshot(tmp_path):
    import json

    folder = _snapshot(tmp_path, DECISIONS)
    run.run("decisions", folder=folder, reader="cli:alice")
    run.run("durations", folder=folder, reader="web:bob")
    lines = [json.loads(line) for line in (folder / "reads.log").read_text().splitlines()]
    assert [(line["who"], line["what"]) for line in lines] == [
        ("cli:alice", "decisions"),
        ("web:bob", "durations"),
    ]


def test_the_newest_snapshot_of_a_folder_is_read(tmp_path):
    import json

    (tmp_path / "a").mkdir()
    old = _snapshot(tmp_path / "a", DECISIONS[:4])
    manifest = json.loads((old / "manifest.json").read_text())
    manifest["created_at"] = "2020-01-01T00:00:00+00:00"
    (old / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "b").mkdir()
    _snapshot(tmp_path / "b", DECISIONS)
    rows = run.run("decisions", folder=tmp_path, min_persons=1).rows
    assert sum(row["value"] for row in rows) == 10
