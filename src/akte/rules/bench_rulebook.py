"""The rulebook `akte bench rules` measures: generated, seeded, shaped like the real ones.

Real rulebooks (`rulebooks/`) have a few facts that many rules read (the procedure, the
country of origin, a Dublin hit), long chains of derived facts (a deadline from a date from a
transfer from a hit), diamonds (two facts derived from one and read together), and views on
top: checklist items and suggestions. The generated rulebook has all of them:

- `hub0..`: derived facts on the first layer, each read by many rules on every layer above;
- `d0..` on `depth` layers; a fact on layer k reads a fact of layer k-1 (the chain), a
  second derived fact (often a sibling with the same parent: a diamond) and a hub;
- five rules per derived fact: a base rule in two dated versions, an exception, an exception
  to that exception and a sibling base rule;
- checklist items (`covered_when` and `relevant_when` on derived facts and hubs) and
  suggestions (`when` on two derived facts and an input).

`shape(rulebook)` measures what was generated (depth, hub fan-out, diamonds, views); the
bench prints it and the tests check it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from akte.rules.plan import Plan


@dataclass(frozen=True)
class Generated:
    """What was written: the goal facts (top layer) and the input facts by type."""

    goals: list[str]
    ints: list[str]
    bools: list[str]


def _layers(derived: int, depth: int) -> list[int]:
    """Facts per layer: a wide bottom narrowing to the top, every layer non-empty."""
    weights = [depth - k + depth // 2 for k in range(depth)]
    sizes = [max(1, derived * w // sum(weights)) for w in weights]
    sizes[0] += derived - sum(sizes)
    return sizes


def generate(
    folder: Path,
    rules: int = 5000,
    facts: int = 2000,
    seed: int = 1,
    depth: int = 12,
    hubs: int = 12,
    checklist: int = 150,
    suggestions: int = 150,
) -> Generated:
    """Write a rulebook to `folder` (about `rules` rules over `facts` facts)."""
    rng = random.Random(seed)
    derived_count = max(depth + hubs, min(facts // 2, rules // 5))
    inputs = max(8, facts - derived_count - hubs)
    ints = [f"i{n}" for n in range(inputs // 2)]
    bools = [f"b{n}" for n in range(inputs - len(ints))]
    hub_names = [f"hub{n}" for n in range(hubs)]
    lines = ["facts:"]
    lines += [f"  {n}: {{type: integer}}" for n in ints]
    lines += [f"  {n}: {{type: boolean}}" for n in bools]
    lines += [f"  {n}: {{type: integer, default: 0}}" for n in hub_names]
    rule_lines: list[str] = ["rules:"]

    def rule(rule_id, sets, when, value, valid_from="2014-01-01", valid_to=None, base=None):
        rule_lines.extend(
            [f"  - id: {rule_id}", f"    source: generated, {sets}", f"    sets: {sets}"]
        )
        rule_lines.append(f"    valid_from: {valid_from}")
        if valid_to:
            rule_lines.append(f"    valid_to: {valid_to}")
        if base:
            rule_lines.append(f"    exception_to: {base}")
        rule_lines.extend([f"    when: {when}", f"    value: {value}"])

    for hub in hub_names:  # a hub: from inputs, like "procedure" or "dublin_hit"
        a, b, c = rng.sample(ints, 3)
        rule(f"{hub}-base", hub, f"{a} > 30", f"{b} + {c}")
        rule(f"{hub}-exc", hub, f"{rng.choice(bools)}", f"{b}", base=f"{hub}-base")

    layers: list[list[str]] = []
    parents: dict[str, tuple[str, ...]] = {}
    count = 0
    for level, size in enumerate(_layers(derived_count, depth)):
        names = [f"d{count + n}" for n in range(size)]
        count += size
        for name in names:
            lines.append(f"  {name}: {{type: integer, default: 0}}")
            hub = rng.choice(hub_names)
            if level == 0:
                p1, p2 = rng.sample(ints, 2)
                parents[name] = (hub,)
            else:
                p1 = rng.choice(layers[level - 1])
                p2 = _second_parent(rng, p1, layers, level, parents)
                parents[name] = (hub, p1, p2)
            a, e, d = rng.sample(ints, 3)
            c = rng.choice(bools)
            r = f"r-{name}"
            rule(r, name, f"{hub} > 50", f"{p1} + 1", valid_to="2019-12-31")
            rule(r, name, f"{hub} > 40 and {a} > 20", f"max({p1}, {p2}) + {hub} - 50", "2020-01-01")
            rule(f"{r}-exc", name, f"{c} and {p2} > 30", f"min({p1}, {e}) + 10", base=r)
            rule(f"{r}-exc2", name, f"{c} and {hub} < 20 and {d} < 20", "7", base=f"{r}-exc")
            rule(f"{r}-low", name, f"{a} < 10", f"{p2} * 2")
        layers.append(names)

    derived = [n for layer in layers for n in layer]
    views = ["checklist:"]
    for n in range(checklist):
        x, y = rng.sample(derived, 2)
        hub = rng.choice(hub_names)
        views += [
            f"  - id: item-{n}",
            f"    title: {{de: Element {n}, en: Element {n}}}",
            f"    source: generated checklist item {n}",
            f"    covered_when: known({x}) and {x} > {y}",
            f"    relevant_when: {hub} > 20 or {rng.choice(bools)}",
            f"    reason: {{de: Grund {n}, en: Reason {n}}}",
        ]
    views.append("suggestions:")
    for n in range(suggestions):
        x, y = rng.sample(derived, 2)
        views += [
            f"  - id: suggestion-{n}",
            f"    kind: {rng.choice(['question', 'opportunity_to_explain'])}",
            f"    when: {x} > 60 and {y} < 40 and not {rng.choice(bools)}",
            f"    text: {{de: Frage {n}, en: Question {n}}}",
            f"    reason: {{de: Anlass {n}, en: Occasion {n}}}",
            f"    source: generated suggestion {n}",
        ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "facts.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "rules.yaml").write_text("\n".join(rule_lines) + "\n", encoding="utf-8")
    (folder / "views.yaml").write_text("\n".join(views) + "\n", encoding="utf-8")
    goals = layers[-1][:10]
    (folder / "rulebook.yaml").write_text(
        "name: bench\nversion: '1'\nlanguages: [de, en]\noutcomes: [" + ", ".join(goals) + "]\n",
        encoding="utf-8",
    )
    return Generated(goals, ints, bools)


def _second_parent(rng, p1, layers, level, parents) -> str:
    """Half the time a sibling of `p1` (same parent: a diamond), else any lower fact."""
    if rng.random() < 0.5 and level >= 2:
        grand = parents[p1][1]
        siblings = [n for n in layers[level - 1] if n != p1 and parents[n][1] == grand]
        if siblings:
            return rng.choice(siblings)
    while True:
        choice = rng.choice(rng.choice(layers[:level]))
        if choice != p1 or len(layers[level - 1]) == 1:
            return choice


def shape(plan: Plan, derived: frozenset[str]) -> dict[str, object]:
    """Depth, fan-out of the most read facts, diamonds, views and the most derived facts one
    rule reads, measured on a plan (what the rulebook really is, not what was meant)."""
    fact_nodes = [n for n in plan.nodes if n.is_fact]
    level: dict[str, int] = {}
    reads_derived: dict[str, set[str]] = {}
    for node in fact_nodes:  # in dependency order
        below = {r for r in node.reads if r in derived}
        reads_derived[node.key] = below
        level[node.key] = 1 + max((level[r] for r in below), default=0)
    fan_out: dict[str, int] = defaultdict(int)
    for node in plan.nodes:
        for name in node.reads:
            if name in derived:
                fan_out[name] += 1
    diamonds = 0
    for below in reads_derived.values():
        grand = [reads_derived.get(p, set()) for p in below]
        if any(grand[i] & grand[j] for i in range(len(grand)) for j in range(i + 1, len(grand))):
            diamonds += 1
    top = sorted(fan_out.values(), reverse=True)
    return {
        "depth": max(level.values(), default=0),
        "derived_facts": len(fact_nodes),
        "max_derived_read_by_one_rule": max(
            (len({r for r in rule.reads if r in derived}) for rule in plan.rules), default=0
        ),
        "hub_fan_out_top5": top[:5],
        "facts_read_by_50_or_more_nodes": sum(1 for n in top if n >= 50),
        "diamonds": diamonds,
        "checklist_items": sum(1 for n in plan.nodes if n.kind == "checklist"),
        "suggestions": sum(1 for n in plan.nodes if n.kind == "suggestion"),
    }
