"""The log over SQLite: appends, proofs against checkpoints, history, verification."""

from __future__ import annotations

import pytest

from akte.ledger import merkle, note
from akte.ledger.events import EventError, StatusEvent
from akte.ledger.log import Ledger
from akte.ledger.merkle import ProofError

from .conftest import ORIGIN, event


def test_append_batches_and_proofs_match_reference(ledger: Ledger) -> None:
    receipts = ledger.append_many([(f"p{i % 7}", event(i)) for i in range(300)], batch_size=64)
    assert [r.index for r in receipts] == list(range(300))
    leaves = [r.leaf_hash for r in receipts]
    assert ledger.store.leaf_hashes(0, 300) == leaves
    for size in (1, 2, 3, 64, 100, 255, 256, 300):
        assert ledger.store.root(size) == (size, merkle.root(leaves[:size]))
        for index in {0, size // 2, size - 1}:
            assert ledger.inclusion_proof(index, size) == merkle.inclusion_proof(
                leaves[:size], index
            )
        for old in {0, 1, size // 3, size - 1, size}:
            assert ledger.consistency_proof(old, size) == merkle.consistency_proof(
                leaves[:size], old
            )


def test_checkpoint_history_and_verify(ledger: Ledger) -> None:
    ledger.append_many([("anna", event(i)) for i in range(5)])
    ledger.append("ben", event(9, procedure="7654321-423"))
    text = ledger.checkpoint()
    signed = note.open_checkpoint(text, ledger.signer.verifier)
    assert signed.checkpoint.size == 6 and signed.witness_count == 0
    ledger.append("anna", event(7))  # not yet in a checkpoint
    history = ledger.procedure_history("1234567-475")
    assert [h.index for h in history] == [0, 1, 2, 3, 4, 6]
    assert all(h.verified for h in history[:5]) and not history[5].verified
    assert history[5].reason == "not yet covered by a signed checkpoint"
    assert history[5].status.code == "ledger.history.pending"
    assert history[0].status.as_dict() == {
        "code": "ledger.history.included",
        "params": {"size": 6},
    }
    assert history[0].event == event(0)
    merkle.verify_inclusion(
        history[2].leaf_hash, 2, 6, history[2].inclusion_proof, signed.checkpoint.root
    )
    ledger.checkpoint()
    report = ledger.verify()
    assert report.ok, report.problems
    assert report.checked_commitments == 7


def test_verify_reports_the_index_where_a_mismatch_starts(ledger: Ledger) -> None:
    ledger.append_many([("anna", event(i)) for i in range(20)])
    ledger.checkpoint()
    ledger.append_many([("anna", event(i)) for i in range(20, 40)])
    ledger.checkpoint()
    # rewrite leaf 27 and every subtree above it consistently: only commitments and the
    # checkpoint roots can catch it
    store = ledger.store
    forged = merkle.leaf_hash(b"forged")
    store.execute("UPDATE tlog_nodes SET hash = ? WHERE level = 0 AND idx = 27", (forged,))
    leaves = store.leaf_hashes(0, 40)
    from akte.ledger import subtrees

    for level, idx, h in subtrees.new_nodes(0, leaves, {}):
        store.execute("UPDATE tlog_nodes SET hash = ? WHERE level = ? AND idx = ?", (h, level, idx))
    report = ledger.verify()
    assert not report.ok
    assert report.first_bad_index == 27  # pinned by its commitment ...
    assert any("entry 27" in p for p in report.problems)
    assert any(
        "starts between index 20 and 39" in p for p in report.problems
    )  # ... and by checkpoints
    shallow = ledger.verify(deep=False)
    assert shallow.first_bad_index == 20


def test_verify_detects_a_damaged_subtree(ledger: Ledger) -> None:
    ledger.append_many([("anna", event(i)) for i in range(16)])
    ledger.checkpoint()
    ledger.store.execute("UPDATE tlog_nodes SET hash = ? WHERE level = 2 AND idx = 2", (bytes(32),))
    report = ledger.verify(deep=False)
    assert report.first_bad_index == 8
    assert "level 2, index 2" in report.problems[0]


def test_proof_requests_beyond_the_log_are_rejected(ledger: Ledger) -> None:
    ledger.append_many([("anna", event(i)) for i in range(4)])
    with pytest.raises(ProofError, match="outside 0..4"):
        ledger.inclusion_proof(0, 5)
    with pytest.raises(ProofError, match="outside the tree"):
        ledger.inclusion_proof(4, 4)
    with pytest.raises(ProofError, match="never shrinks"):
        ledger.consistency_proof(4, 3)
    with pytest.raises(ProofError, match="outside 0..4"):
        ledger.consistency_proof(0, 99)  # an empty proof, but for a size the log never had
    with pytest.raises(ProofError, match="outside 0..4"):
        ledger.consistency_proof(5, 5)
    with pytest.raises(ProofError, match="negative"):
        ledger.store.root(-1)
    assert ledger.consistency_proof(0, 4) == [] and ledger.store.root(0)[1] == merkle.EMPTY_ROOT


@pytest.mark.parametrize(
    "data, message",
    [
        ({"procedure": "1", "event_type": "x", "agency": "A"}, "missing"),
        (
            {
                "procedure": "1",
                "event_type": "x",
                "agency": "A",
                "time": "2026-11-23T09:00:00Z",
                "name": "Ali",
            },
            "unknown fields",
        ),
        (
            {"procedure": "", "event_type": "x", "agency": "A", "time": "2026-11-23T09:00:00Z"},
            "non-empty",
        ),
        ({"procedure": "1", "event_type": "x", "agency": "A", "time": "yesterday"}, "ISO 8601"),
        (
            {"procedure": "1", "event_type": "x", "agency": "A", "time": "2026-11-23T09:00:00"},
            "UTC offset",
        ),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_bad_events_are_rejected(data: object, message: str) -> None:
    with pytest.raises(EventError, match=message):
        StatusEvent.from_dict(data)


def test_read_only_ledger_serves_proofs_without_keys(ledger: Ledger) -> None:
    ledger.append_many([("anna", event(i)) for i in range(3)])
    ledger.checkpoint()
    reader = Ledger(ledger.store, ORIGIN, verifier=ledger.signer.verifier)
    assert reader.latest_checkpoint().checkpoint.size == 3
    assert reader.procedure_history("1234567-475")[0].event is None
    assert reader.procedure_history("1234567-475")[0].status.code == "ledger.history.no_master_key"


def test_proofs_of_several_leaves_in_one_read_are_each_leafs_proof(ledger: Ledger) -> None:
    receipts = ledger.append_many([(f"p{i % 5}", event(i)) for i in range(37)])
    leaves = [r.leaf_hash for r in receipts]
    for size in (1, 2, 5, 16, 17, 36, 37):
        batch = ledger.store.inclusion_proofs(range(size), size)
        assert batch == {i: merkle.inclusion_proof(leaves[:size], i) for i in range(size)}
    assert ledger.store.inclusion_proofs([], 37) == {}
    with pytest.raises(ProofError):
        ledger.store.inclusion_proofs([3], 38)  # beyond the log


def test_a_history_whose_batch_of_proofs_fails_proves_each_entry_alone(ledger: Ledger) -> None:
    ledger.append_many([("anna", event(i)) for i in range(4)])
    ledger.checkpoint()
    expected = ledger.procedure_history("1234567-475")

    def broken(indices, size):
        raise ProofError("a read that fails")

    ledger.store.inclusion_proofs = broken
    assert ledger.procedure_history("1234567-475") == expected
    assert all(h.verified for h in expected)
