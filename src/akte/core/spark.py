"""The one way Akte starts a local Spark session (matching's batch linkage, analytics).

Spark keeps one JVM per process, launched with the first session's configuration: a jar
added by a later session never reaches the driver's class path. So every session carries the
same class path, Splink's similarity functions (jaro_winkler & co.) included, whichever engine
starts first.
"""

from __future__ import annotations


def local_session(app: str, *, partitions: int = 8):
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master("local[*]")
        .appName(app)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    try:
        from splink.backends.spark import similarity_jar_location
    except ImportError:  # Splink is a dependency; without it, no similarity functions
        pass
    else:
        builder = builder.config("spark.jars", similarity_jar_location())
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
