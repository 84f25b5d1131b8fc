"""The generated bench rulebook has the shape of a real one (not a flat one), and the bench
measures only real changes and the same work on both sides."""

from __future__ import annotations

import random

import pytest

from akte.rules.bench import AS_OF, _incremental, naive_evaluate
from akte.rules.bench_rulebook import generate, shape
from akte.rules.rulebook import Rulebook


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench") / "book"
    generated = generate(folder, rules=1000, facts=500, seed=3, depth=10, hubs=3)
    return generated, Rulebook.load(folder)


def test_depth_hubs_diamonds_and_views(made):
    _, rulebook = made
    found = shape(rulebook.plan(AS_OF), rulebook.derived)
    assert found["depth"] >= 10
    assert found["max_derived_read_by_one_rule"] >= 2  # rules read several derived facts
    assert found["facts_read_by_50_or_more_nodes"] >= 3  # the hubs
    assert found["diamonds"] >= 10
    assert found["checklist_items"] > 0 and found["suggestions"] > 0


def test_shape_sees_a_flat_rulebook_as_flat(make_rulebook):
    flat = Rulebook.load(
        make_rulebook(
            {
                "facts.yaml": "facts:\n  a: {type: integer}\n  d: {type: integer, default: 0}\n",
                "rules.yaml": "rules:\n  - id: r\n    source: s\n    sets: d\n"
                "    valid_from: 2014-01-01\n    value: a + 1\n",
            }
        )
    )
    found = shape(flat.plan(AS_OF), flat.derived)
    assert found["depth"] == 1 and found["diamonds"] == 0
    assert found["facts_read_by_50_or_more_nodes"] == 0 and found["checklist_items"] == 0


def test_same_seed_same_rulebook(tmp_path):
    generate(tmp_path / "a", rules=300, facts=120, seed=5)
    generate(tmp_path / "b", rules=300, facts=120, seed=5)
    for name in ("facts.yaml", "rules.yaml", "views.yaml", "rulebook.yaml"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()


def test_incremental_run_sets_only_new_values(made, monkeypatch):
    generated, rulebook = made
    seen = []
    real_set = type(rulebook.evaluate({}, AS_OF)).set

    def spy(session, name, value):
        seen.append(session.inputs.get(name, "unknown") != value)
        return real_set(session, name, value)

    monkeypatch.setattr(type(rulebook.evaluate({}, AS_OF)), "set", spy)
    result = _incremental(rulebook, generated, random.Random(1), changes=200, baseline_every=50)
    assert len(seen) == 200 and all(seen)
    assert sum(b["set"]["n"] for b in result["by_changed_nodes"]) == 200
    assert (
        result["set_ms_changing_something"]["n"]
        == 200 - result["updates_changing_no_derived_value"]
    )


def test_baseline_computes_what_akte_computes(made):
    generated, rulebook = made
    rng = random.Random(2)
    for _ in range(5):
        facts = {n: rng.randrange(100) for n in generated.ints if rng.random() < 0.7}
        facts |= {n: rng.random() < 0.5 for n in generated.bools if rng.random() < 0.7}
        evaluation = rulebook.evaluate(facts, AS_OF)
        assert naive_evaluate(rulebook, facts) == dict(evaluation.derived) | dict(evaluation.views)
