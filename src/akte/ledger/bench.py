"""`akte bench ledger`: appends into and proofs from logs of 1M and 10M entries.

For each size (and back end: SQLite always, PostgreSQL when reachable and asked for), a log
is built in bulk outside the timing (`bench_bulk`: one data key per distinct person, every
perfect subtree stored). Then, timed on that log:

- appends one per transaction (``append``) and in batches (``append_many``), each event for
  a person this process has not seen: half of them persons of the log (their wrapped key is
  read from the store and unwrapped), half new persons (a key is made, wrapped, stored), so
  no in-process key cache flatters the figure; p50/p95 per append and per batch;
- the same appends into an empty log in the same run (the baseline for the log's size);
- inclusion and consistency proofs from stored subtrees, p50/p95, and their baseline: the
  same proof recomputed from all leaf hashes (what a log without stored subtrees does).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from akte import keys
from akte.core.machine import machine
from akte.core.stats import percentile
from akte.ledger import bench_bulk, merkle
from akte.ledger.events import StatusEvent
from akte.ledger.log import Ledger
from akte.ledger.store import Store, StoreError
from akte.ledger.store_postgres import PostgresStore
from akte.ledger.store_sqlite import SQLiteStore


@dataclass
class BenchConfig:
    sizes: tuple[int, ...] = (1_000_000, 10_000_000)
    unbatched: int = 300
    batches: int = 10
    batch_size: int = 1000
    samples: int = 1000
    baseline_samples: int = 3
    baseline_max_size: int = 10_000_000
    pg_url: str | None = None
    pg_sizes: tuple[int, ...] = (1_000_000,)
    workdir: str | None = None  # where the SQLite files go (default: a temporary folder)
    seed: int = 6
    extra: dict = field(default_factory=dict)


def _ms(seconds: list[float]) -> dict[str, float | int]:
    return {
        "n": len(seconds),
        "p50_ms": round(percentile(seconds, 0.5) * 1000, 4),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 4),
    }


def _event(n: int) -> StatusEvent:
    return StatusEvent(f"{2_000_000 + n}-475", "status_changed", "BAMF-BER", "2026-11-23T09:30:00Z")


class _Persons:
    """Each call a person not seen before: alternately one of the log and a new one."""

    def __init__(self, in_log: int, rng: random.Random) -> None:
        self.old = rng.sample(range(in_log), min(in_log, 50_000)) if in_log else []
        self.n = 0

    def next(self) -> str:
        self.n += 1
        if self.n % 2 and self.old:
            return f"bulk-person-{self.old.pop()}"
        return f"bench-new-person-{self.n}"


def measure_appends(store: Store, master: bytes, cfg: BenchConfig, persons_in_log: int, rng):
    ledger = Ledger(store, "akte.bench/ledger", master_key=master)  # an empty key cache
    who = _Persons(persons_in_log, rng)
    single = []
    for n in range(cfg.unbatched):
        person = who.next()
        start = time.perf_counter()
        ledger.append(person, _event(n))
        single.append(time.perf_counter() - start)
    batches = []
    for b in range(cfg.batches):
        items = [(who.next(), _event(b * cfg.batch_size + i)) for i in range(cfg.batch_size)]
        start = time.perf_counter()
        ledger.append_many(items, batch_size=cfg.batch_size)
        batches.append(time.perf_counter() - start)
    return {
        "unbatched": _ms(single),
        "unbatched_appends_per_s": round(len(single) / sum(single), 1),
        "batched": {"batch_size": cfg.batch_size, **_ms(batches)},
        "batched_appends_per_s": round(cfg.batch_size * len(batches) / sum(batches), 1),
        "distinct_persons": who.n,
    }


def measure_proofs(store: Store, cfg: BenchConfig, rng: random.Random) -> dict[str, object]:
    size, root = store.root()
    prove, verify = [], []
    for _ in range(cfg.samples):
        index = rng.randrange(size)
        start = time.perf_counter()
        proof = store.inclusion_proof(index, size)
        prove.append(time.perf_counter() - start)
        leaf = store.leaf_hashes(index, index + 1)[0]
        start = time.perf_counter()
        merkle.verify_inclusion(leaf, index, size, proof, root)
        verify.append(time.perf_counter() - start)
    consistency = []
    for _ in range(min(cfg.samples, 300)):
        old = rng.randrange(1, size)
        start = time.perf_counter()
        store.consistency_proof(old, size)
        consistency.append(time.perf_counter() - start)
    out: dict[str, object] = {
        "inclusion_proof": _ms(prove),
        "verify_inclusion": _ms(verify),
        "consistency_proof": _ms(consistency),
    }
    if size <= cfg.baseline_max_size:
        naive = []
        for _ in range(cfg.baseline_samples):
            index = rng.randrange(size)
            start = time.perf_counter()
            proof = merkle.inclusion_proof(store.leaf_hashes(0, size), index)
            naive.append(time.perf_counter() - start)
            if proof != store.inclusion_proof(index, size):
                raise AssertionError("the baseline proof differs from the stored-subtree proof")
        out["baseline_inclusion_proof_from_all_leaves"] = _ms(naive)
    return out


def bench_store(make_store, size: int, cfg: BenchConfig, rng: random.Random) -> dict[str, object]:
    """Baseline appends into an empty log, then build a log of ``size`` and measure it."""
    master = keys.new_key()
    out: dict[str, object] = {"size": size}
    empty = make_store("empty")
    try:
        empty.create_schema()
        out["appends_into_empty_log"] = measure_appends(empty, master, cfg, 0, rng)
    finally:
        _discard(empty)
    store = make_store("full")
    try:
        start = time.perf_counter()
        persons = bench_bulk.build(store, size, master, seed=cfg.seed)
        out["bulk_build_s"] = round(time.perf_counter() - start, 1)
        out["persons_in_log"] = persons
        out["proofs"] = measure_proofs(store, cfg, rng)
        out["appends"] = measure_appends(store, master, cfg, persons, rng)
        out["size_after_appends"] = store.size()
    finally:
        _discard(store)
    return out


def _discard(store: Store) -> None:
    if isinstance(store, PostgresStore):
        store.drop_schema()
    store.close()


def run_bench(cfg: BenchConfig) -> dict[str, object]:
    rng = random.Random(cfg.seed)
    result: dict[str, object] = {
        "machine": {**machine(), "sqlite": sqlite3.sqlite_version},
        "config": {k: v for k, v in vars(cfg).items() if k not in ("pg_url", "extra")},
    }
    folder = Path(cfg.workdir or tempfile.mkdtemp(prefix="akte-ledger-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for size in cfg.sizes:

            def sqlite(name: str, size=size) -> Store:
                path = folder / f"bench-{size}-{name}.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                return SQLiteStore(path, prefix="bench_")

            result[f"sqlite_{size}"] = bench_store(sqlite, size, cfg, rng)
            for file in folder.glob(f"bench-{size}-*"):
                file.unlink()
    finally:
        if not cfg.workdir:
            shutil.rmtree(folder, ignore_errors=True)
    if cfg.pg_url:
        for size in cfg.pg_sizes:
            try:
                result[f"postgresql_{size}"] = bench_store(
                    lambda name, size=size: PostgresStore(
                        cfg.pg_url, prefix=f"bench_{name}_{size % 10_000_000}_"
                    ),
                    size,
                    cfg,
                    rng,
                )
            except StoreError as exc:
                result[f"postgresql_{size}"] = {"skipped": str(exc)}
    result["machine_after"] = {"load_average_1_5_15": machine()["load_average_1_5_15"]}
    return result
