"""A log built in bulk is the log appends would have built: same root, proofs verify,
one wrapped key per distinct person, and appends continue it."""

from __future__ import annotations

import random

from akte import keys
from akte.ledger import bench_bulk, merkle
from akte.ledger.bench import BenchConfig, _Persons, measure_appends
from akte.ledger.store import NewEntry
from akte.ledger.store_sqlite import SQLiteStore


def test_bulk_log_equals_appended_log(tmp_path):
    master = keys.new_key()
    bulk = SQLiteStore(tmp_path / "bulk.db")
    persons = bench_bulk.build(bulk, 777, master, events_per_person=4, seed=9)
    appended = SQLiteStore(tmp_path / "appended.db")
    appended.create_schema()
    leaves = bench_bulk._leaves(777, 9)  # noqa: SLF001
    for start in range(0, 777, 100):
        appended.append([NewEntry(h, "bench") for h in leaves[start : start + 100]])
    assert bulk.root() == appended.root() == (777, merkle.root(leaves))
    size, root = bulk.root()
    for index in (0, 1, 400, 776):
        proof = bulk.inclusion_proof(index, size)
        assert proof == appended.inclusion_proof(index, size)
        merkle.verify_inclusion(leaves[index], index, size, proof, root)
    assert persons == 194
    stored = bulk.wrapped_keys([f"bulk-person-{p}" for p in range(persons)])
    assert len(stored) == persons
    assert keys.unwrap_data_key(master, "bulk-person-5", stored["bulk-person-5"])
    bulk.close()
    appended.close()


def test_appends_go_to_persons_not_seen_before(tmp_path):
    master = keys.new_key()
    store = SQLiteStore(tmp_path / "log.db")
    persons = bench_bulk.build(store, 200, master)
    cfg = BenchConfig(unbatched=4, batches=2, batch_size=5)
    result = measure_appends(store, master, cfg, persons, random.Random(1))
    assert result["distinct_persons"] == 14 and store.size() == 214
    people = {row.person for row in store.entries(200, 214)}
    assert len(people) == 14  # each append its own person: no key cache hit
    assert sum(p.startswith("bulk-person-") for p in people) == 7  # half of the log's
    who = _Persons(0, random.Random(1))
    assert len({who.next() for _ in range(50)}) == 50
    store.close()
