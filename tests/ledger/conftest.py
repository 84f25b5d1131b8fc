"""Fixtures: a SQLite ledger in a temporary directory, and PostgreSQL when reachable.

PostgreSQL tests use their own table prefix and drop their tables afterwards. They skip
with a reason when the server is unreachable, but fail when CI=true.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from akte.ledger import crypto, note
from akte.ledger.events import StatusEvent
from akte.ledger.log import Ledger
from akte.ledger.store import StoreError
from akte.ledger.store_postgres import PostgresStore
from akte.ledger.store_sqlite import SQLiteStore

PG_URL = os.environ.get("AKTE_LEDGER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
ORIGIN = "akte.test/ledger"


def event(i: int, procedure: str = "1234567-475") -> StatusEvent:
    return StatusEvent(procedure, f"status_{i}", "BAMF-BER", f"2026-11-23T09:{i % 60:02d}:00Z")


@pytest.fixture
def signer() -> note.Signer:
    return note.Signer.generate(ORIGIN)


@pytest.fixture
def master_key() -> bytes:
    return crypto.new_key()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(sqlite_path: Path, signer: note.Signer, master_key: bytes) -> Iterator[Ledger]:
    store = SQLiteStore(sqlite_path)
    store.create_schema()
    yield Ledger(store, ORIGIN, signer=signer, master_key=master_key)
    store.close()


def pg_store_or_skip(prefix: str) -> PostgresStore:
    try:
        return PostgresStore(PG_URL, prefix)
    except StoreError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required when CI=true: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} (set AKTE_LEDGER_TEST_PG): {exc}")


@pytest.fixture
def pg_prefix() -> Iterator[str]:
    prefix = f"ledgertest_{uuid.uuid4().hex[:10]}_"
    store = pg_store_or_skip(prefix)
    yield prefix
    store.drop_schema()
    store.close()
