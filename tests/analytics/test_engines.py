"""One set of SQL: DuckDB and Spark give the same rows for every figure on one snapshot."""

import pytest

from akte.analytics import reports, run
from akte.analytics.engines import DuckDB, Spark, to_spark


@pytest.fixture(scope="module")
def spark(synthetic_snapshot):
    pytest.importorskip("pyspark")
    return Spark(synthetic_snapshot)


@pytest.mark.parametrize("name", sorted(reports.catalogue().reports))
@pytest.mark.parametrize("by", [None, "office"])
def test_duckdb_and_spark_give_the_same_rows(synthetic_snapshot, spark, name, by):
    rep = reports.report(name)
    if by and by not in rep.by:
        by = None
    duck = DuckDB(synthetic_snapshot)
    on_duckdb = run.run(name, folder=synthetic_snapshot, by=by, runner=duck, direct=True).rows
    on_spark = run.run(name, folder=synthetic_snapshot, by=by, runner=spark, direct=True).rows
    from_cube = run.run(name, folder=synthetic_snapshot, by=by)
    assert on_duckdb, f"{name}: no rows on the synthetic snapshot"
    assert on_spark == on_duckdb
    assert from_cube.from_cube and from_cube.rows == on_duckdb


def test_spark_gets_the_exact_percentile_not_the_approximate_one():
    sql = to_spark(reports.query(reports.report("durations")))
    assert "PERCENTILE(measure, 0.5)" in sql and "APPROX" not in sql.upper()
