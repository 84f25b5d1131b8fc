"""Whole-log verification (`akte ledger verify`): everything is recomputed from the leaves.

1. The latest checkpoint (and every older one) carries a valid log signature.
2. The leaf hashes 0..n-1 are all there; the root recomputed from them equals the root of
   every stored checkpoint, so a rewritten leaf shows up between two checkpoint sizes.
3. Every stored subtree hash equals the hash of its two children (proofs are built from
   them, so a damaged node would produce wrong proofs).
4. With the master key (``deep``): every entry's decrypted event matches its commitment, and
   every tombstone's public JSON matches its leaf. This pins a mismatch to one index.

The report names the smallest index where a mismatch starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from akte.ledger import crypto, events, merkle, note

if TYPE_CHECKING:
    from akte.ledger.log import Ledger, VerifyReport


def verify_log(ledger: Ledger, deep: bool = True) -> VerifyReport:
    from akte.ledger.log import LedgerError, VerifyReport

    store = ledger.store
    log_size = store.size()
    report = VerifyReport(ok=True, log_size=log_size, checkpoint_size=0)
    try:
        latest = ledger.latest_checkpoint()
    except (note.NoteError, LedgerError) as exc:
        report.add(None, f"latest checkpoint does not verify: {exc}")
        return report
    if latest is None:
        report.add(None, "the log has no checkpoint yet: run `akte ledger checkpoint`")
        return report
    report.checkpoint_size = latest.checkpoint.size
    if log_size < latest.checkpoint.size:
        report.add(
            log_size,
            f"the log has {log_size} entries but its checkpoint covers {latest.checkpoint.size}: entries were removed (rollback)",
        )
    verifier = ledger._need_verifier()
    checkpoints = []
    for row in store.checkpoints():
        try:
            checkpoints.append(note.open_checkpoint(row.note, verifier, ledger.origin).checkpoint)
        except note.NoteError as exc:
            report.add(None, f"stored checkpoint of size {row.size} does not verify: {exc}")
    _check_leaves_against_checkpoints(store, log_size, checkpoints, report)
    _check_subtrees(store, log_size, report)
    if deep:
        _check_commitments(ledger, log_size, report)
    return report


def _check_leaves_against_checkpoints(store, log_size, checkpoints, report) -> None:
    by_size: dict[int, list] = {}
    for cp in checkpoints:
        by_size.setdefault(cp.size, []).append(cp)
    stack: list[tuple[int, bytes]] = []
    state = {"good": 0, "bad": 0}

    def fold() -> bytes:
        if not stack:
            return merkle.EMPTY_ROOT
        h = stack[-1][1]
        for _, left in reversed(stack[:-1]):
            h = merkle.node_hash(left, h)
        return h

    def check(size: int) -> None:
        for cp in by_size.get(size, []):
            if state["bad"]:
                return
            if fold() != cp.root:
                good = state["good"]
                report.add(
                    good,
                    f"leaves 0..{size - 1} do not hash to the checkpoint root of size {size}: the mismatch starts between index {good} and {size - 1}",
                )
                state["bad"] = 1
            else:
                state["good"] = size

    check(0)
    expected = 0
    for idx, leaf in store.iter_level(0, 0, log_size):
        if idx != expected:
            report.add(expected, f"leaf hash {expected} is missing", exact=True)
            return
        h, width = leaf, 1
        while stack and stack[-1][0] == width:
            h = merkle.node_hash(stack.pop()[1], h)
            width *= 2
        stack.append((width, h))
        expected += 1
        check(expected)
    if expected != log_size:
        report.add(
            expected, f"the log claims {log_size} entries but leaf hashes stop at {expected}"
        )


def _check_subtrees(store, log_size, report) -> None:
    level = 1
    while (1 << level) <= log_size:
        count = log_size >> level
        children = store.iter_level(level - 1, 0, count * 2)
        stored = store.iter_level(level, 0, count)
        for k in range(count):
            left, right, node = next(children, None), next(children, None), next(stored, None)
            if left is None or right is None or node is None or node[0] != k:
                report.add(
                    k << level,
                    f"stored subtree (level {level}, index {k}) or its children are missing",
                )
                return
            if node[1] != merkle.node_hash(left[1], right[1]):
                report.add(
                    k << level,
                    f"stored subtree (level {level}, index {k}) does not match leaves {k << level}..{((k + 1) << level) - 1}",
                )
                return
        level += 1


def _check_commitments(ledger, log_size, report, chunk: int = 10_000) -> None:
    from akte.ledger.log import LedgerError

    if ledger._master is None:
        report.problems.append(
            "commitments not checked: no master key (set master_key in ledger.toml or $AKTE_LEDGER_MASTER_KEY)"
        )
        return
    for start in range(0, log_size, chunk):
        for row in ledger.store.entries(start, min(log_size, start + chunk)):
            report.checked_commitments += 1
            if row.kind == "tombstone":
                data = events.TOMBSTONE_SALT + (row.public_json or "").encode()
                if merkle.leaf_hash(data) != row.leaf_hash:
                    report.add(
                        row.index, f"tombstone {row.index} does not match its leaf hash", exact=True
                    )
                continue
            try:
                ledger.open_entry(row)
            except (LedgerError, crypto.CryptoError, ValueError) as exc:
                report.add(row.index, f"entry {row.index}: {exc}", exact=True)
