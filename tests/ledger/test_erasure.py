"""Erasure by crypto-shredding: proofs survive, the raw database file holds no trace."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from akte.ledger import crypto, merkle, note
from akte.ledger.events import StatusEvent
from akte.ledger.log import Ledger

from .conftest import event


def raw_bytes(db: Path) -> bytes:
    """The database file and its WAL/SHM companions, as a forensic reader would see them."""
    return b"".join(
        p.read_bytes()
        for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
        if p.exists()
    )


def test_erase_person_keeps_every_proof_and_leaves_no_trace(
    ledger: Ledger, sqlite_path: Path, master_key: bytes
) -> None:
    person, procedure = "person-7f3a9c-erasure-target", "9876543-439"
    secret_events = [
        StatusEvent(procedure, f"hearing_held_{i}", "BAMF-MUC", f"2026-10-0{i + 1}T08:00:00Z")
        for i in range(3)
    ]
    ledger.append_many([("other", event(0))])
    ledger.append_many([(person, e) for e in secret_events])
    ledger.append("other", event(1))
    old = note.open_checkpoint(ledger.checkpoint(), ledger.signer.verifier).checkpoint
    rows = ledger.store.entries_for_person(person)
    assert [r.index for r in rows] == [1, 2, 3]
    wrapped = ledger.store.wrapped_key(person)
    data_key = crypto.unwrap_data_key(master_key, person, wrapped)
    salts = [
        base64.b64decode(
            json.loads(crypto.decrypt(data_key, r.nonce, r.ciphertext, r.leaf_hash))["salt"]
        )
        for r in rows
    ]
    old_proofs = {r.index: ledger.inclusion_proof(r.index, old.size) for r in rows}
    needles = [person.encode(), procedure.encode(), wrapped, *(r.ciphertext for r in rows)]
    ledger.store.compact()
    before = raw_bytes(sqlite_path)
    assert all(n in before for n in needles), "sanity: the data is in the file before erasure"

    erasure = ledger.erase_person(person)
    assert erasure.person_entries == 3 and erasure.tombstone_index == 5

    after = raw_bytes(sqlite_path)
    for needle in [*needles, *salts, data_key, *(e.canonical() for e in secret_events)]:
        assert needle not in after
    # the tombstone holds no personal data
    tomb = ledger.store.entries(5, 6)[0]
    assert (
        tomb.kind == "tombstone"
        and person not in tomb.public_json
        and procedure not in tomb.public_json
    )
    # old checkpoint, old proofs, and consistency to the new tree still verify
    for index, proof in old_proofs.items():
        leaf = ledger.store.leaf_hashes(index, index + 1)[0]
        merkle.verify_inclusion(leaf, index, old.size, proof, old.root)
    new = note.open_checkpoint(ledger.checkpoint(), ledger.signer.verifier).checkpoint
    merkle.verify_consistency(
        old.size, new.size, old.root, new.root, ledger.consistency_proof(old.size, new.size)
    )
    report = ledger.verify()
    assert report.ok, report.problems
    # the erased entries stay in the history as commitments without content
    history = ledger.procedure_history(procedure)
    assert history == []
    assert [r.kind for r in ledger.store.entries(0, 6)] == [
        "event",
        "erased",
        "erased",
        "erased",
        "event",
        "tombstone",
    ]


def test_erasure_survives_vacuum_and_a_fresh_key_after(ledger: Ledger, sqlite_path: Path) -> None:
    ledger.append("gone", event(3, procedure="5555555-224"))
    ledger.erase_person("gone")
    ledger.store.compact(vacuum=True)
    assert b"5555555-224" not in raw_bytes(sqlite_path)
    assert ledger.erase_person("nobody").person_entries == 0
    assert ledger.verify(deep=True).problems == [
        "the log has no checkpoint yet: run `akte ledger checkpoint`"
    ]


def test_append_after_a_concurrent_erasure_uses_a_new_key(ledger: Ledger) -> None:
    """Another process erases the person while this one still holds the old data key."""
    ledger.append("racer", event(1))
    other = Ledger(ledger.store, ledger.origin, signer=ledger.signer, master_key=ledger.master_key)
    other.erase_person("racer")
    receipt = ledger.append("racer", event(2))  # the cached key is gone: a new one is made
    row = ledger.store.entries(receipt.index, receipt.index + 1)[0]
    fresh = Ledger(ledger.store, ledger.origin, master_key=ledger.master_key)
    assert fresh.open_entry(row) == event(2)


def test_erasure_reports_whether_the_wal_was_truncated(ledger: Ledger, sqlite_path: Path) -> None:
    import sqlite3

    ledger.append("a", event(1))
    assert ledger.erase_person("a").file_compacted is True
    ledger.append("b", event(2))
    reader = sqlite3.connect(sqlite_path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM tlog_nodes").fetchall()  # an open read snapshot
    try:
        assert ledger.erase_person("b").file_compacted is False
    finally:
        reader.close()
    assert ledger.store.compact() is True
