"""Opening a store from a database URL: the one place that knows both back ends."""

from __future__ import annotations

from akte.ledger.store import Store, StoreError, redact
from akte.ledger.store_postgres import PostgresStore
from akte.ledger.store_sqlite import SQLiteStore


def open_store(url: str, prefix: str = "tlog_") -> Store:
    """Open a store from a URL: ``sqlite:///path/to/file.db``, a plain path, or ``postgresql://...``."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url, prefix)
    if url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite:///"), prefix)  # sqlite:////abs -> /abs
    if "://" in url:
        raise StoreError(
            f"unsupported database URL {redact(url)!r}: use sqlite:///PATH or postgresql://..."
        )
    return SQLiteStore(url, prefix)
