"""Proofs from stored perfect subtrees: O(log n) reads instead of O(n) leaf hashes.

The store keeps every *perfect* subtree hash of the log, addressed as ``(level, index)``:
level 0 holds the leaf hashes, and node ``(L, k)`` is the Merkle Tree Hash of leaves
``[k * 2**L, (k + 1) * 2**L)``. Perfect subtrees never change once complete (the idea of
tile-based logs), so they serve proofs for every older tree size as well.

Every hash that an RFC 9162 proof or root needs is the hash of a leaf range ``[start, end)``
that is either one perfect subtree or a right edge made of at most log2(n) perfect subtrees.
:func:`inclusion_ranges` and :func:`consistency_ranges` list those ranges, :func:`keys_for`
names the stored nodes they need (fetched in one query), :func:`range_hash` combines them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from akte.ledger.merkle import EMPTY_ROOT, ProofError, node_hash

Key = tuple[int, int]  # (level, index)
Range = tuple[int, int]  # [start, end)


def _split(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


def perfect_keys(start: int, end: int) -> list[Key]:
    """The perfect subtrees that make up the range [start, end), left to right."""
    keys: list[Key] = []
    while start < end:
        size = end - start
        if size & (size - 1) == 0 and start % size == 0:
            keys.append((size.bit_length() - 1, start // size))
            break
        k = _split(size)
        keys.append((k.bit_length() - 1, start // k))
        start += k
    return keys


def range_hash(start: int, end: int, nodes: Mapping[Key, bytes]) -> bytes:
    """The Merkle Tree Hash of leaves [start, end) from stored perfect subtree hashes."""
    if start == end:
        return EMPTY_ROOT
    keys = perfect_keys(start, end)
    h = nodes[keys[-1]]
    for key in reversed(keys[:-1]):
        h = node_hash(nodes[key], h)
    return h


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The leaf ranges whose hashes form PATH(index, D[size]), leaf to root."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside the tree of size {size}")
    ranges: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(old_size: int, new_size: int) -> list[Range]:
    """The leaf ranges whose hashes form PROOF(old_size, D[new_size])."""
    if not 0 <= old_size <= new_size:
        raise ProofError(f"old size {old_size} is outside 0..{new_size}: a log never shrinks")
    if old_size in (0, new_size):
        return []
    ranges: list[Range] = []
    m, start, end, complete = old_size, 0, new_size, True
    while m != end - start:
        k = _split(end - start)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            m -= k
            start += k
            complete = False
    if not complete:
        ranges.append((start, end))
    ranges.reverse()
    return ranges


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
    rows: list[tuple[int, int, bytes]] = []
    # stack of the current right-edge perfect subtrees as (level, index, hash)
    stack = [(level, idx, frontier[(level, idx)]) for level, idx in perfect_keys(0, first_index)]
    for offset, leaf in enumerate(leaves):
        level, idx, h = 0, first_index + offset, leaf
        rows.append((0, idx, h))
        while stack and stack[-1][0] == level and stack[-1][1] == idx - 1:
            _, _, left = stack.pop()
            level, idx, h = level + 1, idx // 2, node_hash(left, h)
            rows.append((level, idx, h))
        stack.append((level, idx, h))
    return rows
