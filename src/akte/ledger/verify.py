"""Whole-log verification (`akte ledger verify`): everything is recomputed from the leaves.

1. The latest checkpoint (and every older one) carries a valid log signature.
2. The leaf hashes 0..n-1 are all there; the root recomputed from them equals the root of
   every stored checkpoint, so a rewritten leaf shows up between two checkpoint sizes.
3. Every stored subtree hash equals the hash of its two children (proofs are built from
   them, so a damaged node would produce wrong proofs).
4. With the master key (``deep``): every entry's decrypted event matches its commitment, and
   every tombstone's public JSON matches its leaf. This pins a mismatch to one index.

The report names the smallest index where a mismatch starts. This module knows the store and
the formats, not the :class:`~akte.ledger.log.Ledger`: the ledger passes in how to open a
checkpoint and an entry (:meth:`Ledger.verify <akte.ledger.log.Ledger.verify>`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from akte.ledger import events, merkle, note
from akte.ledger.store import EntryRow, Store

#: why an entry does not open against its commitment (None: it does)
EntryCheck = Callable[[EntryRow], "str | None"]


@dataclass
class VerifyReport:
    """Result of :meth:`Ledger.verify`. ``first_bad_index`` is the smallest index that a
    check pinned exactly (a commitment, a missing leaf), else the smallest index where a
    mismatching range starts (between two checkpoints, under a damaged subtree)."""

    ok: bool
    log_size: int
    checkpoint_size: int
    first_bad_index: int | None = None
    problems: list[str] = field(default_factory=list)
    checked_commitments: int = 0
    _exact: list[int] = field(default_factory=list, repr=False)
    _bounds: list[int] = field(default_factory=list, repr=False)

    def add(self, index: int | None, problem: str, exact: bool = False) -> None:
        self.ok = False
        self.problems.append(problem)
        if index is not None:
            (self._exact if exact else self._bounds).append(index)
        self.first_bad_index = min(self._exact) if self._exact else min(self._bounds, default=None)


def verify_log(
    store: Store,
    report: VerifyReport,
    latest: note.Checkpoint,
    open_checkpoint: Callable[[str], note.Checkpoint],
    check_entry: EntryCheck | None,
    deep: bool = True,
) -> VerifyReport:
    """Check the log in ``store`` against its verified ``latest`` checkpoint.

    ``open_checkpoint`` verifies a stored checkpoint note (raising NoteError);
    ``check_entry`` opens an entry against its commitment, None without the master key.
    """
    log_size = report.log_size
    report.checkpoint_size = latest.size
    if log_size < latest.size:
        report.add(
            log_size,
            f"the log has {log_size} entries but its checkpoint covers {latest.size}: entries were removed (rollback)",
        )
    checkpoints = []
    for row in store.checkpoints():
        try:
            checkpoints.append(open_checkpoint(row.note))
        except note.NoteError as exc:
            report.add(None, f"stored checkpoint of size {row.size} does not verify: {exc}")
    check_leaves_against_checkpoints(store, log_size, checkpoints, report)
    check_subtrees(store, log_size, report)
    if deep:
        if check_entry is None:
            report.problems.append(
                "commitments not checked: no master key (set master_key in ledger.toml or $AKTE_LEDGER_MASTER_KEY)"
            )
        else:
            check_commitments(store, log_size, report, check_entry)
    return report


def check_leaves_against_checkpoints(
    store: Store, log_size: int, checkpoints: Sequence[note.Checkpoint], report: VerifyReport
) -> None:
    """Grow the tree leaf by leaf and compare its root at every checkpoint's size."""
    by_size: dict[int, list[note.Checkpoint]] = {}
    for cp in checkpoints:
        by_size.setdefault(cp.size, []).append(cp)
    tree = merkle.Frontier()
    good = 0

    def matches(size: int) -> bool:
        nonlocal good
        for cp in by_size.get(size, []):
            if tree.root() != cp.root:
                report.add(
                    good,
                    f"leaves 0..{size - 1} do not hash to the checkpoint root of size {size}: the mismatch starts between index {good} and {size - 1}",
                )
                return False
            good = size
        return True

    checking = matches(0)
    for idx, leaf in store.iter_level(0, 0, log_size):
        if idx != tree.size:
            report.add(tree.size, f"leaf hash {tree.size} is missing", exact=True)
            return
        tree.extend((leaf,))
        if checking:
            checking = matches(tree.size)
    if tree.size != log_size:
        report.add(
            tree.size, f"the log claims {log_size} entries but leaf hashes stop at {tree.size}"
        )


def check_subtrees(store: Store, log_size: int, report: VerifyReport) -> None:
    """Every stored subtree hash against the hashes of its two children."""
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


def check_commitments(
    store: Store, log_size: int, report: VerifyReport, check_entry: EntryCheck, chunk: int = 10_000
) -> None:
    """Every entry against its commitment (``check_entry``), every tombstone against its leaf."""
    for start in range(0, log_size, chunk):
        for row in store.entries(start, min(log_size, start + chunk)):
            report.checked_commitments += 1
            if row.kind == "tombstone":
                data = events.TOMBSTONE_SALT + (row.public_json or "").encode()
                if merkle.leaf_hash(data) != row.leaf_hash:
                    report.add(
                        row.index, f"tombstone {row.index} does not match its leaf hash", exact=True
                    )
                continue
            problem = check_entry(row)
            if problem is not None:
                report.add(row.index, f"entry {row.index}: {problem}", exact=True)
