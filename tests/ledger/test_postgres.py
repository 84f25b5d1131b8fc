"""The same log on PostgreSQL (own table prefix, dropped afterwards)."""

from __future__ import annotations

import pytest

from akte.ledger import crypto, merkle, note
from akte.ledger.log import Ledger
from akte.ledger.store_postgres import PostgresStore

from .conftest import ORIGIN, PG_URL, event

pytestmark = pytest.mark.postgres


def test_postgres_log_proofs_checkpoint_erasure(pg_prefix: str) -> None:
    store = PostgresStore(PG_URL, pg_prefix)
    store.create_schema()
    store.create_schema()  # idempotent
    signer = note.Signer.generate(ORIGIN)
    ledger = Ledger(store, ORIGIN, signer=signer, master_key=crypto.new_key())
    receipts = ledger.append_many([(f"p{i % 3}", event(i)) for i in range(70)], batch_size=16)
    leaves = [r.leaf_hash for r in receipts]
    assert store.leaf_hashes(0, 70) == leaves
    for size in (1, 33, 64, 70):
        assert store.root(size)[1] == merkle.root(leaves[:size])
        assert ledger.inclusion_proof(size - 1, size) == merkle.inclusion_proof(
            leaves[:size], size - 1
        )
        assert ledger.consistency_proof(size // 2, size) == merkle.consistency_proof(
            leaves[:size], size // 2
        )
    old = note.open_checkpoint(ledger.checkpoint(), signer.verifier).checkpoint
    assert ledger.erase_person("p1").person_entries == 23
    assert store.wrapped_key("p1") is None
    new = note.open_checkpoint(ledger.checkpoint(), signer.verifier).checkpoint
    merkle.verify_consistency(
        old.size, new.size, old.root, new.root, ledger.consistency_proof(old.size, new.size)
    )
    history = ledger.procedure_history("1234567-475")
    assert len(history) == 47 and all(h.verified for h in history)
    report = ledger.verify()
    assert report.ok, report.problems
    store.close()
