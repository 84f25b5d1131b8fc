"""Run the real-name evaluation: Akte and both baselines on the same queries.

`run(part)` measures the development part (`"dev"`, looked into while tuning) or the
held-out part (`"held_out"`, measured only in aggregate: only the recall figures come out,
never a query). The registry is the same in both runs: the persons of both parts.
"""

from __future__ import annotations

import math
import random
import string
import time
from collections.abc import Callable

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile
from akte.matching.evaluation.baselines import BruteForce, splink_ranking
from akte.matching.evaluation.dataset import EvalQuery, persons, queries
from akte.matching.index import PersonIndex
from akte.matching.query import Query

DEV_PERSONS, HELD_OUT_PERSONS, QUERIES = 16_000, 4_000, 1_000


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def recall(ranks: list[int | None], k: int) -> dict:
    hits = sum(1 for r in ranks if r is not None and r < k)
    low, high = wilson(hits, len(ranks))
    return {"value": round(hits / max(len(ranks), 1), 3), "ci95": [round(low, 3), round(high, 3)]}


def _rank(found: list[str], true_id: str) -> int | None:
    return found.index(true_id) if true_id in found else None


def registry(scale: int = 1) -> tuple[list, list]:
    dev = persons(DEV_PERSONS * scale, "dev")
    held = persons(HELD_OUT_PERSONS * scale, "held_out")
    return dev, held


def run(
    part: str = "dev",
    baselines: bool = True,
    echo: Callable[[str], None] = lambda _: None,
    details: bool = False,
) -> dict:
    dev, held = registry()
    records = [p.record for p in dev + held]
    asked = queries(dev if part == "dev" else held, QUERIES)
    index = PersonIndex()
    index.add_many(records)
    echo(f"index of {len(index)} records")
    result: dict = {"part": part, "records": len(records), "queries_per_script": QUERIES}
    result["random_strings_without_result"] = random_strings_empty(index)
    result["random_arabic_strings_without_result"] = random_strings_empty(index, letters=ARABIC)
    systems: dict[str, Callable[[list[EvalQuery], str], list[list[str]]]] = {
        "akte": _akte(index),
        "akte_above_floor": _akte(index, floor=True),
    }
    if baselines:
        brute = BruteForce(records)
        systems["rapidfuzz"] = lambda qs, mode: [brute.search(getattr(q, mode)) for q in qs]
        systems["splink"] = lambda qs, mode: splink_ranking(records, [getattr(q, mode) for q in qs])
    misses = []
    for name, system in systems.items():
        for mode in ("names_only", "with_fields"):
            for script in ("Latn", "Arab"):
                chosen = [q for q in asked if q.script == script]
                started = time.perf_counter()
                found = system(chosen, mode)
                took = time.perf_counter() - started
                ranks = [_rank(f, q.person_id) for f, q in zip(found, chosen, strict=True)]
                result[f"{name}.{mode}.{script}"] = {
                    "recall_at_1": recall(ranks, 1),
                    "recall_at_10": recall(ranks, 10),
                    "seconds_per_query": round(took / len(chosen), 4),
                }
                echo(f"{name} {mode} {script}: {result[f'{name}.{mode}.{script}']}")
                if details and part == "dev" and name == "akte":
                    misses += [
                        (mode, q, f[:3])
                        for q, f, r in zip(chosen, found, ranks, strict=True)
                        if r is None or r >= 10
                    ]
    if details and part == "dev":
        result["misses"] = misses
    return result


def _akte(index: PersonIndex, floor: bool = False):
    def search(qs: list[EvalQuery], mode: str) -> list[list[str]]:
        return [[c.id for c in index.search(getattr(q, mode), 10, floor)] for q in qs]

    return search


ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # the 28 letters of the Arabic alphabet


def random_strings_empty(
    index: PersonIndex, count: int = 1000, seed: int = 99, letters: str = string.ascii_lowercase
) -> dict:
    """Share of random letter strings (one to three words of 3-9 Latin letters, or 3-7 of
    `letters` if these are Arabic) that find nobody above the floor, with its 95 % interval."""
    rng = random.Random(seed)
    longest = 9 if letters == string.ascii_lowercase else 7
    empty = 0
    for _ in range(count):
        name = " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(3, longest)))
            for _ in range(rng.randint(1, 3))
        )
        empty += not index.search(Query(name=name), floor=True)
    low, high = wilson(empty, count)
    return {"value": round(empty / count, 3), "ci95": [round(low, 3), round(high, 3)], "n": count}


def speed(records: int = 100_000, count: int = 300, baseline_count: int = 30) -> dict:
    """Query time on a registry of real-name persons of `records` records (development and
    held-out persons in the evaluation's ratio), `count` development queries per script,
    names only and with fields, the search as the web uses it (`floor=True`); beside it the
    brute-force baseline on `baseline_count` of the same queries, in the same run."""
    dev_count = records * DEV_PERSONS // (DEV_PERSONS + HELD_OUT_PERSONS)
    dev, held = persons(dev_count, "dev"), persons(records - dev_count, "held_out")
    registered = [p.record for p in dev + held]
    started = time.perf_counter()
    index = PersonIndex()
    index.add_many(registered)
    result: dict = {
        "machine": machine_info(),
        "workload": {"records": len(index), "queries_per_script": count,
                     "baseline_queries_per_script": baseline_count, "floor": True},
        "build_s": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    asked = queries(dev, count)
    brute = BruteForce(registered)
    for mode in ("names_only", "with_fields"):
        for script in ("Latn", "Arab"):
            chosen = [getattr(q, mode) for q in asked if q.script == script]
            took = _timed(lambda q: index.search(q, 10, True), chosen)
            base = _timed(lambda q: brute.search(q, 10), chosen[:baseline_count])
            result[f"{mode}.{script}"] = {
                "search_p50_ms": round(percentile(took, 0.5), 1),
                "search_p95_ms": round(percentile(took, 0.95), 1),
                "baseline_search_p50_ms": round(percentile(base, 0.5), 1),
                "baseline_search_p95_ms": round(percentile(base, 0.95), 1),
            }
    return result


def _timed(search: Callable, asked: list) -> list[float]:
    times = []
    for query in asked:
        started = time.perf_counter()
        search(query)
        times.append((time.perf_counter() - started) * 1000)
    return times
