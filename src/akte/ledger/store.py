"""Storage of the log: perfect subtree hashes, entries, wrapped keys and checkpoints.

Two back ends with one interface: ``store_sqlite.SQLiteStore`` (default, stdlib ``sqlite3``) and
``store_postgres.PostgresStore`` (``psycopg`` 3); ``stores.open_store(url)`` picks one. Every
append is one transaction that takes the log's write lock first (SQLite ``BEGIN IMMEDIATE``;
PostgreSQL ``SELECT ... FOR UPDATE`` on the single head row), so concurrent writers queue up
and can never produce a duplicate index or a fork. A batch is acknowledged only after its
commit; a crash before the commit leaves the log as it was (the database rolls it back).

Tables (all names carry a configurable prefix, default ``tlog_``), each with its module:

- ``nodes(level, idx, hash)``: level 0 = leaf hashes, level L = complete perfect subtrees;
  ``head(id = 1, size)``: the tree size, the row that serialises appends (``store_tree``).
- ``entries(idx, kind, procedure, person, nonce, ciphertext, public_json, erased_by)``:
  the off-log side of each leaf (encrypted payload; public JSON for tombstones), and
  ``data_keys(person, wrapped)``: per-person data keys wrapped by the master key
  (``store_entries``).
- ``checkpoints(size, root, note, created)`` and ``cosignatures(size, witness, line)``
  (``store_checkpoints``).

This module puts them together: the schema, and the two writes that span the tables
(appending a batch, erasing a person). The connection and the transactions are in
``store_sql``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from akte.ledger.store_checkpoints import CheckpointRow, CheckpointTables
from akte.ledger.store_entries import EntryRow, EntryTables, KeysErased, NewEntry
from akte.ledger.store_sql import StoreError, redact
from akte.ledger.store_tree import TreeTables

__all__ = ["CheckpointRow", "EntryRow", "KeysErased", "NewEntry", "Store", "StoreError", "redact"]


class Store(TreeTables, EntryTables, CheckpointTables):
    """Shared logic; subclasses provide the connection, the SQL dialect and the write lock."""

    # --- schema --------------------------------------------------------------------------
    def create_schema(self) -> None:
        b, wr = self.blob_type, self.without_rowid
        statements = [
            f"CREATE TABLE IF NOT EXISTS {{p}}nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash {b} NOT NULL, PRIMARY KEY (level, idx)){wr}",
            "CREATE TABLE IF NOT EXISTS {p}head (id INTEGER PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {{p}}entries (idx BIGINT PRIMARY KEY, kind TEXT NOT NULL, procedure TEXT, person TEXT, nonce {b}, ciphertext {b}, public_json TEXT, erased_by BIGINT)",
            "CREATE INDEX IF NOT EXISTS {p}entries_procedure ON {p}entries (procedure)",
            "CREATE INDEX IF NOT EXISTS {p}entries_person ON {p}entries (person)",
            f"CREATE TABLE IF NOT EXISTS {{p}}data_keys (person TEXT PRIMARY KEY, wrapped {b} NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {{p}}checkpoints (size BIGINT PRIMARY KEY, root {b} NOT NULL, note TEXT NOT NULL, created TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS {p}cosignatures (size BIGINT NOT NULL, witness TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (size, witness))",
        ]
        with self._write_nolock():
            for statement in statements:
                self.execute(self._sql(statement))
            if not self.execute(self._sql("SELECT size FROM {p}head WHERE id = 1")):
                self.execute(self._sql("INSERT INTO {p}head (id, size) VALUES (1, 0)"))

    @contextmanager
    def _write_nolock(self) -> Iterator[None]:
        with self._write():
            yield

    # --- writes across the tables --------------------------------------------------------
    def append(self, entries: Sequence[NewEntry]) -> int:
        """Append a batch in one transaction; return the index of its first entry."""
        if not entries:
            return self.size()
        persons = {e.person for e in entries if e.person is not None}
        with self._write():
            # under the write lock, so no erasure can run between this check and the commit
            missing = persons - self.wrapped_keys(sorted(persons)).keys()
            if missing:
                raise KeysErased(missing)
            first = self._size()
            self._grow(first, [e.leaf_hash for e in entries])
            self._insert_entries(
                [
                    (first + i, e.kind, e.procedure, e.person, e.nonce, e.ciphertext, e.public_json)
                    for i, e in enumerate(entries)
                ]
            )
        return first

    def erase_person(
        self, person: str, make_tombstone: Callable[[int], NewEntry]
    ) -> tuple[int, int]:
        """Destroy a person's data key and payloads and append a tombstone, in one transaction.

        ``make_tombstone(count)`` builds the tombstone from the number of erased entries.
        Returns (number of erased entries, tombstone index).
        """
        with self._write():
            first = self._size()
            count = self._erase_entries(person, tombstone_index=first)
            tombstone = make_tombstone(count)
            self._grow(first, [tombstone.leaf_hash])
            self._insert_entries(
                [(first, tombstone.kind, None, None, None, None, tombstone.public_json)]
            )
        return count, first

    # --- bulk load (benchmarks: a log of millions of entries built outside the timing) --
    def bulk_load(
        self,
        nodes: Iterable[Sequence[tuple[int, int, bytes]]],
        entries: Iterable[Sequence[tuple]],
        wrapped_keys: Iterable[Sequence[tuple[str, bytes]]],
        size: int,
    ) -> None:
        """Write a whole log into this empty store, chunk by chunk (one transaction each),
        the head last: every perfect subtree ``(level, index, hash)``, the entries
        ``(idx, kind, procedure, person, nonce, ciphertext, public_json)`` and the wrapped
        data keys ``(person, wrapped)``. Until the head is written the log reads as empty."""
        if self.size() != 0:
            raise StoreError("bulk_load needs an empty log")
        for sql, chunks in (
            ("INSERT INTO {p}nodes (level, idx, hash) VALUES (?, ?, ?)", nodes),
            (
                "INSERT INTO {p}entries (idx, kind, procedure, person, nonce, ciphertext, public_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                entries,
            ),
            ("INSERT INTO {p}data_keys (person, wrapped) VALUES (?, ?)", wrapped_keys),
        ):
            for chunk in chunks:
                with self._write():
                    self.executemany(self._sql(sql), chunk)
        with self._write():
            self.execute(self._sql("UPDATE {p}head SET size = ? WHERE id = 1"), (size,))
