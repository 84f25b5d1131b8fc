"""The master-key rotation's two store queries (a page of wrapped keys, compare-and-set) on
SQLite and PostgreSQL (the whole rotation: tests/keys/test_rotation.py)."""

from __future__ import annotations

import pytest

from akte import keys
from akte.keys import rotation
from akte.ledger.log import Ledger
from akte.ledger.store_postgres import PostgresStore
from akte.ledger.store_sqlite import SQLiteStore

from .conftest import ORIGIN, PG_URL, event


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        made = SQLiteStore(tmp_path / "ledger.db")
    else:
        made = PostgresStore(PG_URL, request.getfixturevalue("pg_prefix"))
    made.create_schema()
    yield made
    made.close()


def opened_by(master: bytes, rows: dict[str, bytes]) -> int:
    opened = 0
    for person, wrapped in rows.items():
        try:
            keys.unwrap_data_key(master, person, wrapped)
            opened += 1
        except keys.CryptoError:
            pass
    return opened


def test_rewrap_pages_through_every_key_and_never_clobbers_a_changed_one(store):
    old, new = keys.new_key(), keys.new_key()
    ledger = Ledger(store, ORIGIN, master_key=old)
    ledger.append_many([(f"person:{i}", event(i, f"100000{i}-475")) for i in range(5)])
    report = rotation.RotationReport()
    rotation.rewrap(store, old, new, report, page=2)
    rows = dict(store.wrapped_key_page(None, 100))
    assert report.rewrapped == 5 and opened_by(new, rows) == 5 and opened_by(old, rows) == 0
    assert [p for p, _ in store.wrapped_key_page("person:2", 100)] == ["person:3", "person:4"]
    assert store.replace_wrapped_keys([("person:0", b"not what is stored", b"x")]) == 0
    assert store.replace_wrapped_keys([("person:9", b"", b"x")]) == 0  # erased: stays gone
    assert store.count_data_keys() == 5
