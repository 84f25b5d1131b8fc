"""`akte bench load`: a realistic office against a real server on loopback, offered load in steps.

Open loop: each step schedules `rate` requests per second for `seconds` seconds, whatever the
server does, and a request's time counts from when it was due (a saturated server shows up as
latency, not as a slower load generator). The mix is an office's: interviewers saving a
segment, clerks registering and changing statuses, decision-makers browsing the list and
procedure pages, partner agencies polling a status over the API; and the login form, the
baseline, at the same concurrency in the same step. After the ramp every acknowledged write
is looked up in the database.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from akte.core.machine import machine as machine_info
from akte.core.stats import percentile

from . import actions
from .server import Server, office

# kind: share of the requests (interviewers save a segment every ~4 s, so 30 % of 30 req/s is
# ~36 interviewers at once; the rest is the office around them)
MIX = {
    "segment": 0.30,
    "status": 0.05,
    "register": 0.03,
    "list": 0.17,
    "procedure": 0.22,
    "partner": 0.15,
    "baseline": 0.08,
}
KNEE_MS = 1000.0
CLIENT_THREADS = 96


def _summary(ms: list[float]) -> dict:
    if not ms:
        return {"p50_ms": None, "p95_ms": None}
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 0.95), 1)}


class _Office:
    """The sessions of the prepared office and what each kind of request does."""

    def __init__(self, server: Server, setup: dict, rng: random.Random):
        self.setup, self.rng = setup, rng

        def sessions(role):
            return [server.session().adopt(setup["sessions"][n]) for n in setup["users"][role]]

        self.interviewers = list(
            zip(sessions("interviewer"), [setup["hearings"][n] for n in setup["users"]["interviewer"]], strict=True)
        )  # fmt: skip
        self.clerks = sessions("registry_clerk")
        self.readers = sessions("decision_maker")
        self.partners = [server.session() for _ in setup["tokens"]]
        for session, token in zip(self.partners, setup["tokens"], strict=True):
            session.bearer = token
        self.anonymous = server.session()

    def do(self, kind: str, tally: actions.Tally, n: int):
        pick, setup = self.rng.choice, self.setup
        if kind == "segment":
            session, hearing = pick(self.interviewers)
            return actions.save_segment(session, hearing, tally)
        if kind == "status":
            return actions.change_status(pick(self.clerks), pick(setup["procedures"]), tally, n)
        if kind == "register":
            return actions.register(pick(self.clerks), tally)
        if kind == "list":
            return actions.browse_list(pick(self.readers), tally, n)
        if kind == "procedure":
            return actions.browse_procedure(pick(self.readers), pick(setup["procedures"]), tally)
        if kind == "partner":
            return actions.poll_status(pick(self.partners), pick(setup["file_numbers"]), tally)
        return actions.baseline(self.anonymous, tally)


def _overloaded(step: dict) -> bool:
    return (step["p95_ms"] or 0) > KNEE_MS or step["unavailable_503"] > 0


def _step(office_: _Office, rate: int, seconds: float, counter, rng: random.Random) -> tuple:
    """Offer `rate` req/s for `seconds`; the tally and the latencies from the due time."""
    tally = actions.Tally(f"load{rate}x", counter=counter)
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=int(rate * seconds))
    due = queue.Queue()
    latencies: list[tuple[str, float]] = []
    start = time.perf_counter() + 0.1
    for i, kind in enumerate(kinds):
        due.put((start + i / rate, kind, i))

    def client():
        while True:
            try:
                at, kind, i = due.get_nowait()
            except queue.Empty:
                return
            time.sleep(max(0.0, at - time.perf_counter()))
            office_.do(kind, tally, i)
            latencies.append((kind, (time.perf_counter() - at) * 1000))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENT_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return tally, latencies, time.perf_counter() - start


def run_load_bench(
    *,
    server_kind: str,
    database_url: str,
    rates: list[int],
    seconds: float,
    workers: int,
    interviewers: int,
    echo: Callable[[str], None],
) -> dict:
    rng = random.Random(10)
    counter = itertools.count()
    with tempfile.TemporaryDirectory(prefix="akte-bench-load-") as tmp:
        server = Server(Path(tmp) / "var", kind=server_kind, database_url=database_url)
        server.workers = workers
        spec = {"interviewers": interviewers, "clerks": 6, "readers": 10, "partners": 4}
        setup = office(server.env, "prepare", json.dumps(spec | {"procedures": 300}))
        steps, tallies = [], []
        with server:
            office_ = _Office(server, setup, rng)
            _step(office_, 8, 4, counter, rng)  # warm-up, not counted: every worker loads the app
            beyond = 0
            for rate in rates:
                tally, latencies, took = _step(office_, rate, seconds, counter, rng)
                tallies.append(tally)
                all_ms = [ms for kind, ms in latencies if kind != "baseline"]
                codes = tally.statuses()
                step = {
                    "offered_rps": rate,
                    "requests": len(latencies),
                    "achieved_rps": round(len(latencies) / took, 1),
                    **_summary(all_ms),
                    "writes": _summary([ms for k, ms in latencies if k in ("segment", "status", "register")]),
                    "baseline_login_page": _summary([ms for k, ms in latencies if k == "baseline"]),
                    "p95_ms_by_kind": {
                        kind: _summary([ms for k, ms in latencies if k == kind])["p95_ms"]
                        for kind in MIX
                    },
                    "server_errors": sum(n for c, n in codes.items() if c >= 500 and c != 503 or c == 0),
                    "unavailable_503": codes.get(503, 0),  # each with Retry-After, else a problem
                    "served_rps": round((len(latencies) - codes.get(503, 0)) / took, 1),
                    "problems": tally.problems()[:5],
                }  # fmt: skip
                steps.append(step)
                echo(f"# {rate} req/s offered: {json.dumps(step)}")
                beyond = beyond + 1 if _overloaded(step) else 0
                if beyond == 2:
                    break  # two steps beyond the knee show how it sheds: stop offering more
            log = server.tail(200_000)
        written = office(server.env, "written", "load")
    for step, tally in zip(steps, tallies, strict=False):
        lost = tally.lost(written)
        step["acknowledged_writes"] = sum(map(len, tally.acknowledged.values()))
        step["lost_acknowledged_writes"] = len(lost["missing"])
        step["refused_but_saved"] = len(lost["refused_but_saved"])
        step["saved_twice"] = len(lost["saved_twice"])
    # the knee: the last step before the first where p95 crossed 1 s or the server shed load
    first_beyond = next((i for i, s in enumerate(steps) if _overloaded(s)), len(steps))
    below = steps[:first_beyond]
    at_30 = next((s for s in steps if s["offered_rps"] == 30), None)
    result = {
        "benchmark": "load",
        "server": server_kind + (f" ({workers} workers)" if server_kind == "gunicorn" else ""),
        "database": "postgresql" if database_url.startswith("postgres") else "sqlite",
        "seconds_per_step": seconds,
        "mix": MIX,
        "steps": steps,
        "knee_rps": max((s["achieved_rps"] for s in below), default=None),
        "p95_ms_at_30_rps": at_30["p95_ms"] if at_30 else None,
        "baseline_p95_ms_at_30_rps": at_30["baseline_login_page"]["p95_ms"] if at_30 else None,
        "server_errors_up_to_knee": sum(s["server_errors"] for s in below),
        "lost_writes": sum(s["lost_acknowledged_writes"] for s in steps),
        "tracebacks_in_server_log": log.count("Traceback"),
        "machine": {**machine_info(), "cpus": os.cpu_count()},
    }
    echo(json.dumps(result, indent=2))
    return result
