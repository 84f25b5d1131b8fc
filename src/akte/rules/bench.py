"""`akte bench rules`: load, incremental and batch evaluation on a realistic rulebook.

The rulebook is generated (`bench_rulebook`: hub facts, diamonds, depth >= 10, checklist
items, suggestions) and its measured shape is printed with the figures. Every figure has a
baseline from the same run, on one core:

- load: `Rulebook.load` (read, check, compile) cold, against parsing the same YAML files
  alone (a yardstick of the machine's speed at that moment);
- incremental: `set()` of one answer to a value different from the one there, on an input
  that some rule reads, against a full re-evaluation of the case after the same change;
  reported per size of what changed (buckets of changed derived facts and views, p50/p95);
- batch: full evaluation of every case (`evaluate`), against a rules engine without a
  dependency order (sweeps over every node until nothing changes), both on one core and
  checked to give the same values.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import tempfile
import time
from pathlib import Path

import yaml

from akte.core.machine import machine
from akte.core.stats import percentile
from akte.rules import expressions
from akte.rules.bench_rulebook import Generated, generate, shape
from akte.rules.rulebook import Rulebook
from akte.rules.values import UNKNOWN

AS_OF = dt.date(2021, 6, 1)
BUCKETS = ((0, 0), (1, 3), (4, 15), (16, 63), (64, 255), (256, 10**9))


def _ms(values: list[float]) -> dict[str, float | int]:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.5), 4),
        "p95_ms": round(percentile(values, 0.95), 4),
    }


def _case(rng: random.Random, made: Generated, known: float) -> dict[str, object]:
    """A case with a share `known` of the inputs answered."""
    facts: dict[str, object] = {}
    for name in made.ints:
        if rng.random() < known:
            facts[name] = rng.randrange(100)
    for name in made.bools:
        if rng.random() < known:
            facts[name] = rng.random() < 0.5
    return facts


def _new_value(rng: random.Random, name: str, current: object) -> object:
    """A value for input `name` different from `current` (no no-op sets)."""
    while True:
        value = rng.randrange(100) if name.startswith("i") else rng.random() < 0.5
        if value != current or type(value) is not type(current):
            return value


def naive_evaluate(rulebook: Rulebook, facts: dict[str, object]) -> dict[str, object]:
    """The baseline: every node, in the order the rulebook names them rather than by their
    dependencies, again and again until nothing changes; derived facts and views."""
    plan = rulebook.case_plan(facts, AS_OF)
    values: dict[str, object] = {"as_of": AS_OF, **facts}
    views: dict[str, object] = {}
    outcomes: dict = {}
    nodes = sorted(plan.nodes, key=lambda node: node.key)
    changed = True
    while changed:
        changed = False
        for node in nodes:
            store = values if node.is_fact else views
            value = node.compute(values, outcomes)
            old = store.get(node.key, UNKNOWN)
            if value is not old and (value != old or type(value) is not type(old)):
                store[node.key] = value
                changed = True
    return {n.key: (values if n.is_fact else views).get(n.key, UNKNOWN) for n in plan.nodes}


def _akte_values(evaluation) -> dict[str, object]:
    return dict(evaluation.derived) | dict(evaluation.views)


def _load(folder: Path, repeat: int):
    load_s, yaml_s, cpu_s = [], [], []
    rulebook = None
    for _ in range(repeat):
        expressions.clear_cache()  # measure a cold load
        start, cpu = time.perf_counter(), time.process_time()
        rulebook = Rulebook.load(folder)
        load_s.append(time.perf_counter() - start)
        cpu_s.append(time.process_time() - cpu)
        start = time.perf_counter()
        for file in sorted(folder.glob("*.yaml")):
            yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506
        yaml_s.append(time.perf_counter() - start)
    assert rulebook is not None
    return rulebook, load_s, yaml_s, cpu_s


def _incremental(rulebook: Rulebook, made: Generated, rng, changes: int, baseline_every: int):
    plan = rulebook.plan(AS_OF)
    read = sorted(name for name in made.ints + made.bools if name in plan.dependents)
    hubs = sorted(
        {name for node in plan.nodes if node.key.startswith("hub") for name in node.reads}
    )
    per_bucket: dict[tuple[int, int], list[float]] = {b: [] for b in BUCKETS}
    full: dict[tuple[int, int], list[float]] = {b: [] for b in BUCKETS}
    session = rulebook.evaluate(_case(rng, made, 0.7), as_of=AS_OF)
    changed_sizes = []
    for n in range(changes):
        name = rng.choice(hubs if n % 4 == 0 else read)  # a quarter: answers hubs read
        value = _new_value(rng, name, session.inputs.get(name, UNKNOWN))
        start = time.perf_counter()
        changed = session.set(name, value)
        seconds = time.perf_counter() - start
        bucket = next(b for b in BUCKETS if b[0] <= len(changed) <= b[1])
        per_bucket[bucket].append(seconds * 1000)
        changed_sizes.append(len(changed))
        if n % baseline_every == 0:  # the same change, answered by a full re-evaluation
            inputs = session.inputs
            start = time.perf_counter()
            rulebook.evaluate(inputs, as_of=AS_OF)
            full[bucket].append((time.perf_counter() - start) * 1000)
    nonempty = [ms for b, values in per_bucket.items() if b != (0, 0) for ms in values]
    return {
        "updates": changes,
        "inputs_read_by_some_rule": len(read),
        "share_of_updates_to_inputs_of_hubs": 0.25,
        "no_op_sets": 0,
        "updates_changing_no_derived_value": len(per_bucket[(0, 0)]),
        "changed_nodes_p50": percentile(changed_sizes, 0.5),
        "changed_nodes_p95": percentile(changed_sizes, 0.95),
        "changed_nodes_max": max(changed_sizes),
        "set_ms_changing_something": _ms(nonempty),
        "by_changed_nodes": [
            {
                "changed": f"{low}" if low == high else f"{low}-{high if high < 10**9 else ''}",
                "set": _ms(per_bucket[(low, high)]),
                "baseline_full_reevaluation": _ms(full[(low, high)]),
            }
            for low, high in BUCKETS
        ],
    }


def _batch(rulebook: Rulebook, made: Generated, rng, cases: int, check: int) -> dict[str, object]:
    batch = [_case(rng, made, 0.7) for _ in range(cases)]
    for facts in batch[:check]:  # the same work: the same values on both sides
        if naive_evaluate(rulebook, facts) != _akte_values(rulebook.evaluate(facts, AS_OF)):
            raise AssertionError("the baseline and Akte disagree on a case")
    start = time.perf_counter()
    for facts in batch:
        rulebook.evaluate(facts, as_of=AS_OF)
    akte_s = time.perf_counter() - start
    start = time.perf_counter()
    for facts in batch:
        naive_evaluate(rulebook, facts)
    naive_s = time.perf_counter() - start
    return {
        "cases": cases,
        "processes": 1,
        "nodes_per_case": len(rulebook.plan(AS_OF).nodes),
        "cases_checked_equal": min(check, cases),
        "akte_full_evaluation_cases_per_s": round(cases / akte_s, 1),
        "baseline_fixpoint_cases_per_s": round(cases / naive_s, 1),
        "speedup": round(naive_s / akte_s, 2),
    }


def run(
    rules: int = 5000,
    facts: int = 2000,
    cases: int = 300,
    changes: int = 2000,
    depth: int = 12,
    load_repeat: int = 3,
    baseline_every: int = 5,
    seed: int = 1,
) -> dict:
    """Measure and return the figures as a dict (what `akte bench rules` prints)."""
    rng = random.Random(seed)
    header = machine()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        made = generate(folder, rules, facts, seed, depth=depth)
        rulebook, load_s, yaml_s, cpu_s = _load(folder, load_repeat)
    # A server loads its rulebooks once at start-up; freezing them keeps the cyclic garbage
    # collector from walking thousands of long-lived rule objects during a single answer.
    gc.collect()
    gc.freeze()
    plan = rulebook.plan(AS_OF)
    result = {
        "machine": header,
        "rulebook": {
            "rules": len(rulebook.rules),
            "facts": len(rulebook.facts),
            "rules_in_force_on_as_of": len(plan.rules),
            **shape(plan, rulebook.derived),
        },
        "load": {
            "load_and_compile_s_min": round(min(load_s), 3),
            "load_and_compile_s_median": round(percentile(load_s, 0.5), 3),
            "load_and_compile_cpu_s_median": round(percentile(cpu_s, 0.5), 3),
            "baseline_yaml_parse_only_s_median": round(percentile(yaml_s, 0.5), 3),
            "repeat": load_repeat,
        },
        "incremental": _incremental(rulebook, made, rng, changes, baseline_every),
        "batch_one_core": _batch(rulebook, made, rng, cases, check=min(cases, 20)),
    }
    result["machine_after"] = {"load_average_1_5_15": machine()["load_average_1_5_15"]}
    return result
