"""DuckDB and Spark give the same clusters and weights on the same records (issue 13).

Needs Java (CI installs it: `.ci/run`); skipped where `java` is missing."""

import shutil

import pytest

from akte.matching.cli import synthetic_with_copies
from akte.matching.linkage import dedupe

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


def test_spark_loads_splinks_similarity_functions():
    from splink import SparkAPI

    from akte.matching.linkage import spark_session

    spark = spark_session()
    assert "scala-udf-similarity" in spark.conf.get("spark.jars")
    SparkAPI(spark_session=spark)  # registers the jar's functions (it warns if it cannot)
    row = spark.sql("select jaro_winkler('mohammed', 'muhammad') as s").collect()[0]
    assert 0.7 < row["s"] < 1.0


def test_duckdb_and_spark_agree_on_clusters_and_weights():
    rows = synthetic_with_copies(300)
    on_spark = dedupe(rows, engine="spark")
    on_duckdb = dedupe(rows, engine="duckdb")
    assert on_duckdb, "the planted copies form clusters"
    assert {c.members for c in on_spark} == {c.members for c in on_duckdb}
    spark = {c.members: (c.min_weight, c.max_weight) for c in on_spark}
    for cluster in on_duckdb:
        low, high = spark[cluster.members]
        assert low == pytest.approx(cluster.min_weight, abs=0.01)
        assert high == pytest.approx(cluster.max_weight, abs=0.01)
