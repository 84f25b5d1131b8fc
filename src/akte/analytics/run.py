"""Run a report on a snapshot: the query, the engine, disclosure control, one row per cell.

Rows: `{<dimensions>..., "value": number|None, "persons": n|None, "suppressed":
None|"primary"|"secondary"}`; durations carry a `statistic` dimension (median, p90).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import cube, disclosure, reports, snapshot
from .config import settings
from .engines import engine as open_engine


@dataclass(frozen=True)
class Result:
    report: str
    dimensions: tuple[str, ...]
    rows: list[dict[str, object]]
    manifest: snapshot.Manifest
    engine: str
    min_persons: int
    folder: Path
    from_cube: bool = False


def _quantile_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    out = []
    for row in rows:
        dims = {k: v for k, v in row.items() if k not in ("median", "p90", "persons")}
        for statistic in ("median", "p90"):
            out.append({**dims, "statistic": statistic, "value": row[statistic],
                        "persons": row["persons"]})  # fmt: skip
    return out


def run(
    name: str,
    *,
    folder: Path | None = None,
    engine: str | None = None,
    by: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    min_persons: int | None = None,
    filters: dict[str, str] | None = None,
    runner=None,
    reader: str | None = None,
    direct: bool = False,
) -> Result:
    """One report, from the snapshot's cube when it can answer (`akte.analytics.cube`), else
    (or with `direct`) by its SQL on the engine. `runner` (an open engine) lets a caller run
    many reports on one session; `reader` (who reads, for the snapshot's read log) is required
    unless a runner is given."""
    config = settings()
    folder = snapshot.newest(folder or config.snapshots)
    manifest = snapshot.read(folder)
    rep = reports.report(name)
    if rep.period == "none" and date_to is None:
        date_to = manifest.reference_date  # pending: as of the snapshot's day
    sql = reports.query(rep, by=by, date_from=date_from, date_to=date_to, filters=filters)
    if reader is not None:
        snapshot.log_read(folder, who=reader, what=name)
    engine = engine or config.engine
    rows = None if direct else cube.rows(folder, manifest, rep, by=by, date_from=date_from,
                                         date_to=date_to, filters=filters)  # fmt: skip
    from_cube = rows is not None
    if not from_cube and runner is None:
        with open_engine(engine, folder) as opened:
            rows = opened.rows(sql)
    elif not from_cube:
        rows = runner.rows(sql)
    dims = reports.dimensions(rep, by)
    if rep.kind == "quantiles":
        rows = _quantile_rows(rows)
        dims = (*dims, "statistic")
    t = min_persons or config.min_persons
    disclosure.suppress(rows, t, additive=rep.additive, dims=dims)
    for row in rows:
        if isinstance(row.get("value"), float):
            row["value"] = round(row["value"], 6)
    return Result(name, dims, rows, manifest, engine, t, folder, from_cube)
