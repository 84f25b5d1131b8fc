import pytest

from akte.core.partial_date import PartialDate
from akte.matching.cli import synthetic_with_copies
from akte.matching.linkage import dedupe, linkage_row
from akte.matching.record import NameVariant, PersonRecord


def test_linkage_row_keys_cover_every_spelling():
    record = PersonRecord("1", (NameVariant("Mohammed", "al-Hassan"), NameVariant("محمد", "الحسن")),
                          PartialDate(1990, 1, 1), "Aleppo", "SYR", "M")  # fmt: skip
    row = linkage_row(record)
    assert row["name_keys"] == ["hsn", "mhmd"]
    assert row["birth_date"] is None and row["birth_year"] == 1990  # placeholder is year only
    assert row["place_key"] == "170063"


def _copies_found(clusters):
    return sum(
        1 for c in clusters for m in c.members
        if m.startswith("copy") and m.split("-of-")[1] in c.members
    )  # fmt: skip


def test_dedupe_on_duckdb_finds_planted_copies():
    rows = synthetic_with_copies(1000)
    clusters = dedupe(rows, engine="duckdb")
    assert _copies_found(clusters) >= 60  # of 100 copies, some with 2 corruptions
    assert all(c.max_weight > 0 and len(c.members) >= 2 for c in clusters)


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="use one of duckdb, spark"):
        dedupe([], engine="oracle")


# DuckDB and Spark side by side: tests/matching/test_linkage_spark.py
