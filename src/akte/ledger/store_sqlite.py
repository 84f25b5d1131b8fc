"""The default store: one SQLite file (stdlib ``sqlite3``) in WAL mode, ``secure_delete`` on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from akte.ledger.store import Store, StoreError


@contextmanager
def _errors(path: Path) -> Iterator[None]:
    """SQLite errors as StoreErrors that say what to do."""
    try:
        yield
    except sqlite3.Error as exc:
        if "no such table" in str(exc):
            raise StoreError(
                f"{path}: the ledger tables are missing: run `akte ledger init` first"
            ) from exc
        raise StoreError(f"SQLite {path}: {exc}") from exc


class SQLiteStore(Store):
    """The default store: one SQLite file in WAL mode with ``secure_delete`` on."""

    def __init__(self, path: str | Path, prefix: str = "tlog_", timeout: float = 60.0) -> None:
        super().__init__(prefix)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA secure_delete=ON")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock, _errors(self.path):
            return self._conn.execute(sql, params).fetchall()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock, _errors(self.path):
            self._conn.executemany(sql, rows)

    @contextmanager
    def _begin(self, statement: str) -> Iterator[None]:
        self._conn.execute(statement)
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self._transaction(lambda: self._begin("BEGIN IMMEDIATE")):
            yield

    @contextmanager
    def _read(self) -> Iterator[None]:
        with self._transaction(lambda: self._begin("BEGIN")):
            yield

    def compact(self, vacuum: bool = False, wait_ms: int = 2000) -> bool:
        """Move the WAL into the database file and truncate it; optionally VACUUM.

        Waits at most ``wait_ms`` for readers. Returns False if an open read kept the WAL from
        being truncated (old page images then stay in the -wal file until the next compaction).
        """
        with self._lock, _errors(self.path):
            timeout = self._conn.execute("PRAGMA busy_timeout").fetchone()[0]
            self._conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if vacuum:
                    self._conn.execute("VACUUM")
                    busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            return busy == 0

    def close(self) -> None:
        with self._lock:
            self._conn.close()
