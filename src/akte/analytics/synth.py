"""A synthetic history for the demo and the benchmarks, generated in DuckDB SQL.

`akte analytics synth --procedures N --out DIR` writes a snapshot with the schema of a real
one. Years 2015-2026 weighted like the yearly application counts the BAMF published
(rounded: 2015 476k, 2016 746k, 2017 223k, 2018 186k, 2019 166k, 2020 122k, 2021 191k,
2022 245k, 2023 352k, 2024 251k; 2025 and 2026 assumed 150k and 110k); nationality shares and
protection shares are plausible round figures, not statistics. Every random draw is a hash of
(row, seed, purpose), so a seed gives the same snapshot whatever the number of threads.

This is a workload, not a description of anyone: no row stands for a person.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from . import cube
from .snapshot import write_manifest

SNAPSHOT_DATE = dt.date(2026, 11, 30)

YEARS = [
    (2015, 476), (2016, 746), (2017, 223), (2018, 186), (2019, 166), (2020, 122),
    (2021, 191), (2022, 245), (2023, 352), (2024, 251), (2025, 150), (2026, 110),
]  # fmt: skip
# nationality, share, protection share of decisions on the merits, formal share
NATIONALITIES = [
    ("SYR", 0.27, 0.90, 0.10), ("AFG", 0.17, 0.75, 0.12), ("IRQ", 0.10, 0.40, 0.12),
    ("TUR", 0.08, 0.18, 0.06), ("ERI", 0.04, 0.85, 0.15), ("IRN", 0.05, 0.35, 0.10),
    ("SOM", 0.03, 0.55, 0.15), ("NGA", 0.03, 0.10, 0.20), ("GEO", 0.03, 0.02, 0.15),
    ("RUS", 0.03, 0.15, 0.15), ("COL", 0.02, 0.03, 0.05), ("VNM", 0.02, 0.05, 0.10),
    ("PAK", 0.03, 0.05, 0.15), ("GIN", 0.02, 0.20, 0.25), ("XXX", 0.08, 0.30, 0.12),
]  # fmt: skip
OFFICES = ["BER", "MUC", "HAM", "DUS", "NUE", "KAR", "DRE", "BIE"]
STATES = ["ITA", "GRC", "ESP", "AUT", "POL", "BGR", "HRV", "FRA"]
AGE_BANDS = ["0-13", "14-17", "18-24", "25-34", "35-44", "45-59", "60+"]
AGE_WEIGHTS = [0.22, 0.07, 0.24, 0.24, 0.12, 0.08, 0.03]


def _cumulative(pairs: list[tuple[str, float]]) -> str:
    """A VALUES list (code, lower, upper) covering [0, 1)."""
    total = sum(weight for _, weight in pairs)
    rows, lower = [], 0.0
    for code, weight in pairs:
        upper = lower + weight / total
        rows.append(f"('{code}', {lower!r}, {upper!r})")
        lower = upper
    return ", ".join(rows[:-1] + [rows[-1].rsplit(",", 1)[0] + ", 1.0000001)"])


def _u(purpose: str, seed: int, column: str = "i") -> str:
    """A uniform draw in [0, 1) for each row, from a hash (no session state)."""
    return f"(hash({column}, {seed}, '{purpose}') % 1000000007) / 1000000007.0"


def generate(procedures: int, out: Path, *, seed: int = 1, echo=None) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    db = duckdb.connect(":memory:")
    db.execute(f"SET memory_limit = '{cube.MEMORY}'")
    db.execute(f"SET temp_directory = '{out.resolve() / '.spill'}'")
    say = echo or (lambda _text: None)
    years = _cumulative([(str(year), count) for year, count in YEARS])
    nats = ", ".join(f"('{c}', {s}, {p}, {f})" for c, s, p, f in NATIONALITIES)
    nat_bands = _cumulative([(c, s) for c, s, _, _ in NATIONALITIES])
    ages = _cumulative(list(zip(AGE_BANDS, AGE_WEIGHTS, strict=True)))
    offices = ", ".join(f"({i}, '{o}')" for i, o in enumerate(OFFICES))
    states = ", ".join(f"({i}, '{s}')" for i, s in enumerate(STATES))
    say(f"procedures: {procedures:,}")
    db.execute(f"""
        CREATE TABLE nat AS SELECT * FROM (VALUES {nats}) t(code, share, protection, formal);
        CREATE TABLE nat_band AS SELECT * FROM (VALUES {nat_bands}) t(code, lo, hi);
        CREATE TABLE year_band AS SELECT * FROM (VALUES {years}) t(code, lo, hi);
        CREATE TABLE age_band AS SELECT * FROM (VALUES {ages}) t(code, lo, hi);
        CREATE TABLE office AS SELECT * FROM (VALUES {offices}) t(n, code);
        CREATE TABLE member_state AS SELECT * FROM (VALUES {states}) t(n, code);
        CREATE TABLE base AS
        SELECT i, {_u("nat", seed)} AS u_nat, {_u("year", seed)} AS u_year,
               {_u("day", seed)} AS u_day, {_u("age", seed)} AS u_age, {_u("sex", seed)} AS u_sex,
               {_u("follow", seed)} AS u_follow, {_u("outcome", seed)} AS u_outcome,
               {_u("kind", seed)} AS u_kind, {_u("duration", seed)} AS u_duration,
               {_u("appeal", seed)} AS u_appeal, {_u("dublin", seed)} AS u_dublin,
               hash(i, {seed}, 'office') % {len(OFFICES)} AS office_n
        FROM range({int(procedures)}) t(i);
        CREATE TABLE procedures_full AS
        SELECT b.*, 'p' || md5(CAST(i AS VARCHAR) || ':{seed}') AS procedure_key,
               'x' || md5(CAST(CASE WHEN u_follow < 0.08 AND i > 0 THEN i - 1 ELSE i END
                               AS VARCHAR) || ':{seed}') AS person_key,
               CASE WHEN u_follow < 0.08 AND i > 0 THEN 'follow_up' ELSE 'first' END
                 AS application_kind,
               o.code AS office, n.code AS nationality, a.code AS age_band,
               CASE WHEN u_sex < 0.64 THEN 'M' WHEN u_sex < 0.995 THEN 'F' ELSE 'X' END AS sex,
               make_date(CAST(y.code AS INTEGER), 1, 1)
                 + CAST(floor(u_day * CASE WHEN y.code = '2026' THEN 333 ELSE 365 END)
                        AS INTEGER) AS lodged_on,
               nat.protection, nat.formal
        FROM base b
        JOIN nat_band n ON b.u_nat >= n.lo AND b.u_nat < n.hi
        JOIN nat ON nat.code = n.code
        JOIN year_band y ON b.u_year >= y.lo AND b.u_year < y.hi
        JOIN age_band a ON b.u_age >= a.lo AND b.u_age < a.hi
        JOIN office o ON o.n = b.office_n;
        CREATE TABLE decided AS
        SELECT *, lodged_on + CAST(20 + floor(u_duration * u_duration * 900) AS INTEGER)
                    AS decided_on,
               CASE
                 WHEN u_outcome < formal * 0.8 THEN 'inadmissible'
                 WHEN u_outcome < formal * 0.9 THEN 'discontinued_withdrawn'
                 WHEN u_outcome < formal THEN 'discontinued_not_pursued'
                 WHEN u_outcome < formal + (1 - formal) * protection THEN
                   CASE WHEN u_kind < 0.02 THEN 'asylum'
                        WHEN u_kind < 0.55 THEN 'refugee'
                        WHEN u_kind < 0.85 THEN 'subsidiary'
                        WHEN u_kind < 0.95 THEN 'deportation_ban_5'
                        ELSE 'deportation_ban_7' END
                 WHEN u_kind < 0.8 THEN 'unfounded'
                 ELSE 'manifestly_unfounded'
               END AS outcome
        FROM procedures_full
        WHERE lodged_on + CAST(20 + floor(u_duration * u_duration * 900) AS INTEGER)
              <= DATE '{SNAPSHOT_DATE.isoformat()}';
    """)
    dims = "office, nationality, sex, age_band, application_kind"
    tables = {
        "procedures": f"""
            SELECT p.procedure_key, p.person_key, {dims}, p.lodged_on,
                   p.lodged_on - 2 AS registered_on,
                   CASE WHEN d.outcome IS NULL THEN 'lodged' ELSE 'decided' END AS status
            FROM procedures_full p LEFT JOIN (SELECT i, outcome FROM decided) d USING (i)""",
        "status_events": """
            SELECT procedure_key, person_key, 'registered' AS status, lodged_on - 2 AS on_date
            FROM procedures_full
            UNION ALL SELECT procedure_key, person_key, 'lodged', lodged_on FROM procedures_full
            UNION ALL SELECT procedure_key, person_key, 'decided', decided_on FROM decided""",
        "decisions": f"""
            SELECT procedure_key, person_key, decided_on, lodged_on, outcome, {dims}
            FROM decided""",
        "appeals": f"""
            SELECT procedure_key, person_key, decided_on + 10 AS lodged_on,
                   CASE WHEN u_appeal < 0.15 THEN 'urgent' ELSE 'main' END AS kind,
                   CASE WHEN decided_on + 10 + CAST(u_appeal * 1500 AS INTEGER)
                             > DATE '{SNAPSHOT_DATE.isoformat()}' THEN NULL
                        WHEN u_kind < 0.7 THEN 'dismissed'
                        WHEN u_kind < 0.85 THEN 'granted'
                        ELSE 'withdrawn' END AS outcome,
                   CASE WHEN decided_on + 10 + CAST(u_appeal * 1500 AS INTEGER)
                             <= DATE '{SNAPSHOT_DATE.isoformat()}'
                        THEN decided_on + 10 + CAST(u_appeal * 1500 AS INTEGER) END
                     AS decided_on,
                   {dims}
            FROM decided
            WHERE outcome IN ('unfounded', 'manifestly_unfounded') AND u_appeal < 0.6""",
        "hearings": f"""
            SELECT procedure_key, person_key, greatest(lodged_on + 10, decided_on - 30) AS held_on,
                   20 AS checklist_items,
                   14 + CAST(floor(u_duration * 7) AS INTEGER) % 7 AS checklist_covered,
                   CAST(floor(u_kind * 4) AS INTEGER) AS explain_put,
                   CAST(floor(u_kind * 4 * u_appeal) AS INTEGER) AS explain_answered,
                   10 AS suggestions_shown,
                   CAST(floor(u_outcome * 10) AS INTEGER) AS suggestions_used,
                   {dims}
            FROM decided WHERE outcome NOT IN ('inadmissible', 'discontinued_withdrawn')""",
        "dublin_deadlines": f"""
            WITH d AS (
              SELECT p.*, CASE WHEN p.lodged_on >= DATE '2026-07-01' THEN 'ammr'
                               ELSE 'dublin-iii' END AS regulation,
                     m.code AS member_state
              FROM procedures_full p
              JOIN member_state m ON m.n = hash(p.i, {seed}, 'state') % {len(STATES)}
              WHERE p.u_dublin < 0.12)
            SELECT procedure_key, person_key, regulation, 'take_charge_request' AS deadline,
                   member_state, lodged_on + 60 AS due,
                   CASE WHEN u_kind < 0.95 THEN 'met' ELSE 'missed' END AS state,
                   NULL AS outcome, {dims}
            FROM d
            UNION ALL
            SELECT procedure_key, person_key, regulation, 'take_charge_reply', member_state,
                   lodged_on + 90, 'met',
                   CASE WHEN u_appeal < 0.75 THEN 'accepted' ELSE 'refused' END, {dims}
            FROM d WHERE u_kind < 0.95
            UNION ALL
            SELECT procedure_key, person_key, regulation, 'transfer', member_state,
                   lodged_on + 270,
                   CASE WHEN lodged_on + 270 > DATE '{SNAPSHOT_DATE.isoformat()}' THEN 'open'
                        WHEN u_outcome < 0.3 THEN 'met' ELSE 'missed' END,
                   NULL, {dims}
            FROM d WHERE u_kind < 0.95 AND u_appeal < 0.75""",
        "intake_items": f"""
            SELECT 'm' || md5(CAST(i AS VARCHAR) || ':{seed}:mail') AS item_key,
                   CASE WHEN u_kind < 0.8 THEN person_key END AS person_key,
                   lodged_on + CAST(u_appeal * 400 AS INTEGER) AS received_on,
                   CASE WHEN u_day < 0.25 THEN '006' WHEN u_day < 0.45 THEN '007'
                        WHEN u_day < 0.47 THEN '021' WHEN u_day < 0.62 THEN '003'
                        WHEN u_day < 0.9 THEN '015' ELSE '017' END AS document_class,
                   u_duration < 0.12 AS needs_review,
                   CASE WHEN u_day < 0.62 THEN 'litigation' WHEN u_dublin < 0.12 THEN 'dublin'
                        ELSE 'case_owner' END AS team
            FROM procedures_full WHERE u_follow > 0.5""",
    }
    counts = {}
    for name, sql in tables.items():
        target = out / f"{name}.parquet"
        db.execute(f"COPY ({sql}) TO '{target}' (FORMAT PARQUET)")
        counts[name] = db.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchone()[0]
        say(f"  {name}: {counts[name]:,} rows")
    db.close()
    shutil.rmtree(out / ".spill", ignore_errors=True)
    write_manifest(out, counts, key_id=f"synthetic-seed-{seed}", synthetic=True)
    cube.build(out, echo=say)
    return counts
