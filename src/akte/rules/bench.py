"""`akte bench rules`: generate a large rulebook and measure load, evaluation and batch speed.

The generated rulebook has integer and boolean input facts and layered derived facts; each
derived fact has a base rule in two dated versions, an exception, an exception to that
exception and a sibling base rule (five rules per derived fact at the default sizes).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from akte.core.stats import percentile
from akte.rules import expressions
from akte.rules.rulebook import Rulebook

AS_OF = dt.date(2021, 6, 1)


def _names(facts: int) -> tuple[list[str], list[str], list[str]]:
    inputs = facts // 2
    ints = [f"i{n}" for n in range(inputs // 2)]
    bools = [f"b{n}" for n in range(inputs - len(ints))]
    derived = [f"d{n}" for n in range(facts - inputs)]
    return ints, bools, derived


def generate(folder: Path, rules: int = 5000, facts: int = 2000, seed: int = 1) -> list[str]:
    """Write a rulebook to `folder`; return its goal facts (the top layer)."""
    rng = random.Random(seed)
    ints, bools, derived = _names(facts)
    per_fact = max(1, rules // max(1, len(derived)))
    layer_bounds = [int(len(derived) * x) for x in (0.5, 0.8, 0.95, 1.0)]

    def layer(k: int) -> int:
        return next(i for i, bound in enumerate(layer_bounds) if k < bound)

    lines = ["facts:"]
    lines += [f"  {n}: {{type: integer}}" for n in ints]
    lines += [f"  {n}: {{type: boolean}}" for n in bools]
    lines += [f"  {n}: {{type: integer, default: 0}}" for n in derived]
    lines.append("rules:")
    count = 0
    previous: dict[int, list[str]] = {}
    for k, name in enumerate(derived):
        level = layer(k)
        previous.setdefault(level, []).append(name)
        below = previous.get(level - 1) or ints
        a, b, e = rng.choice(ints), rng.choice(below), rng.choice(ints)
        c, d = rng.choice(bools), rng.choice(ints)
        specs = [
            (f"r{k}-base", "valid_to: 2019-12-31", f"{a} > 50", f"{b} + 1", None),
            (f"r{k}-base", "", f"{a} > 40", f"{b} + 2", None),
            (f"r{k}-exc", "", f"{c}", f"{e} + 10", f"r{k}-base"),
            (f"r{k}-exc2", "", f"{c} and {d} < 20", "7", f"r{k}-exc"),
            (f"r{k}-low", "", f"{a} < 10", f"{e} * 2", None),
        ][:per_fact]
        for rule_id, valid_to, when, value, exception_to in specs:
            valid_from = (
                "2020-01-01" if (rule_id.endswith("base") and not valid_to) else "2014-01-01"
            )
            lines.append(f"  - id: {rule_id}")
            lines.append(f"    source: generated rule {count}")
            lines.append(f"    sets: {name}")
            lines.append(f"    valid_from: {valid_from}")
            if valid_to:
                lines.append(f"    {valid_to}")
            if exception_to:
                lines.append(f"    exception_to: {exception_to}")
            lines.append(f"    when: {when}")
            lines.append(f"    value: {value}")
            count += 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    goals = previous.get(max(previous), [])[:10]
    (folder / "rulebook.yaml").write_text(
        "name: bench\nversion: '1'\nlanguages: [en]\noutcomes: [" + ", ".join(goals) + "]\n",
        encoding="utf-8",
    )
    return goals


def _case(rng: random.Random, ints: list[str], bools: list[str], size: int) -> dict:
    facts: dict[str, object] = {}
    for name in rng.sample(ints, min(size // 2, len(ints))):
        facts[name] = rng.randrange(100)
    for name in rng.sample(bools, min(size - size // 2, len(bools))):
        facts[name] = rng.random() < 0.5
    return facts


_WORKER: dict = {}


def _batch_worker(span: tuple[int, int]) -> tuple[int, float]:
    """Evaluate cases[start:end] (inherited from the parent by fork, not pickled)."""
    rulebook, cases, goals = _WORKER["state"]
    start, end = span
    began = time.perf_counter()
    for facts in cases[start:end]:
        rulebook.evaluate_goals(facts, AS_OF, goals)
    return end - start, time.perf_counter() - began


def run(
    rules: int = 5000,
    facts: int = 2000,
    cases: int = 100_000,
    changes: int = 2000,
    case_size: int = 100,
    workers: int | None = None,
    seed: int = 1,
) -> dict:
    """Measure and return the figures as a dict (what `akte bench rules --json` prints)."""
    rng = random.Random(seed)
    ints, bools, _ = _names(facts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        goals = generate(folder, rules, facts, seed)
        expressions.clear_cache()  # measure a cold load
        start = time.perf_counter()
        rulebook = Rulebook.load(folder)
        load_s = time.perf_counter() - start
    # A server loads its rulebooks once at start-up; freezing them keeps the cyclic garbage
    # collector from walking thousands of long-lived rule objects during a single answer.
    gc.collect()
    gc.freeze()

    full_ms = []
    for _ in range(50):
        facts_of_case = _case(rng, ints, bools, case_size)
        start = time.perf_counter()
        rulebook.evaluate(facts_of_case, as_of=AS_OF)
        full_ms.append((time.perf_counter() - start) * 1000)

    session = rulebook.evaluate(_case(rng, ints, bools, case_size), as_of=AS_OF)
    incremental_ms, touched = [], []
    pool = ints + bools
    for _ in range(changes):
        name = rng.choice(pool)
        value = rng.randrange(100) if name.startswith("i") else rng.random() < 0.5
        start = time.perf_counter()
        changed = session.set(name, value)
        incremental_ms.append((time.perf_counter() - start) * 1000)
        touched.append(len(changed))

    # naive baseline: the same answers, each followed by a full re-evaluation
    naive_ms = []
    current = dict(session.inputs)
    for _ in range(min(changes, 200)):
        name = rng.choice(pool)
        current[name] = rng.randrange(100) if name.startswith("i") else rng.random() < 0.5
        start = time.perf_counter()
        rulebook.evaluate(current, as_of=AS_OF)
        naive_ms.append((time.perf_counter() - start) * 1000)

    workers = workers or os.cpu_count() or 1
    batch = [_case(rng, ints, bools, case_size) for _ in range(cases)]
    _WORKER["state"] = (rulebook, batch, tuple(goals))
    chunks = max(workers, 1) * 4
    bounds = [cases * i // chunks for i in range(chunks + 1)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    start = time.perf_counter()
    if workers > 1:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as worker_pool:
            results = worker_pool.map(_batch_worker, spans)
    else:
        results = [_batch_worker(span) for span in spans]
    wall = time.perf_counter() - start
    eval_seconds = sum(seconds for _, seconds in results)
    done = sum(n for n, _ in results)
    single_sample = min(cases, 5000)
    _, single_seconds = _batch_worker((0, single_sample))
    naive_sample = min(cases, 500)
    naive_cases = [_case(rng, ints, bools, case_size) for _ in range(naive_sample)]
    start = time.perf_counter()
    for facts_of_case in naive_cases:
        rulebook.evaluate(facts_of_case, as_of=AS_OF)
    naive_batch_seconds = time.perf_counter() - start

    return {
        "rules": len(rulebook.rules),
        "facts": len(rulebook.facts),
        "rules_in_force_on_as_of": len(rulebook.plan(AS_OF).rules),
        "load_s": round(load_s, 3),
        "eval_full_ms_p50": round(statistics.median(full_ms), 3),
        "eval_incremental_ms_p50": round(statistics.median(incremental_ms), 4),
        "eval_incremental_ms_p99": round(percentile(incremental_ms, 0.99), 4),
        "incremental_nodes_changed_p50": statistics.median(touched),
        "incremental_nodes_changed_max": max(touched),
        "naive_full_reevaluation_ms_p50": round(statistics.median(naive_ms), 3),
        "naive_full_reevaluation_ms_p99": round(percentile(naive_ms, 0.99), 3),
        "cases": done,
        "case_input_facts": case_size,
        "batch_goals": len(goals),
        "batch_workers": workers,
        "batch_wall_s": round(wall, 3),
        "cases_per_s": round(done / wall) if wall else None,
        "cases_per_s_eval_only": round(done / (eval_seconds / workers)) if eval_seconds else None,
        "cases_per_s_single_process": round(single_sample / single_seconds),
        "naive_full_eval_cases_per_s_single_process": round(naive_sample / naive_batch_seconds),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0],
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
        },
    }
