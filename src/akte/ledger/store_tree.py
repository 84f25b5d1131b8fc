"""The tree's tables: stored perfect subtrees (``nodes``) and the size (``head``); proofs
from them in one query each (see :mod:`akte.ledger.subtrees`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from akte.ledger import subtrees
from akte.ledger.merkle import ProofError
from akte.ledger.store_sql import SQLStore, StoreError


class TreeTables(SQLStore):
    """``nodes(level, idx, hash)`` and ``head(id = 1, size)``."""

    def fetch_nodes(self, keys: set[subtrees.Key]) -> dict[subtrees.Key, bytes]:
        """Stored perfect subtree hashes for the given (level, index) keys, in one query."""
        if not keys:
            return {}
        ordered = sorted(keys)
        where = " OR ".join(["(level = ? AND idx = ?)"] * len(ordered))
        params = [v for key in ordered for v in key]
        rows = self.execute(
            self._sql(f"SELECT level, idx, hash FROM {{p}}nodes WHERE {where}"),  # noqa: S608 (only placeholders)
            params,
        )
        found = {(int(level), int(idx)): bytes(h) for level, idx, h in rows}
        missing = [k for k in ordered if k not in found]
        if missing:
            raise StoreError(
                f"stored subtree hashes missing for (level, index) {missing[:3]}: the store is damaged"
            )
        return found

    def _nodes_for(self, keys: Iterable[subtrees.Key], size: int) -> dict[subtrees.Key, bytes]:
        """The nodes ``keys`` plus leaf ``size - 1``, in one query.

        The last leaf exists if and only if ``size`` is within the log (nodes are never
        deleted), so a proof costs one round trip; only on a miss is the size read to tell a
        request beyond the log apart from a damaged store.
        """
        if size < 0:
            raise ProofError(f"tree size {size} is negative")
        wanted = set(keys)
        if size > 0:
            wanted.add((0, size - 1))
        try:
            return self.fetch_nodes(wanted)
        except StoreError as exc:
            current = self._size()
            if not 0 <= size <= current:
                raise ProofError(
                    f"tree size {size} is outside 0..{current} (the current log size)"
                ) from exc
            raise

    def _hashes_at(self, ranges: list[subtrees.Range], size: int) -> list[bytes]:
        return subtrees.hashes_for(ranges, lambda keys: self._nodes_for(keys, size))

    def root(self, size: int | None = None) -> tuple[int, bytes]:
        """(size, root hash) at ``size`` (default: the current size)."""
        with self._read():
            size = self._size() if size is None else size
            return size, self._hashes_at([(0, size)], size)[0]

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        with self._read():
            return self._hashes_at(subtrees.inclusion_ranges(index, size), size)

    def inclusion_proofs(self, indices: Iterable[int], size: int) -> dict[int, list[bytes]]:
        """The inclusion proofs of several leaves in the tree of ``size``, from one query for
        the nodes all of them need (a procedure's history: one proof per entry)."""
        ranges = {index: subtrees.inclusion_ranges(index, size) for index in indices}
        keys = subtrees.keys_for(r for index_ranges in ranges.values() for r in index_ranges)
        with self._read():
            nodes = self._nodes_for(keys, size)
        return {
            index: [subtrees.range_hash(start, end, nodes) for start, end in index_ranges]
            for index, index_ranges in ranges.items()
        }

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        with self._read():
            return self._hashes_at(subtrees.consistency_ranges(old_size, new_size), new_size)

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        rows = self.execute(
            self._sql(
                "SELECT hash FROM {p}nodes WHERE level = 0 AND idx >= ? AND idx < ? ORDER BY idx"
            ),
            (start, end),
        )
        return [bytes(r[0]) for r in rows]

    def iter_level(
        self, level: int, start: int, end: int, chunk: int = 50_000
    ) -> Iterator[tuple[int, bytes]]:
        """(index, hash) of one level in index order, read in chunks."""
        while start < end:
            stop = min(end, start + chunk)
            rows = self.execute(
                self._sql(
                    "SELECT idx, hash FROM {p}nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx"
                ),
                (level, start, stop),
            )
            for idx, h in rows:
                yield int(idx), bytes(h)
            start = stop

    # --- writes, inside a write transaction ----------------------------------------------
    def _grow(self, first: int, leaves: list[bytes]) -> None:
        """Store ``leaves`` at ``first`` (the current size) with every node they complete."""
        frontier = self.fetch_nodes(set(subtrees.perfect_keys(0, first)))
        self._insert_nodes(subtrees.new_nodes(first, leaves, frontier))
        self.execute(self._sql("UPDATE {p}head SET size = ? WHERE id = 1"), (first + len(leaves),))

    def _insert_nodes(self, rows: list[tuple[int, int, bytes]]) -> None:
        self.executemany(
            self._sql("INSERT INTO {p}nodes (level, idx, hash) VALUES (?, ?, ?)"), rows
        )
