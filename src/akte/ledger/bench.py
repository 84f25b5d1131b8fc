"""`akte bench ledger --json`: append throughput and proof latency at a given log size.

Measured per back end (SQLite always, PostgreSQL when reachable):

- ``appends_per_s``: status events appended through :meth:`Ledger.append_many` (commitment,
  AES-GCM encryption, one transaction per batch) in batches of ``batch_size``; baseline
  ``appends_per_s_unbatched`` (one transaction per event).
- the log is then filled up to ``size`` leaves with raw commitments (``fill_leaves_per_s``);
- ``inclusion_proof_ms_p50``/``consistency_proof_ms_p50``: proofs built from stored subtrees
  for random indexes/sizes at ``size``; ``verify_inclusion_ms_p50``/``verify_consistency_ms_p50``:
  checking them; baseline ``naive_inclusion_proof_ms_p50``: reading all leaf hashes of a
  ``baseline_size`` log and recomputing the proof from them (what a log without stored
  subtrees has to do).
"""

from __future__ import annotations

import hashlib
import os
import platform
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from akte import keys
from akte.ledger import merkle
from akte.ledger.events import StatusEvent
from akte.ledger.log import Ledger
from akte.ledger.store import NewEntry, Store, StoreError
from akte.ledger.store_postgres import PostgresStore
from akte.ledger.store_sqlite import SQLiteStore

TARGETS = {"appends_per_s": 5000, "inclusion_proof_ms_p50": 2.0, "verify_inclusion_ms_p50": 0.2}


@dataclass
class BenchConfig:
    size: int = 1_000_000
    appends: int = 20_000
    unbatched: int = 300
    batch_size: int = 1000
    samples: int = 2000
    baseline_size: int = 100_000
    baseline_samples: int = 5
    sqlite_path: str | None = None  # reuse (and keep) this database, e.g. for 10,000,000
    pg_url: str | None = "postgresql://postgres@127.0.0.1:5432/test"
    pg_size: int | None = None  # default: size
    seed: int = 6


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": round(statistics.median(ordered) * 1000, 4),
        "p95": round(ordered[int(len(ordered) * 0.95) - 1 if len(ordered) > 1 else 0] * 1000, 4),
    }


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def _events(n: int, offset: int = 0) -> list[tuple[str, StatusEvent]]:
    return [
        (
            f"bench-person-{(offset + i) % 5000}",
            StatusEvent(
                f"{1000000 + (offset + i) % 9000}-475",
                "status_changed",
                "BAMF-BER",
                "2026-11-23T09:30:00Z",
            ),
        )
        for i in range(n)
    ]


def _fill(store: Store, size: int, seed: int, batch: int = 20_000) -> None:
    """Append raw commitments (no payload) until the log has ``size`` leaves."""
    current = store.size()
    while current < size:
        n = min(batch, size - current)
        store.append(
            [
                NewEntry(hashlib.sha256(f"{seed}:{current + i}".encode()).digest(), "bench")
                for i in range(n)
            ]
        )
        current += n


def bench_store(store: Store, cfg: BenchConfig, size: int, rng: random.Random) -> dict[str, object]:
    store.create_schema()
    ledger = Ledger(store, "akte.bench/ledger", master_key=keys.new_key())
    out: dict[str, object] = {}
    if store.size() == 0:
        seconds, _ = _timed(
            lambda: ledger.append_many(_events(cfg.appends), batch_size=cfg.batch_size)
        )
        out["appends_per_s"] = round(cfg.appends / seconds, 1)
        seconds, _ = _timed(
            lambda: ledger.append_many(_events(cfg.unbatched, cfg.appends), batch_size=1)
        )
        out["appends_per_s_unbatched"] = round(cfg.unbatched / seconds, 1)
    else:
        out["appends_per_s"] = None
        out["note"] = f"reused a log of {store.size()} entries: appends not measured"
    fill_start, t0 = store.size(), time.perf_counter()
    _fill(store, size, cfg.seed)
    if store.size() > fill_start:
        out["fill_leaves_per_s"] = round(
            (store.size() - fill_start) / (time.perf_counter() - t0), 1
        )
    size = store.size()
    out["size"] = size
    _, root = store.root(size)

    prove, verify = [], []
    for _ in range(cfg.samples):
        index = rng.randrange(size)
        t, proof = _timed(lambda index=index: store.inclusion_proof(index, size))
        prove.append(t)
        leaf = store.leaf_hashes(index, index + 1)[0]
        t, _ = _timed(
            lambda index=index, proof=proof, leaf=leaf: merkle.verify_inclusion(
                leaf, index, size, proof, root
            )
        )
        verify.append(t)
    p, v = _ms(prove), _ms(verify)
    out.update(
        inclusion_proof_ms_p50=p["p50"],
        inclusion_proof_ms_p95=p["p95"],
        verify_inclusion_ms_p50=v["p50"],
        verify_inclusion_ms_p95=v["p95"],
    )

    roots: dict[int, bytes] = {}
    cprove, cverify = [], []
    olds = [rng.randrange(1, size) for _ in range(min(cfg.samples, 200))]
    for old in olds:
        roots[old] = store.root(old)[1]
    for old in olds:
        t, proof = _timed(lambda old=old: store.consistency_proof(old, size))
        cprove.append(t)
        t, _ = _timed(
            lambda old=old, proof=proof: merkle.verify_consistency(
                old, size, roots[old], root, proof
            )
        )
        cverify.append(t)
    out.update(
        consistency_proof_ms_p50=_ms(cprove)["p50"], verify_consistency_ms_p50=_ms(cverify)["p50"]
    )

    base = min(cfg.baseline_size, size)
    naive = []
    for _ in range(cfg.baseline_samples):
        index = rng.randrange(base)
        t, _ = _timed(lambda index=index: merkle.inclusion_proof(store.leaf_hashes(0, base), index))
        naive.append(t)
    out["baseline_size"] = base
    out["naive_inclusion_proof_ms_p50"] = _ms(naive)["p50"]
    return out


def machine() -> dict[str, object]:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def run_bench(cfg: BenchConfig) -> dict[str, object]:
    rng = random.Random(cfg.seed)
    result: dict[str, object] = {
        "machine": machine(),
        "config": {k: v for k, v in vars(cfg).items() if k != "pg_url"},
        "targets": TARGETS,
    }
    tmp = None
    if cfg.sqlite_path:
        path = Path(cfg.sqlite_path)
    else:
        tmp = tempfile.mkdtemp(prefix="akte-ledger-bench-")
        path = Path(tmp) / "bench.db"
    try:
        store = SQLiteStore(path, prefix="bench_")
        try:
            result["sqlite"] = bench_store(store, cfg, cfg.size, rng)
        finally:
            store.close()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if cfg.pg_url:
        prefix = f"bench_{os.getpid()}_"
        try:
            pg = PostgresStore(cfg.pg_url, prefix=prefix)
        except StoreError as exc:
            result["postgresql"] = {"skipped": str(exc)}
        else:
            try:
                version = pg.server_version()
                result["postgresql"] = {
                    "server_version": version,
                    **bench_store(pg, cfg, cfg.pg_size or cfg.size, rng),
                }
            finally:
                pg.drop_schema()
                pg.close()
    sqlite_result = result["sqlite"]
    assert isinstance(sqlite_result, dict)
    for key in (
        "appends_per_s",
        "inclusion_proof_ms_p50",
        "verify_inclusion_ms_p50",
        "consistency_proof_ms_p50",
    ):
        result[key] = sqlite_result.get(key)
    pg_result = result.get("postgresql")
    if isinstance(pg_result, dict) and "appends_per_s" in pg_result:
        result["appends_per_s_postgresql"] = pg_result["appends_per_s"]
    return result
