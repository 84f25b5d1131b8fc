"""Each figure's cube, materialised when a snapshot is written: reports read it in milliseconds.

A report's cell counts distinct persons, and distinct counts do not add up across cells, so the
cube holds the finished cells of every combination a report offers: for each dimension of its
`by` list, the cells (period × that dimension), and those cells again for each value of each
subset of the filters it takes (`FILTERS`, the dashboard's; e.g. decisions by outcome for SYR
in BER). That is `GROUPING SETS` over the report's own SQL (`reports.query`'s facts and
aggregates), so the cells are the same numbers the direct query gives. To make the distinct
counts cheap while building, person (and intake item) keys are first replaced by integers from
one dictionary over the snapshot (equal keys get equal integers, so every distinct count is
unchanged).

The cube lies in the snapshot (`cubes/<report>.parquet`, with `cubes/index.json`), so it
expires with it. The index names the snapshot (time, key id) and a digest of `reports.yaml`:
a cube of another snapshot or of other definitions is not read. What the cube cannot answer
(a period that does not start and end on a month or year boundary, a filter outside
`FILTERS`, `pending` on another reference date, a snapshot without a cube) is run as direct
SQL on the engine, with the same result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from functools import cache
from importlib import resources
from itertools import combinations
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import expressions as exp

from . import reports
from .engines import _plain
from .reports import EARLIEST, LATEST, PERIODS, Report
from .schema import TABLES, empty_table_sql

VERSION = 1
FOLDER = "cubes"
INDEX = "index.json"
FILTERS = ("nationality", "office")  # what the dashboard filters by
KEYS = ("person_key", "item_key")  # counted as distinct: replaced by integers while building
Row = dict[str, object]
MEMORY = "8GB"  # DuckDB's limit while building (a 10M snapshot's tables fit; more spills)


def filter_fields(rep: Report, second: str) -> tuple[str, ...]:
    """The filters a cube of `rep` broken down by `second` holds cells for."""
    return tuple(f for f in FILTERS if f in rep.by and f != second)


@cache
def digest() -> str:
    text = resources.files(__package__).joinpath("reports.yaml").read_text()
    return hashlib.sha256(f"cube {VERSION}\n{text}".encode()).hexdigest()[:16]


def _literal(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def _used(rep_list: list[Report]) -> tuple[set[str], set[str]]:
    """The tables and columns the reports' facts read (so only those are loaded)."""
    tables, columns = set(), set()
    for rep in rep_list:
        tree = sqlglot.parse_one(reports.facts_sql(rep, as_of=LATEST), read="duckdb")
        tables |= {t.name for t in tree.find_all(exp.Table)}
        columns |= {c.name for c in tree.find_all(exp.Column)}
    return tables & set(TABLES), columns


def _load(db: duckdb.DuckDBPyConnection, folder: Path, tables: set[str], columns: set[str]):
    """The used tables in memory, with each key column as an integer from one dictionary."""
    present = {t: folder / f"{t}.parquet" for t in tables if (folder / f"{t}.parquet").exists()}
    keyed = [(t, c) for t in present for c, _ in TABLES[t] if c in KEYS and c in columns]
    if keyed:
        union = " UNION ".join(
            f"SELECT {c} AS k FROM read_parquet('{_literal(present[t])}')" for t, c in keyed
        )
        db.execute(f"CREATE TABLE ids AS SELECT k, row_number() OVER () AS id "
                   f"FROM ({union}) WHERE k IS NOT NULL")  # fmt: skip
    for table in tables:
        if table not in present:
            db.execute(f"CREATE TABLE {table} AS {empty_table_sql(table)}")
            continue
        keys = [c for t, c in keyed if t == table]
        selected = ", ".join(
            f"{c}.id AS {c}" if c in keys else f"t.{c}" for c, _ in TABLES[table] if c in columns
        )
        joins = " ".join(f"LEFT JOIN ids {c} ON {c}.k = t.{c}" for c in keys)
        db.execute(f"CREATE TABLE {table} AS SELECT {selected} "
                   f"FROM read_parquet('{_literal(present[table])}') t {joins}")  # fmt: skip
    db.execute("DROP TABLE IF EXISTS ids")


def _subsets(fields: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [s for n in range(len(fields), -1, -1) for s in combinations(fields, n)]


def _cells(rep: Report) -> list[tuple[str, tuple[str, ...], int]]:
    """What the cube publishes: (second dimension, filters held fixed, rolled-up mask) for
    every `by` dimension and every subset of its filters. The mask has a bit per filter of
    `filter_fields` (the first the highest) set when that filter is rolled up."""
    out = []
    for second in rep.by:
        fixed = filter_fields(rep, second)
        for subset in _subsets(fixed):
            rolled = sum(1 << (len(fixed) - 1 - i) for i, f in enumerate(fixed) if f not in subset)
            out.append((second, subset, rolled))
    return out


def _grouping(rep: Report, second: str, subset: tuple[str, ...]) -> tuple[str, ...]:
    """The columns a cell of (second, subset) is grouped by, in one order for equal sets
    (nationality by office and office by nationality are the same cells)."""
    base = () if rep.period == "none" else ("period",)
    return base + tuple(sorted({second, *subset}))


def _facts(db: duckdb.DuckDBPyConnection, rep: Report, *, as_of: dt.date) -> None:
    """The report's facts once, as a table `facts` with the period of each row."""
    period = "NULL" if rep.period == "none" else PERIODS[rep.period]
    where = (
        ""
        if rep.period == "none"
        else f"WHERE day >= DATE '{EARLIEST.isoformat()}' AND day <= DATE '{LATEST.isoformat()}'"
    )
    db.execute("DROP TABLE IF EXISTS facts")
    db.execute(f"CREATE TEMP TABLE facts AS SELECT {period} AS period, * EXCLUDE (day) "
               f"FROM ({reports.facts_sql(rep, as_of=as_of)}) f {where}")  # fmt: skip


# Each kind's cells from the facts grouped by person first: a distinct count of persons is
# then the number of (cell, person) groups, exact, and each sum is the sum of the persons'.
_PER_PERSON = {
    "count": ("COUNT(*) AS n", "CAST(SUM(n) AS BIGINT) AS value, COUNT(person_key) AS persons"),
    "rate": (
        "COUNT(*) AS n, SUM(hit) AS hits, MAX(hit) AS hit",
        "CAST(SUM(hits) AS DOUBLE) / SUM(n) AS value, COUNT(person_key) AS persons, "
        "COUNT(CASE WHEN hit = 1 THEN person_key END) AS numerator_persons",
    ),
    "ratio": (
        "SUM(num) AS num, SUM(den) AS den",
        "CASE WHEN SUM(den) > 0 THEN CAST(SUM(num) AS DOUBLE) / SUM(den) END AS value, "
        "COUNT(person_key) AS persons",
    ),
}


def _aggregate_sql(rep: Report, columns: tuple[str, ...]) -> str:
    """The finished cells of `rep` grouped by `columns`, from the table `facts`."""
    group = ", ".join(columns)
    if rep.kind not in _PER_PERSON:  # quantiles need every value; one GROUP BY, no sets
        return f"SELECT {group}, {reports.AGGREGATES[rep.kind]} FROM facts GROUP BY {group}"
    inner, outer = _PER_PERSON[rep.kind]
    return (
        f"SELECT {group}, {outer} FROM (SELECT {group}, person_key, {inner} FROM facts "
        f"GROUP BY {group}, person_key) GROUP BY {group}"
    )


def _report_cube(db: duckdb.DuckDBPyConnection, rep: Report, target: Path, *, as_of) -> int:
    """Write `rep`'s cube to `target`: each distinct grouping computed once, then published
    as the cells of every (dimension, filters) that has it."""
    _facts(db, rep, as_of=as_of)
    cells = _cells(rep)
    groupings = list(dict.fromkeys(_grouping(rep, second, s) for second, s, _ in cells))
    for n, columns in enumerate(groupings):
        db.execute(f"DROP TABLE IF EXISTS grouping_{n}")
        db.execute(f"CREATE TEMP TABLE grouping_{n} AS {_aggregate_sql(rep, columns)}")
    db.execute("DROP TABLE facts")
    aggregates = ", ".join(reports.AGGREGATE_COLUMNS[rep.kind])
    parts = []
    for second, subset, rolled in cells:
        n = groupings.index(_grouping(rep, second, subset))
        filters = ", ".join(
            f"CAST({f} AS VARCHAR) AS {f}" if f in subset else f"CAST(NULL AS VARCHAR) AS {f}"
            for f in FILTERS
        )
        period = "NULL" if rep.period == "none" else "period"
        parts.append(
            f"SELECT '{second}' AS by_field, CAST({rolled} AS INTEGER) AS rolled, "
            f"CAST({period} AS VARCHAR) AS period, CAST({second} AS VARCHAR) AS cell, "
            f"{filters}, {aggregates} FROM grouping_{n}"
        )
    db.execute(f"COPY ({' UNION ALL '.join(parts)}) TO '{_literal(target)}' (FORMAT PARQUET)")
    for n in range(len(groupings)):
        db.execute(f"DROP TABLE grouping_{n}")
    return db.execute(f"SELECT count(*) FROM read_parquet('{_literal(target)}')").fetchone()[0]


def build(folder: Path, *, echo: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write every report's cube into the snapshot `folder` (after its manifest)."""
    from . import snapshot

    say = echo or (lambda _text: None)
    started = time.perf_counter()
    manifest = snapshot.read(folder)
    catalogue = list(reports.catalogue().reports.values())
    out = folder / FOLDER
    out.mkdir(mode=0o700, exist_ok=True)
    (out / INDEX).unlink(missing_ok=True)  # a half-written cube is never read
    db = duckdb.connect(":memory:")
    db.execute("SET preserve_insertion_order = false")
    db.execute(f"SET memory_limit = '{MEMORY}'")  # the rest spills to the snapshot's folder
    db.execute(f"SET temp_directory = '{_literal(out / '.spill')}'")
    _load(db, folder, *_used(catalogue))
    counts = {}
    for rep in catalogue:
        target = out / f"{rep.name}.parquet"
        counts[rep.name] = _report_cube(db, rep, target, as_of=manifest.reference_date)
        os.chmod(target, 0o600)
        say(f"  cube {rep.name}: {counts[rep.name]:,} cells")
    db.close()
    shutil.rmtree(out / ".spill", ignore_errors=True)
    index = {"snapshot": _identity(manifest), "digest": digest(), "cells": counts,
             "build_s": round(time.perf_counter() - started, 1)}  # fmt: skip
    path = out / INDEX
    path.write_text(json.dumps(index, indent=2) + "\n")
    os.chmod(path, 0o600)
    return counts


def _identity(manifest) -> dict[str, str]:
    return {"created_at": manifest.created_at.isoformat(), "key_id": manifest.key_id}


def usable(folder: Path, manifest) -> bool:
    """The folder's cube is of this snapshot and of the current definitions."""
    try:
        index = json.loads((folder / FOLDER / INDEX).read_text())
    except (OSError, ValueError):
        return False
    return index.get("snapshot") == _identity(manifest) and index.get("digest") == digest()


def _aligned(rep: Report, date_from: dt.date, date_to: dt.date) -> tuple[str, str] | None:
    """The first and last period when [date_from, date_to] is whole periods, else None."""
    after = date_to + dt.timedelta(days=1)
    if rep.period == "month" and date_from.day == 1 and after.day == 1:
        return f"{date_from:%Y-%m}", f"{date_to:%Y-%m}"
    if (
        rep.period == "year"
        and (date_from.month, date_from.day) == (1, 1)
        and ((after.month, after.day) == (1, 1))
    ):
        return str(date_from.year), str(date_to.year)
    return None


def rows(
    folder: Path,
    manifest,
    rep: Report,
    *,
    by: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    filters: dict[str, str] | None,
) -> list[Row] | None:
    """The rows the direct query would give, from the cube; None when it cannot answer."""
    if not usable(folder, manifest):
        return None
    second = reports.dimensions(rep, by)[-1]
    fixed = filter_fields(rep, second)
    conditions, params = ["by_field = ?"], [second]
    if rep.period == "none":
        if date_to != manifest.reference_date:
            return None
    else:
        periods = _aligned(rep, date_from or EARLIEST, date_to or LATEST)
        if periods is None:
            return None
        conditions.append("period >= ? AND period <= ?")
        params += list(periods)
    rolled = (1 << len(fixed)) - 1
    for field, value in (filters or {}).items():
        if field == second:
            conditions.append("cell = ?")
        elif field in fixed:
            conditions.append(f"{field} = ?")  # a name from FILTERS, never text as given
            rolled &= ~(1 << (len(fixed) - 1 - fixed.index(field)))
        else:
            return None
        params.append(value)
    conditions.append("rolled = ?")
    params.append(rolled)
    leading = [] if rep.period == "none" else ["period"]
    columns = ", ".join([*leading, f'cell AS "{second}"', *reports.AGGREGATE_COLUMNS[rep.kind]])
    order = ", ".join([*leading, "cell"])
    with _lock:
        table = _table(folder, rep)
        sql = f"SELECT {columns} FROM {table} WHERE {' AND '.join(conditions)} ORDER BY {order}"
        cursor = _open[folder].execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, map(_plain, row), strict=True)) for row in cursor.fetchall()]


_open: dict[Path, duckdb.DuckDBPyConnection] = {}
_loaded: set[tuple[Path, str]] = set()
_lock = threading.Lock()


def _table(folder: Path, rep: Report) -> str:
    """The report's cube in memory (read once per snapshot; only the newest is kept). Called
    under `_lock`."""
    if folder not in _open:
        for old in _open.values():
            old.close()
        _open.clear()
        _loaded.clear()
        _open[folder] = duckdb.connect(":memory:")
    if (folder, rep.name) not in _loaded:
        path = folder / FOLDER / f"{rep.name}.parquet"
        _open[folder].execute(
            f"CREATE TABLE cube_{rep.name} AS SELECT * FROM read_parquet('{_literal(path)}') "
            "ORDER BY by_field, rolled, nationality, office, period, cell"  # zone maps prune
        )
        _loaded.add((folder, rep.name))
    return f"cube_{rep.name}"
