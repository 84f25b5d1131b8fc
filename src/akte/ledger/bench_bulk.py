"""A log of millions of entries for `akte bench ledger`, built in bulk outside the timing.

Every entry is a status event of one of ``size // events_per_person`` distinct persons (one
procedure each), with an encrypted-payload-sized ciphertext; every person has their own data
key, wrapped by the master key as `Ledger` would wrap it, so an append for a person of the
log reads and unwraps a real stored key. The tree is stored the way appends store it: every
perfect subtree, level by level (`subtrees`), so proofs and appends see the real tables.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator

from akte import keys
from akte.ledger import merkle
from akte.ledger.store import Store

CHUNK = 200_000
CIPHERTEXT_BYTES = 190  # what a status event's AES-GCM payload (salt, event JSON, tag) takes


def person_of(index: int, persons: int) -> str:
    return f"bulk-person-{index % persons}"


def procedure_of(person_number: int) -> str:
    return f"{1_000_000 + person_number % 9_000_000}-475"


def _leaves(size: int, seed: int) -> list[bytes]:
    sha = hashlib.sha256
    return [merkle.leaf_hash(sha(b"%d:%d" % (seed, i)).digest()) for i in range(size)]


def _node_chunks(leaves: list[bytes]) -> Iterator[list[tuple[int, int, bytes]]]:
    """Every perfect subtree, level 0 (the leaves) upwards, in chunks."""
    level, row = 0, leaves
    node = merkle.node_hash
    while row:
        for start in range(0, len(row), CHUNK):
            yield [(level, start + i, h) for i, h in enumerate(row[start : start + CHUNK])]
        row = [node(row[i], row[i + 1]) for i in range(0, len(row) - 1, 2)]
        level += 1


def _entry_chunks(size: int, persons: int) -> Iterator[list[tuple]]:
    noise = os.urandom(CIPHERTEXT_BYTES + 4096)
    for start in range(0, size, CHUNK):
        rows = []
        for i in range(start, min(size, start + CHUNK)):
            p = i % persons
            at = i % 4096
            rows.append(
                (
                    i,
                    "event",
                    procedure_of(p),
                    f"bulk-person-{p}",
                    noise[at : at + 12],
                    noise[at : at + CIPHERTEXT_BYTES],
                    None,
                )
            )
        yield rows


def _key_chunks(persons: int, master: bytes) -> Iterator[list[tuple[str, bytes]]]:
    for start in range(0, persons, CHUNK):
        yield [
            (name, keys.wrap_data_key(master, name, keys.new_key()))
            for name in (f"bulk-person-{p}" for p in range(start, min(persons, start + CHUNK)))
        ]


def build(store: Store, size: int, master: bytes, events_per_person: int = 4, seed: int = 6):
    """Fill the empty ``store`` with a log of ``size`` entries; return the number of persons."""
    persons = max(1, size // events_per_person)
    store.create_schema()
    store.bulk_load(
        _node_chunks(_leaves(size, seed)),
        _entry_chunks(size, persons),
        _key_chunks(persons, master),
        size,
    )
    return persons
