"""What every store is written against: the connection hooks, the table prefix and one
re-entrant transaction, for SQLite and PostgreSQL alike (see :mod:`akte.ledger.store`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

_PREFIX_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


class StoreError(RuntimeError):
    """The store cannot do what was asked (bad URL, missing table, out-of-range request)."""


def redact(url: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


class SQLStore:
    """The connection side of a store; a back end provides the connection and the dialect.

    ``execute``/``executemany`` run one statement on the store's connection (``{p}`` is not
    expanded there: write the prefixed table name). Transactions are re-entrant: the
    outermost one opens the database transaction, inner ones join it.
    """

    placeholder = "?"
    blob_type = "BLOB"
    without_rowid = " WITHOUT ROWID"

    def __init__(self, prefix: str = "tlog_") -> None:
        if not _PREFIX_RE.match(prefix):
            raise StoreError(f"table prefix {prefix!r} must match {_PREFIX_RE.pattern}")
        self.p = prefix
        self._lock = threading.RLock()
        self._depth = 0

    # --- what a back end provides --------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
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

    # --- shared --------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, begin: Callable[[], AbstractContextManager[None]]) -> Iterator[None]:
        """The outermost call opens a transaction with ``begin()``; nested calls join it."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                with begin():
                    yield
            finally:
                self._depth = 0

    def _sql(self, sql: str) -> str:
        sql = sql.replace("{p}", self.p)
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def size(self) -> int:
        """The number of leaves in the log."""
        with self._read():
            return self._size()

    def _size(self) -> int:
        rows = self.execute(self._sql("SELECT size FROM {p}head WHERE id = 1"))
        if not rows:
            raise StoreError("the ledger tables are missing: run `akte ledger init` first")
        return int(rows[0][0])
