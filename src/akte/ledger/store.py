"""Storage of the log: perfect subtree hashes, entries, wrapped keys and checkpoints.

Two back ends with one interface: ``store_sqlite.SQLiteStore`` (default, stdlib ``sqlite3``) and
``store_postgres.PostgresStore`` (``psycopg`` 3). Every append is one transaction that takes the
log's write lock first (SQLite ``BEGIN IMMEDIATE``; PostgreSQL ``SELECT ... FOR UPDATE`` on
the single head row), so concurrent writers queue up and can never produce a duplicate index
or a fork. A batch is acknowledged only after its commit; a crash before the commit leaves
the log as it was (the database rolls the batch back).

Tables (all names carry a configurable prefix, default ``tlog_``):

- ``nodes(level, idx, hash)``: level 0 = leaf hashes, level L = complete perfect subtrees.
- ``head(id = 1, size)``: the tree size, the row that serialises appends.
- ``entries(idx, kind, procedure, person, nonce, ciphertext, public_json, erased_by)``:
  the off-log side of each leaf (encrypted payload; public JSON for tombstones).
- ``data_keys(person, wrapped)``: per-person data keys wrapped by the master key.
- ``checkpoints(size, root, note, created)`` and ``cosignatures(size, witness, line)``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from akte.ledger import subtrees
from akte.ledger.merkle import ProofError

_PREFIX_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


class StoreError(RuntimeError):
    """The store cannot do what was asked (bad URL, missing table, out-of-range request)."""


class KeysErased(StoreError):
    """A person's data key was erased while a batch for them was being prepared."""

    def __init__(self, persons: set[str]) -> None:
        super().__init__(
            f"the data key of {len(persons)} person(s) in this batch was erased meanwhile; prepare the batch again"
        )
        self.persons = persons


@dataclass(frozen=True)
class NewEntry:
    """One row to append: its leaf hash and the off-log data kept beside it."""

    leaf_hash: bytes
    kind: str  # "event" or "tombstone"
    procedure: str | None = None
    person: str | None = None
    nonce: bytes | None = None
    ciphertext: bytes | None = None
    public_json: str | None = None


@dataclass(frozen=True)
class EntryRow:
    index: int
    leaf_hash: bytes
    kind: str
    procedure: str | None
    person: str | None
    nonce: bytes | None
    ciphertext: bytes | None
    public_json: str | None
    erased_by: int | None


@dataclass(frozen=True)
class CheckpointRow:
    size: int
    root: bytes
    note: str
    created: str


_ENTRY_COLUMNS = "e.idx, n.hash, e.kind, e.procedure, e.person, e.nonce, e.ciphertext, e.public_json, e.erased_by"


class Store:
    """Shared logic; subclasses provide the connection, the SQL dialect and the write lock."""

    placeholder = "?"
    blob_type = "BLOB"
    without_rowid = " WITHOUT ROWID"

    def __init__(self, prefix: str = "tlog_") -> None:
        if not _PREFIX_RE.match(prefix):
            raise StoreError(f"table prefix {prefix!r} must match {_PREFIX_RE.pattern}")
        self.p = prefix
        self._lock = threading.RLock()

    # --- dialect hooks -------------------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A transaction holding the log's write lock."""
        raise NotImplementedError
        yield

    @contextmanager
    def _read(self) -> Iterator[None]:
        """A consistent read snapshot."""
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        sql = sql.replace("{p}", self.p)
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

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
                self._execute(self._sql(statement))
            if not self._execute(self._sql("SELECT size FROM {p}head WHERE id = 1")):
                self._execute(self._sql("INSERT INTO {p}head (id, size) VALUES (1, 0)"))

    @contextmanager
    def _write_nolock(self) -> Iterator[None]:
        with self._write():
            yield

    # --- tree ----------------------------------------------------------------------------
    def size(self) -> int:
        with self._read():
            return self._size()

    def _size(self) -> int:
        rows = self._execute(self._sql("SELECT size FROM {p}head WHERE id = 1"))
        if not rows:
            raise StoreError("the ledger tables are missing: run `akte ledger init` first")
        return int(rows[0][0])

    def fetch_nodes(self, keys: set[subtrees.Key]) -> dict[subtrees.Key, bytes]:
        """Stored perfect subtree hashes for the given (level, index) keys, in one query."""
        if not keys:
            return {}
        ordered = sorted(keys)
        where = " OR ".join(["(level = ? AND idx = ?)"] * len(ordered))
        params = [v for key in ordered for v in key]
        rows = self._execute(
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

    def _check_size(self, size: int, current: int) -> None:
        if not 0 <= size <= current:
            raise ProofError(f"tree size {size} is outside 0..{current} (the current log size)")

    def _nodes_for(self, ranges: list[subtrees.Range], size: int) -> dict[subtrees.Key, bytes]:
        """The nodes for ``ranges`` plus leaf ``size - 1``, in one query.

        The last leaf exists if and only if ``size`` is within the log (nodes are never
        deleted), so a proof costs one round trip; only on a miss is the size read to tell a
        request beyond the log apart from a damaged store.
        """
        if size < 0:
            raise ProofError(f"tree size {size} is negative")
        keys = subtrees.keys_for(ranges)
        if size > 0:
            keys.add((0, size - 1))
        try:
            return self.fetch_nodes(keys)
        except StoreError:
            self._check_size(size, self._size())
            raise

    def root(self, size: int | None = None) -> tuple[int, bytes]:
        """(size, root hash) at ``size`` (default: the current size)."""
        with self._read():
            size = self._size() if size is None else size
            return size, subtrees.range_hash(0, size, self._nodes_for([(0, size)], size))

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        with self._read():
            ranges = subtrees.inclusion_ranges(index, size)
            nodes = self._nodes_for(ranges, size)
            return [subtrees.range_hash(a, b, nodes) for a, b in ranges]

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        with self._read():
            ranges = subtrees.consistency_ranges(old_size, new_size)
            nodes = self._nodes_for(ranges, new_size)
            return [subtrees.range_hash(a, b, nodes) for a, b in ranges]

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        rows = self._execute(
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
            rows = self._execute(
                self._sql(
                    "SELECT idx, hash FROM {p}nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx"
                ),
                (level, start, stop),
            )
            for idx, h in rows:
                yield int(idx), bytes(h)
            start = stop

    # --- appends -------------------------------------------------------------------------
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
            frontier = self.fetch_nodes(set(subtrees.perfect_keys(0, first)))
            rows = subtrees.new_nodes(first, [e.leaf_hash for e in entries], frontier)
            self._insert_nodes(rows)
            self._insert_entries(
                [
                    (first + i, e.kind, e.procedure, e.person, e.nonce, e.ciphertext, e.public_json)
                    for i, e in enumerate(entries)
                ]
            )
            self._execute(
                self._sql("UPDATE {p}head SET size = ? WHERE id = 1"), (first + len(entries),)
            )
        return first

    def _insert_nodes(self, rows: list[tuple[int, int, bytes]]) -> None:
        self._executemany(
            self._sql("INSERT INTO {p}nodes (level, idx, hash) VALUES (?, ?, ?)"), rows
        )

    def _insert_entries(self, rows: list[tuple]) -> None:
        self._executemany(
            self._sql(
                "INSERT INTO {p}entries (idx, kind, procedure, person, nonce, ciphertext, public_json) VALUES (?, ?, ?, ?, ?, ?, ?)"
            ),
            rows,
        )

    # --- entries -------------------------------------------------------------------------
    def _entries(self, where: str, params: Sequence[Any]) -> list[EntryRow]:
        sql = f"SELECT {_ENTRY_COLUMNS} FROM {{p}}entries e JOIN {{p}}nodes n ON n.level = 0 AND n.idx = e.idx WHERE {where} ORDER BY e.idx"  # noqa: S608 (constant fragments)
        return [
            EntryRow(
                index=int(r[0]),
                leaf_hash=bytes(r[1]),
                kind=r[2],
                procedure=r[3],
                person=r[4],
                nonce=None if r[5] is None else bytes(r[5]),
                ciphertext=None if r[6] is None else bytes(r[6]),
                public_json=r[7],
                erased_by=None if r[8] is None else int(r[8]),
            )
            for r in self._execute(self._sql(sql), params)
        ]

    def entries(self, start: int, end: int) -> list[EntryRow]:
        return self._entries("e.idx >= ? AND e.idx < ?", (start, end))

    def entries_for_procedure(self, procedure: str) -> list[EntryRow]:
        return self._entries("e.procedure = ?", (procedure,))

    def entries_for_person(self, person: str) -> list[EntryRow]:
        return self._entries("e.person = ?", (person,))

    # --- data keys -----------------------------------------------------------------------
    def wrapped_key(self, person: str) -> bytes | None:
        rows = self._execute(
            self._sql("SELECT wrapped FROM {p}data_keys WHERE person = ?"), (person,)
        )
        return bytes(rows[0][0]) if rows else None

    def wrapped_keys(self, persons: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        unique = sorted(set(persons))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ", ".join(["?"] * len(chunk))
            sql = f"SELECT person, wrapped FROM {{p}}data_keys WHERE person IN ({marks})"  # noqa: S608 (placeholders)
            found.update((person, bytes(w)) for person, w in self._execute(self._sql(sql), chunk))
        return found

    def add_wrapped_keys(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        """Store wrapped keys for persons that have none, in one transaction; return the
        keys that are stored afterwards (another process may have been first)."""
        with self._write():
            self._executemany(
                self._sql(
                    "INSERT INTO {p}data_keys (person, wrapped) VALUES (?, ?) ON CONFLICT (person) DO NOTHING"
                ),
                list(keys.items()),
            )
            return self.wrapped_keys(list(keys))

    def erase_person(
        self, person: str, make_tombstone: Callable[[int], NewEntry]
    ) -> tuple[int, int]:
        """Destroy a person's data key and payloads and append a tombstone, in one transaction.

        ``make_tombstone(count)`` builds the tombstone from the number of erased entries.
        Returns (number of erased entries, tombstone index).
        """
        with self._write():
            first = self._size()
            frontier = self.fetch_nodes(set(subtrees.perfect_keys(0, first)))
            count = len(
                self._execute(self._sql("SELECT idx FROM {p}entries WHERE person = ?"), (person,))
            )
            tombstone = make_tombstone(count)
            self._execute(self._sql("DELETE FROM {p}data_keys WHERE person = ?"), (person,))
            self._execute(
                self._sql(
                    "UPDATE {p}entries SET kind = 'erased', procedure = NULL, person = NULL, nonce = NULL, "
                    "ciphertext = NULL, erased_by = ? WHERE person = ?"
                ),
                (first, person),
            )
            self._insert_nodes(subtrees.new_nodes(first, [tombstone.leaf_hash], frontier))
            self._insert_entries(
                [(first, tombstone.kind, None, None, None, None, tombstone.public_json)]
            )
            self._execute(self._sql("UPDATE {p}head SET size = ? WHERE id = 1"), (first + 1,))
        return count, first

    # --- checkpoints ---------------------------------------------------------------------
    def add_checkpoint(self, size: int, root: bytes, note: str, created: str) -> CheckpointRow:
        with self._write():
            self._execute(
                self._sql(
                    "INSERT INTO {p}checkpoints (size, root, note, created) VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING"
                ),
                (size, root, note, created),
            )
        found = self.checkpoint(size)
        assert found is not None
        return found

    def checkpoint(self, size: int | None = None) -> CheckpointRow | None:
        """The checkpoint at ``size``, or the latest one."""
        if size is None:
            sql, params = (
                "SELECT size, root, note, created FROM {p}checkpoints ORDER BY size DESC LIMIT 1",
                (),
            )
        else:
            sql, params = (
                "SELECT size, root, note, created FROM {p}checkpoints WHERE size = ?",
                (size,),
            )
        rows = self._execute(self._sql(sql), params)
        return (
            CheckpointRow(int(rows[0][0]), bytes(rows[0][1]), rows[0][2], rows[0][3])
            if rows
            else None
        )

    def checkpoints(self) -> list[CheckpointRow]:
        rows = self._execute(
            self._sql("SELECT size, root, note, created FROM {p}checkpoints ORDER BY size")
        )
        return [CheckpointRow(int(r[0]), bytes(r[1]), r[2], r[3]) for r in rows]

    def add_cosignature(self, size: int, witness: str, line: str) -> None:
        with self._write():
            self._execute(
                self._sql(
                    "INSERT INTO {p}cosignatures (size, witness, line) VALUES (?, ?, ?) ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line"
                ),
                (size, witness, line),
            )

    def cosignatures(self, size: int) -> list[str]:
        rows = self._execute(
            self._sql("SELECT line FROM {p}cosignatures WHERE size = ? ORDER BY witness"), (size,)
        )
        return [r[0] for r in rows]


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def open_store(url: str, prefix: str = "tlog_") -> Store:
    """Open a store from a URL: ``sqlite:///path/to/file.db``, a plain path, or ``postgresql://...``."""
    if url.startswith(("postgresql://", "postgres://")):
        from akte.ledger.store_postgres import PostgresStore

        return PostgresStore(url, prefix)
    from akte.ledger.store_sqlite import SQLiteStore

    if url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite:///"), prefix)  # sqlite:////abs -> /abs
    if "://" in url:
        raise StoreError(
            f"unsupported database URL {redact(url)!r}: use sqlite:///PATH or postgresql://..."
        )
    return SQLiteStore(url, prefix)
