"""Run a target for N examples without stopping at the first failure; count what failed."""

from __future__ import annotations

import os
import platform
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile


@dataclass(frozen=True)
class Target:
    """A parser under fuzzing: `check(value)` returns on a valid result or the documented
    error and raises (AssertionError or the parser's crash) on anything else."""

    name: str
    parser: str  # what is fuzzed, e.g. "akte.core.partial_date.PartialDate.parse"
    error: str  # the documented error type
    strategy: Callable[[], st.SearchStrategy]
    check: Callable[[object], None]
    setup: Callable[[], Callable[[], None]] | None = None  # returns its own teardown


@dataclass
class Result:
    name: str
    parser: str
    error: str
    examples: int = 0
    failures: int = 0
    seconds: float = 0.0
    crashes: list[dict[str, str]] = field(default_factory=list)  # first few, with input
    check_ms: list[float] = field(default_factory=list)  # the parser's time per input
    baseline_examples_per_s: float | None = None  # generating inputs alone (no-op check)

    def as_dict(self) -> dict[str, object]:
        return {
            "parser": self.parser,
            "documented_error": self.error,
            "examples": self.examples,
            "failures": self.failures,
            "seconds": round(self.seconds, 2),
            "examples_per_s": round(self.examples / self.seconds, 1) if self.seconds else None,
            "baseline_examples_per_s": self.baseline_examples_per_s,
            "check_p50_ms": round(percentile(self.check_ms, 0.5), 3),
            "check_p95_ms": round(percentile(self.check_ms, 0.95), 3),
            "crashes": self.crashes,
        }


MAX_CRASHES_SHOWN = 5


def run(target: Target, examples: int, random_seed: int = 0, baseline: int = 0) -> Result:
    """Run `target.check` on `examples` generated inputs (Hypothesis, no shrinking, no
    example database); every exception is counted and the first few are kept. With
    `baseline`, first time generating that many inputs with a no-op check."""
    if baseline:
        noop = Target(target.name, target.parser, target.error, target.strategy, lambda v: None)
        measured = run(noop, baseline, random_seed)
        rate = measured.examples / measured.seconds if measured.seconds else None
    result = Result(target.name, target.parser, target.error)
    if baseline:
        result.baseline_examples_per_s = round(rate, 1) if rate else None
    teardown = target.setup() if target.setup else None

    @seed(random_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy())
    def one(value: object) -> None:
        result.examples += 1
        started = time.perf_counter()
        try:
            target.check(value)
        except Exception as exc:  # every failure is counted, none stops the run
            result.failures += 1
            if len(result.crashes) < MAX_CRASHES_SHOWN:
                result.crashes.append(
                    {
                        "error": f"{type(exc).__name__}: {str(exc)[:300]}",
                        "input": repr(value)[:500],
                        "where": traceback.format_exception(exc)[-2].strip()[:300],
                    }
                )
        finally:
            result.check_ms.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    try:
        one()
    finally:
        result.seconds = time.perf_counter() - started
        if teardown:
            teardown()
    return result


def machine() -> dict[str, object]:
    return {
        **machine_info(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def run_all(
    targets: Iterable[Target],
    examples: int,
    random_seed: int = 0,
    progress: Callable[[Result], None] | None = None,
) -> dict[str, object]:
    """Every target for `examples` inputs, each with a baseline of generation alone."""
    results = []
    for target in targets:
        results.append(run(target, examples, random_seed, baseline=min(examples, 500)))
        if progress:
            progress(results[-1])
    return {
        "machine": machine(),
        "workload": {
            "examples_per_parser": examples,
            "seed": random_seed,
            "baseline": "the same inputs generated, checked by a no-op (hypothesis' own cost)",
        },
        "parsers": {r.name: r.as_dict() for r in results},
        "total_examples": sum(r.examples for r in results),
        "total_failures": sum(r.failures for r in results),
        "total_seconds": round(sum(r.seconds for r in results), 1),
    }
