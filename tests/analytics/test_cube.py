"""The cubes: every report read from its cube gives the rows its direct SQL gives, on every
dimension, filter and whole-period range it offers; what the cube cannot answer (or a cube
of another snapshot or other definitions) falls back to the SQL."""

import datetime as dt
import json

import pytest

from akte.analytics import cube, reports, run, snapshot, synth

FILTERS = ({}, {"nationality": "SYR"}, {"office": "BER"}, {"nationality": "AFG", "office": "MUC"})
PERIODS = ((None, None), (dt.date(2016, 1, 1), dt.date(2017, 12, 31)), (dt.date(2024, 1, 1), None))


def _cases():
    for name, rep in reports.catalogue().reports.items():
        for by in rep.by:
            yield name, by


@pytest.mark.parametrize(("name", "by"), list(_cases()))
def test_the_cube_gives_the_rows_of_the_direct_sql(synthetic_snapshot, name, by):
    rep = reports.report(name)
    compared = 0
    for filters in FILTERS:
        usable = {k: v for k, v in filters.items() if k in rep.by}
        for date_from, date_to in PERIODS if rep.period != "none" else ((None, None),):
            for t in (1, 5):  # raw cells, and after primary and secondary suppression
                kwargs = dict(folder=synthetic_snapshot, by=by, filters=usable,
                              date_from=date_from, date_to=date_to, min_persons=t)  # fmt: skip
                from_cube = run.run(name, **kwargs)
                direct = run.run(name, direct=True, **kwargs)
                assert from_cube.from_cube and not direct.from_cube
                assert from_cube.rows == direct.rows, (name, by, usable, date_from, date_to, t)
                compared += bool(direct.rows)
    assert compared, f"{name} by {by}: no rows at all on the synthetic snapshot"


def test_a_synthetic_snapshot_carries_its_cubes(synthetic_snapshot):
    index = json.loads((synthetic_snapshot / "cubes" / "index.json").read_text())
    assert set(index["cells"]) == set(reports.catalogue().reports)
    assert cube.usable(synthetic_snapshot, snapshot.read(synthetic_snapshot))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"date_from": dt.date(2016, 1, 15), "date_to": dt.date(2016, 3, 31)},  # not whole months
        {"date_from": dt.date(2016, 1, 1), "date_to": dt.date(2016, 6, 30), "name": "durations"},
        {"filters": {"sex": "F"}},  # not one of the cube's filters
        {"name": "pending", "date_to": dt.date(2024, 6, 30)},  # another reference date
    ],
)
def test_what_the_cube_cannot_answer_is_run_as_sql(synthetic_snapshot, kwargs):
    name = kwargs.pop("name", "decisions")
    result = run.run(name, folder=synthetic_snapshot, **kwargs)
    assert not result.from_cube
    assert result.rows == run.run(name, folder=synthetic_snapshot, direct=True, **kwargs).rows


def test_a_cube_of_other_definitions_or_another_snapshot_is_not_read(tmp_path, monkeypatch):
    folder = tmp_path / "s"
    synth.generate(1500, folder, seed=3)
    assert run.run("decisions", folder=folder).from_cube
    monkeypatch.setattr(cube, "digest", lambda: "other-reports-yaml")
    assert not run.run("decisions", folder=folder).from_cube
    monkeypatch.undo()
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["key_id"] = "another-key"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert not run.run("decisions", folder=folder).from_cube
    cube.build(folder)  # rebuilt for this manifest: read again
    assert run.run("decisions", folder=folder).from_cube


def test_a_snapshot_without_tables_has_empty_cubes(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    snapshot.write_manifest(folder, {}, key_id="test")
    assert cube.build(folder) == {name: 0 for name in reports.catalogue().reports}
    for name in reports.catalogue().reports:
        result = run.run(name, folder=folder)
        assert result.from_cube and result.rows == []


def test_the_cube_is_readable_by_its_owner_only(synthetic_snapshot):
    for path in (synthetic_snapshot / "cubes").iterdir():
        assert path.stat().st_mode & 0o077 == 0, path
    assert (synthetic_snapshot / "cubes").stat().st_mode & 0o077 == 0
