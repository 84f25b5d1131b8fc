"""The off-log side of each leaf (``entries``) and the per-person data keys that open it
(``data_keys``): what erasure destroys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from akte.ledger.store_sql import SQLStore, StoreError


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


_ENTRY_COLUMNS = "e.idx, n.hash, e.kind, e.procedure, e.person, e.nonce, e.ciphertext, e.public_json, e.erased_by"


class EntryTables(SQLStore):
    """``entries(idx, kind, procedure, person, nonce, ciphertext, public_json, erased_by)``
    and ``data_keys(person, wrapped)``."""

    # --- entries -------------------------------------------------------------------------
    def _entries(self, where: str, params: Sequence[Any]) -> list[EntryRow]:
        # CROSS JOIN: SQLite keeps `entries` (found by its index on `where`) in the outer
        # loop; a plain JOIN let it walk every leaf of `nodes` instead (the whole log, for
        # one procedure's history). PostgreSQL plans both alike.
        sql = f"SELECT {_ENTRY_COLUMNS} FROM {{p}}entries e CROSS JOIN {{p}}nodes n WHERE n.level = 0 AND n.idx = e.idx AND ({where}) ORDER BY e.idx"  # noqa: S608 (constant fragments)
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
            for r in self.execute(self._sql(sql), params)
        ]

    def entries(self, start: int, end: int) -> list[EntryRow]:
        return self._entries("e.idx >= ? AND e.idx < ?", (start, end))

    def entries_for_procedure(self, procedure: str) -> list[EntryRow]:
        return self._entries("e.procedure = ?", (procedure,))

    def entries_for_person(self, person: str) -> list[EntryRow]:
        return self._entries("e.person = ?", (person,))

    def _insert_entries(self, rows: list[tuple]) -> None:
        self.executemany(
            self._sql(
                "INSERT INTO {p}entries (idx, kind, procedure, person, nonce, ciphertext, public_json) VALUES (?, ?, ?, ?, ?, ?, ?)"
            ),
            rows,
        )

    def _erase_entries(self, person: str, tombstone_index: int) -> int:
        """Destroy a person's data key and payloads; return how many entries were theirs."""
        count = len(
            self.execute(self._sql("SELECT idx FROM {p}entries WHERE person = ?"), (person,))
        )
        self.execute(self._sql("DELETE FROM {p}data_keys WHERE person = ?"), (person,))
        self.execute(
            self._sql(
                "UPDATE {p}entries SET kind = 'erased', procedure = NULL, person = NULL, nonce = NULL, "
                "ciphertext = NULL, erased_by = ? WHERE person = ?"
            ),
            (tombstone_index, person),
        )
        return count

    # --- data keys -----------------------------------------------------------------------
    def wrapped_key(self, person: str) -> bytes | None:
        rows = self.execute(
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
            found.update((person, bytes(w)) for person, w in self.execute(self._sql(sql), chunk))
        return found

    def add_wrapped_keys(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        """Store wrapped keys for persons that have none, in one transaction; return the
        keys that are stored afterwards (another process may have been first)."""
        with self._write():
            self.executemany(
                self._sql(
                    "INSERT INTO {p}data_keys (person, wrapped) VALUES (?, ?) ON CONFLICT (person) DO NOTHING"
                ),
                list(keys.items()),
            )
            return self.wrapped_keys(list(keys))

    def wrapped_key_page(self, after: str | None, limit: int) -> list[tuple[str, bytes]]:
        """Up to ``limit`` (person, wrapped) rows after person ``after`` (a key rotation)."""
        sql = "SELECT person, wrapped FROM {p}data_keys"
        params: list = []
        if after is not None:
            sql, params = sql + " WHERE person > ?", [after]
        rows = self.execute(self._sql(sql + " ORDER BY person LIMIT ?"), [*params, limit])
        return [(person, bytes(w)) for person, w in rows]

    def replace_wrapped_keys(self, changes: Sequence[tuple[str, bytes, bytes]]) -> int:
        """Set each (person, old, new) key to new where it is still old, in one transaction;
        an erased or meanwhile changed key is left alone. Returns how many changed."""
        changed = 0
        with self._write():
            for person, old, new in changes:
                rows = self.execute(
                    self._sql("SELECT wrapped FROM {p}data_keys WHERE person = ?"), (person,)
                )
                if rows and bytes(rows[0][0]) == old:
                    self.execute(
                        self._sql("UPDATE {p}data_keys SET wrapped = ? WHERE person = ?"),
                        (new, person),
                    )
                    changed += 1
        return changed

    def count_data_keys(self) -> int:
        return int(self.execute(self._sql("SELECT COUNT(*) FROM {p}data_keys"))[0][0])
