"""`akte bench matching`: recall and speed of the index on synthetic persons, with a
brute-force rapidfuzz baseline measured in the same run.

Queries are corrupted copies of indexed persons (`akte.synth.corrupt`) drawn with a fixed
held-out seed (`HELD_OUT_SEED`) that was never used while tuning; tuning used `TUNING_SEED`.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import time
from collections import Counter
from collections.abc import Callable

from rapidfuzz import fuzz, process

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile
from akte.matching.index import LIKELY_MATCH_PROBABILITY, PersonIndex, Query
from akte.matching.record import NameVariant, PersonRecord
from akte.synth import corrupt, generate_persons

HELD_OUT_SEED = 500_009
TUNING_SEED = 7
BASELINE_THRESHOLD = 90.0  # token_sort_ratio from which the baseline calls it a match


def record_from_synthetic(person) -> PersonRecord:
    return PersonRecord(
        id=person.key,
        names=tuple(NameVariant(s.given_names, s.family_name, s.script) for s in person.spellings),
        birth_date=person.birth_date,
        birth_place=person.birth_place,
        nationality=person.country,
        sex=person.sex,
    )


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_bench(
    records: int = 10_000,
    queries: int = 500,
    seed: int = 2019,
    query_seed: int = HELD_OUT_SEED,
    baseline_queries: int = 50,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Build, query and measure; returns the JSON-ready result."""
    step = progress or (lambda *_: None)
    persons = generate_persons(count=records, seed=seed)
    step("generated", records, records)
    index = PersonIndex()
    started = time.perf_counter()
    for i, person in enumerate(persons):
        index.add(record_from_synthetic(person))
        if i % 10_000 == 0:
            step("build", i, records)
    build_s = time.perf_counter() - started
    rng = random.Random(query_seed)
    chosen = [persons[rng.randrange(len(persons))] for _ in range(queries)] if persons else []
    corrupted = [corrupt(p, rng) for p in chosen]
    hits1 = hits10 = confident = confident_right = 0
    times: list[float] = []
    by_kind: Counter[str] = Counter()
    by_kind_hit: Counter[str] = Counter()
    for i, q in enumerate(corrupted):
        query = Query(
            "", q.given_names, q.family_name, q.birth_date, q.birth_place, q.country, q.sex
        )
        started = time.perf_counter()
        found = index.search(query, limit=10)
        times.append((time.perf_counter() - started) * 1000)
        ids = [c.id for c in found]
        hits1 += bool(ids) and ids[0] == q.true_key
        hits10 += q.true_key in ids
        if found and found[0].probability >= LIKELY_MATCH_PROBABILITY:
            confident += 1
            confident_right += ids[0] == q.true_key
        for kind in q.corruptions:
            by_kind[kind] += 1
            by_kind_hit[kind] += q.true_key in ids
        if i % 100 == 0:
            step("queries", i, queries)
    result = {
        "records": records,
        "queries": queries,
        "query_seed": query_seed,
        "recall_at_1": round(hits1 / max(queries, 1), 4),
        "recall_at_10": round(hits10 / max(queries, 1), 4),
        "precision_at_threshold": round(confident_right / max(confident, 1), 4),
        "share_above_threshold": round(confident / max(queries, 1), 4),
        "threshold_probability": LIKELY_MATCH_PROBABILITY,
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "build_s": round(build_s, 2),
        "rss_mb": _rss_mb(),
        "cpu_count": os.cpu_count(),
        "machine": machine_info(),
        "recall_at_10_by_corruption": {
            k: round(by_kind_hit[k] / by_kind[k], 3) for k in sorted(by_kind)
        },
    }
    result["baseline"] = _baseline(persons, corrupted[:baseline_queries])
    return result


def _baseline(persons, corrupted) -> dict:
    """rapidfuzz token_sort_ratio of the query name against every primary name, no blocking."""
    started = time.perf_counter()
    names = [p.primary.given_names + " " + p.primary.family_name for p in persons]
    keys = [p.key for p in persons]
    prepare_s = time.perf_counter() - started
    hits1 = hits10 = confident = confident_right = 0
    times = []
    for q in corrupted:
        started = time.perf_counter()
        found = process.extract(q.name, names, scorer=fuzz.token_sort_ratio, limit=10)
        times.append((time.perf_counter() - started) * 1000)
        ids = [keys[i] for _, _, i in found]
        hits1 += bool(ids) and ids[0] == q.true_key
        hits10 += q.true_key in ids
        if found and found[0][1] >= BASELINE_THRESHOLD:
            confident += 1
            confident_right += ids[0] == q.true_key
    n = max(len(corrupted), 1)
    return {
        "method": "rapidfuzz token_sort_ratio over all primary names (brute force)",
        "records": len(persons),
        "queries": len(corrupted),
        "recall_at_1": round(hits1 / n, 4),
        "recall_at_10": round(hits10 / n, 4),
        "precision_at_threshold": round(confident_right / max(confident, 1), 4),
        "threshold_score": BASELINE_THRESHOLD,
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "build_s": round(prepare_s, 2),
        "rss_mb": _rss_mb(),
        "mean_ms": round(statistics.fmean(times), 2) if times else 0.0,
    }
