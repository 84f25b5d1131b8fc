"""Run a figure's SQL on DuckDB (embedded, the default) or Spark (local or a cluster).

Both read the same snapshot folder: one Parquet file per table (`<table>.parquet`); a table
without its file is an empty view with the schema's columns. Spark gets the query transpiled
by sqlglot from DuckDB's dialect, so the figure is written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import expressions as exp

from .reports import ReportError
from .schema import TABLES, empty_table_sql

Row = dict[str, object]


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _parquet(snapshot: Path, table: str) -> Path | None:
    path = snapshot / f"{table}.parquet"
    return path if path.exists() else None


class DuckDB:
    name = "duckdb"

    def __init__(self, snapshot: Path, *, load: bool = True) -> None:
        """`load`: read the tables into memory once (fast reports for a dashboard); else
        each report reads the Parquet files (little memory, for one-off reports)."""
        self.connection = duckdb.connect(":memory:")
        kind = "TABLE" if load else "VIEW"
        for table in TABLES:
            path = _parquet(snapshot, table)
            source = (
                f"SELECT * FROM read_parquet('{_literal(path)}')"
                if path
                else empty_table_sql(table)
            )
            self.connection.execute(f"CREATE {kind} {table} AS {source}")

    def rows(self, sql: str) -> list[Row]:
        cursor = self.connection.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, map(_plain, row), strict=True)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.connection.close()


def _literal(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def _exact_percentile(node: exp.Expression) -> exp.Expression:
    """`percentile_cont(q) WITHIN GROUP (ORDER BY x)` as Spark's exact `percentile(x, q)`
    (sqlglot would write the approximate `percentile_approx`, which gives other figures)."""
    if isinstance(node, exp.WithinGroup) and isinstance(node.this, exp.PercentileCont):
        column = node.expression.expressions[0].this
        return exp.Anonymous(this="PERCENTILE", expressions=[column.copy(), node.this.this.copy()])
    return node


def to_spark(sql: str) -> str:
    """The DuckDB query as Spark SQL."""
    tree = sqlglot.parse_one(sql, read="duckdb").transform(_exact_percentile)
    return tree.sql(dialect="spark")


class Spark:
    name = "spark"

    def __init__(self, snapshot: Path) -> None:
        try:
            import pyspark  # noqa: F401  (optional: only for large snapshots)
        except ImportError as missing:
            raise ReportError("analytics.spark_unavailable", reason=str(missing)) from None
        from akte.core.spark import local_session

        self.session = local_session("akte-analytics", partitions=4)
        for table in TABLES:
            path = _parquet(snapshot, table)
            if path:
                self.session.read.parquet(str(path)).createOrReplaceTempView(table)
            else:
                self.session.sql(to_spark(empty_table_sql(table))).createOrReplaceTempView(table)

    def rows(self, sql: str) -> list[Row]:
        frame = self.session.sql(to_spark(sql))
        return [{k: _plain(v) for k, v in row.asDict().items()} for row in frame.collect()]

    def close(self) -> None:
        pass  # the session is shared within the process; Spark stops it at exit


@contextmanager
def engine(name: str, snapshot: Path) -> Iterator[DuckDB | Spark]:
    runner = Spark(snapshot) if name == "spark" else DuckDB(snapshot, load=False)
    try:
        yield runner
    finally:
        runner.close()
