"""Proofs from stored perfect subtrees: O(log n) reads instead of O(n) leaf hashes.

The store keeps every *perfect* subtree hash of the log, addressed as ``(level, index)``:
level 0 holds the leaf hashes, and node ``(L, k)`` is the Merkle Tree Hash of leaves
``[k * 2**L, (k + 1) * 2**L)``. Perfect subtrees never change once complete (the idea of
tile-based logs), so they serve proofs for every older tree size as well.

Every hash that an RFC 9162 proof or root needs is the hash of a leaf range ``[start, end)``
that is either one perfect subtree or a right edge made of at most log2(n) perfect subtrees.
The walk that lists those ranges is :func:`akte.ledger.merkle.inclusion_ranges` /
:func:`~akte.ledger.merkle.consistency_ranges`; :func:`keys_for` names the stored nodes they
need (fetched in one query), :func:`range_hash` combines them, :func:`hashes_for` does both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from akte.ledger.merkle import Frontier, Range, fold, split

# the walk itself, for callers that think in stored subtrees
from akte.ledger.merkle import consistency_ranges as consistency_ranges  # noqa: F401
from akte.ledger.merkle import inclusion_ranges as inclusion_ranges  # noqa: F401

Key = tuple[int, int]  # (level, index)


def perfect_keys(start: int, end: int) -> list[Key]:
    """The perfect subtrees that make up the range [start, end), left to right."""
    keys: list[Key] = []
    while start < end:
        size = end - start
        if size & (size - 1) == 0 and start % size == 0:
            keys.append((size.bit_length() - 1, start // size))
            break
        k = split(size)
        keys.append((k.bit_length() - 1, start // k))
        start += k
    return keys


def range_hash(start: int, end: int, nodes: Mapping[Key, bytes]) -> bytes:
    """The Merkle Tree Hash of leaves [start, end) from stored perfect subtree hashes."""
    return fold([nodes[key] for key in perfect_keys(start, end)])


def keys_for(ranges: Iterable[Range]) -> set[Key]:
    """All stored nodes needed to hash the given ranges."""
    keys: set[Key] = set()
    for start, end in ranges:
        keys.update(perfect_keys(start, end))
    return keys


def hashes_for(
    ranges: list[Range], fetch: Callable[[set[Key]], Mapping[Key, bytes]]
) -> list[bytes]:
    """Hash each range with one call to ``fetch`` (one database round trip)."""
    nodes = fetch(keys_for(ranges))
    return [range_hash(start, end, nodes) for start, end in ranges]


def new_nodes(
    first_index: int, leaves: list[bytes], frontier: Mapping[Key, bytes]
) -> list[tuple[int, int, bytes]]:
    """The nodes completed by appending ``leaves`` at ``first_index``.

    ``frontier`` holds the perfect subtrees of the tree before the append (``perfect_keys(0,
    first_index)``). Returns ``(level, index, hash)`` rows including the leaves themselves.
    """
    edge = Frontier(first_index, [frontier[key] for key in perfect_keys(0, first_index)])
    rows: list[tuple[int, int, bytes]] = []
    edge.extend(leaves, rows)
    return rows
