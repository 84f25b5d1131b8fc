"""Batch linkage: likely duplicates in the whole registry, with Splink on DuckDB or Spark.

Both engines get the same table (one row per record, name keys from `normalize`) and the
same settings (`settings()`): comparisons of the name keys, birth date, place, nationality
and sex, with the Fellegi-Sunter m-probabilities of the index's model (`model.splink_m()`)
and u-probabilities estimated from random pairs; term-frequency adjustment on the family name key. Results are
clusters of record ids with the match weights that joined them.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on

from akte.matching.model import splink_m
from akte.matching.normalize import name_tokens, skeleton
from akte.matching.places import place_ids
from akte.matching.record import PersonRecord

ENGINES = ("duckdb", "spark")
COLUMNS = (
    "unique_id", "name_keys", "name_key", "given_key", "family_key", "birth_date",
    "birth_ym", "birth_year", "place_key", "nationality", "sex",
)  # fmt: skip


@dataclass(frozen=True)
class Cluster:
    """Records that are probably the same person, with the weakest and strongest link."""

    cluster_id: str
    members: tuple[str, ...]
    min_weight: float
    max_weight: float

    def to_dict(self) -> dict:
        return {
            "cluster_id": self.cluster_id,
            "members": list(self.members),
            "min_match_weight": round(self.min_weight, 2),
            "max_match_weight": round(self.max_weight, 2),
        }


def linkage_row(record: PersonRecord) -> dict:
    """The flat row Splink compares: keys from every spelling, date parts, place id."""
    keys: set[str] = set()
    for name in record.names:
        keys.update(skeleton(t) for t in name_tokens(name.full))
    keys.discard("")
    first = record.names[0]
    given = [skeleton(t) for t in name_tokens(first.given_names)]
    family = [skeleton(t) for t in name_tokens(first.family_name)]
    date = record.birth_date
    exact = date is not None and date.precision == "day" and not date.is_placeholder()
    month = date is not None and date.month is not None and not date.is_placeholder()
    places = place_ids(record.birth_place)
    return {
        "unique_id": record.id,
        "name_keys": sorted(keys),
        "name_key": " ".join(sorted(given + family)) or None,
        "given_key": given[0] if given else None,
        "family_key": " ".join(family) or None,
        "birth_date": date.isoformat() if exact else None,
        "birth_ym": f"{date.year}-{date.month:02d}" if month else None,
        "birth_year": date.year if date else None,
        "place_key": str(min(places)) if places else (record.birth_place.lower() or None),
        "nationality": record.nationality or None,
        "sex": record.sex if record.sex in ("M", "F") else None,
    }


U_PAIRS = 1_000_000  # random pairs (seeded) from which the u-probabilities are counted


def _levels(left: dict, right: dict) -> dict[str, int | None]:
    """The Splink level (0 = the first non-null level) of each comparison for one pair,
    None for the null level; mirrors `settings()`."""
    shared = len(set(left["name_keys"]) & set(right["name_keys"]))
    out: dict[str, int | None] = {
        "name_keys": 0 if shared >= 3 else 1 if shared == 2 else 2 if shared == 1 else 3
    }
    for column in ("family_key", "place_key", "nationality", "sex"):
        a, b = left[column], right[column]
        out[column] = None if a is None or b is None else (0 if a == b else 1)
    if left["birth_year"] is None or right["birth_year"] is None:
        out["birth_date"] = None
    else:
        out["birth_date"] = next(
            (i for i, c in enumerate(("birth_date", "birth_ym", "birth_year"))
             if left[c] is not None and left[c] == right[c]),
            3,
        )  # fmt: skip
    return out


def estimate_u(rows: list[dict], max_pairs: int = U_PAIRS, seed: int = 1) -> dict[str, list[float]]:
    """u-probabilities counted on random pairs of `rows` (all pairs when there are fewer),
    in Python, so that DuckDB and Spark get the same parameters and the same weights."""
    import random

    n = len(rows)
    total = n * (n - 1) // 2
    if total <= max_pairs:
        pairs = ((i, j) for i in range(n) for j in range(i + 1, n))
    else:
        rng = random.Random(seed)
        pairs = ((i, j) for i, j in (rng.sample(range(n), 2) for _ in range(max_pairs)))
    sizes = {"name_keys": 4, "family_key": 2, "birth_date": 4, "place_key": 2,
             "nationality": 2, "sex": 2}  # fmt: skip
    counts = {c: [0] * k for c, k in sizes.items()}
    for i, j in pairs:
        for column, level in _levels(rows[i], rows[j]).items():
            if level is not None:
                counts[column][level] += 1
    return {
        c: [(x + 1) / (sum(levels) + len(levels)) for x in levels]  # smoothed: no zero u
        for c, levels in counts.items()
    }


def settings(u: dict[str, list[float]] | None = None) -> SettingsCreator:
    """The comparison settings shared by DuckDB and Spark (with `u`, the u-probabilities of
    `estimate_u`)."""
    m = splink_m()

    def probabilities(column: str) -> dict:
        given = {"m_probabilities": list(m[column])}
        if u is not None:
            given["u_probabilities"] = list(u[column])
        return given

    date = cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("birth_date"),
            cll.ExactMatchLevel("birth_ym"),
            cll.ExactMatchLevel("birth_year"),
            cll.ElseLevel(),
        ],
    ).configure(**probabilities("birth_date"))
    return SettingsCreator(
        link_type="dedupe_only",
        probability_two_random_records_match=1e-5,
        comparisons=[
            cl.ArrayIntersectAtSizes("name_keys", [3, 2, 1]).configure(
                **probabilities("name_keys")
            ),
            cl.ExactMatch("family_key")
            .configure(term_frequency_adjustments=True)
            .configure(**probabilities("family_key")),
            date,
            cl.ExactMatch("place_key").configure(**probabilities("place_key")),
            cl.ExactMatch("nationality").configure(**probabilities("nationality")),
            cl.ExactMatch("sex").configure(**probabilities("sex")),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("family_key", "given_key", "birth_year"),
            block_on("name_key", "birth_year"),
            block_on("name_key", "place_key"),
            block_on("family_key", "given_key", "place_key"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def _register_duckdb(rows: list[dict]):
    import pyarrow as pa
    from splink import DuckDBAPI

    db_api = DuckDBAPI()
    return db_api.register(pa.Table.from_pylist(rows), table_name="persons")


def spark_session():
    """A local Spark session with Splink's similarity functions (jaro_winkler & co.) on its
    classpath: the jar that Splink ships, for the installed Spark's major version."""
    from akte.core.spark import local_session

    spark = local_session("akte-matching")
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="akte-spark-"))
    return spark


def _register_spark(rows: list[dict]):
    from pyspark.sql import types as T
    from splink import SparkAPI

    spark = spark_session()
    string = T.StringType()
    schema = T.StructType(
        [T.StructField(c, string) for c in COLUMNS[:1]]
        + [T.StructField("name_keys", T.ArrayType(string))]
        + [T.StructField(c, string) for c in COLUMNS[2:7]]
        + [T.StructField("birth_year", T.IntegerType())]
        + [T.StructField(c, string) for c in COLUMNS[8:]]
    )
    frame = spark.createDataFrame([tuple(r[c] for c in COLUMNS) for r in rows], schema)
    db_api = SparkAPI(spark_session=spark, num_partitions_on_repartition=8)
    # one Spark session serves every run in a process: a table name of its own each time
    return db_api.register(frame, table_name=f"persons_{uuid.uuid4().hex[:12]}")


def dedupe(
    records: Iterable[PersonRecord],
    engine: str = "duckdb",
    threshold_probability: float = 0.95,
    step: Callable[[str], None] = lambda _: None,
) -> list[Cluster]:
    """Clusters (two or more records) of probable duplicates, strongest first."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    rows = [linkage_row(r) for r in records]
    step("prepared")
    if len(rows) < 2:
        return []
    table = _register_duckdb(rows) if engine == "duckdb" else _register_spark(rows)
    linker = Linker(table, settings(estimate_u(rows)), log_level=None)
    step("trained")
    pairs = linker.inference.predict(threshold_match_probability=threshold_probability)
    step("predicted")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        pairs, threshold_match_probability=threshold_probability
    )
    step("clustered")
    return _collect(pairs.as_record_list(), clusters.as_record_list())


def _collect(pairs: list[dict], members: list[dict]) -> list[Cluster]:
    groups: dict[str, list[str]] = {}
    for row in members:
        groups.setdefault(str(row["cluster_id"]), []).append(str(row["unique_id"]))
    cluster_of = {m: cid for cid, ms in groups.items() for m in ms}
    weights: dict[str, list[float]] = {}
    for pair in pairs:
        cid = cluster_of.get(str(pair["unique_id_l"]))
        if cid is not None and cid == cluster_of.get(str(pair["unique_id_r"])):
            weights.setdefault(cid, []).append(float(pair["match_weight"]))
    found = [
        Cluster(cid, tuple(sorted(ms)), min(weights.get(cid, [0.0])), max(weights.get(cid, [0.0])))
        for cid, ms in groups.items()
        if len(ms) > 1
    ]
    return sorted(found, key=lambda c: (-c.max_weight, c.cluster_id))
