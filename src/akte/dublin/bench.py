"""`akte bench dublin`: deadlines for N synthetic procedures, event by event, per second.

Each procedure's events arrive one at a time, as the Dublin unit enters them, and after each
event the deadlines are answered (what the web stores with every event):

- `tracked`: one `Tracker` per procedure; each event passes only the facts that changed to the
  rules sessions, which recompute only what depends on them (incremental evaluation);
- `baseline_naive`: after each event, the whole procedure is read and evaluated again from
  scratch, explanations included (`deadlines.deadlines`), as a recompute-everything design would.

Both run in the same process on the same event sets. `procedures_per_s` counts procedures whose
every event was answered; `<metric>_p50_ms`/`_p95_ms` are per procedure. The machine is shared
and noisy: compare the two in one run, not across runs.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import statistics
import sys
import time

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile
from akte.dublin.deadlines import deadlines
from akte.dublin.events import EVENT_TYPES
from akte.dublin.synthetic import events
from akte.dublin.tracker import Tracker

AS_OF = dt.date(2026, 12, 1)


def machine() -> dict[str, object]:
    return {
        **machine_info(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
    }


def _ms(samples: list[float]) -> tuple[float, float]:
    return round(statistics.median(samples) * 1000, 4), round(percentile(samples, 0.95) * 1000, 4)


def _tracked(case: dict) -> None:
    tracker = Tracker(case["role"], AS_OF)
    for event in case["events"]:
        tracker.add(event)
        tracker.deadlines()


def _naive(case: dict) -> None:
    for count in range(1, len(case["events"]) + 1):
        deadlines({"role": case["role"], "events": case["events"][:count]}, AS_OF)


def run(procedures: int, seed: int = 7, baseline_procedures: int | None = None) -> dict:
    rng = random.Random(seed)
    cases = [_ordered(events(rng)) for _ in range(procedures)]
    baseline_cases = cases[: baseline_procedures or min(procedures, 5000)]
    out: dict[str, object] = {"machine": machine()}
    out["workload"] = {
        "procedures": procedures,
        "baseline_procedures": len(baseline_cases),
        "events": sum(len(c["events"]) for c in cases),
        "seed": seed,
        "as_of": AS_OF.isoformat(),
    }
    for name, run_one, batch in (
        ("tracked", _tracked, cases),
        ("baseline_naive", _naive, baseline_cases),
    ):
        samples = []
        start = time.perf_counter()
        for case in batch:
            t = time.perf_counter()
            run_one(case)
            samples.append(time.perf_counter() - t)
        wall = time.perf_counter() - start
        p50, p95 = _ms(samples)
        prefix = "" if name == "tracked" else "baseline_"
        out[f"{prefix}procedures_per_s"] = round(len(batch) / wall, 1) if wall else None
        out[f"{prefix}procedure_p50_ms"] = p50
        out[f"{prefix}procedure_p95_ms"] = p95
    return out


def _ordered(case: dict) -> dict:
    """Events in the order they happen (the synthetic sets come shuffled)."""
    ordered = sorted(case["events"], key=lambda e: (e["date"], EVENT_TYPES.index(e["type"])))
    return {"role": case["role"], "events": ordered}
